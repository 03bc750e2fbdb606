#include "probe/ProbeCanvas.h"

#include "probe/Heatmap.h"
#include "render/TextRenderer.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace ms {

ProbeCanvas::ProbeCanvas(QWidget* parent) : QWidget(parent) {
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(false);
}

void ProbeCanvas::setImage(const QImage& view) {
    m_view = view;
    m_heat = QImage();
    update();
}

void ProbeCanvas::setOverlays(const std::vector<WordOverlay>& overlays) {
    m_overlays = overlays;
    if (m_selected >= int(m_overlays.size())) m_selected = int(m_overlays.size()) - 1;
    update();
}

void ProbeCanvas::selectOverlay(int index) {
    m_selected = index;
    update();
}

void ProbeCanvas::setHeatmap(const std::vector<float>& values, int gridWidth, int gridHeight) {
    if (values.empty() || gridWidth <= 0 || gridHeight <= 0) {
        m_heat = QImage();
        update();
        return;
    }
    m_heat = heatmapImage(values.data(), gridWidth, gridHeight);
    update();
}

QRectF ProbeCanvas::imageRect() const {
    if (m_view.isNull()) return {};
    const double side = std::min(width(), height());
    return QRectF((width() - side) / 2, (height() - side) / 2, side, side);
}

QPointF ProbeCanvas::toImage(const QPointF& p) const {
    const QRectF r = imageRect();
    if (r.isEmpty()) return {};
    return QPointF((p.x() - r.left()) * m_view.width() / r.width(), (p.y() - r.top()) * m_view.height() / r.height());
}

QPointF ProbeCanvas::toWidget(const QPointF& p) const {
    const QRectF r = imageRect();
    if (r.isEmpty()) return {};
    return QPointF(r.left() + p.x() * r.width() / m_view.width(), r.top() + p.y() * r.height() / m_view.height());
}

int ProbeCanvas::overlayAt(const QPointF& imagePoint) const {
    for (int i = int(m_overlays.size()) - 1; i >= 0; --i) {  // topmost first
        const WordOverlay& o = m_overlays[size_t(i)];
        if (textFootprint(o.word, o.style, o.centre).contains(imagePoint)) return i;
    }
    return -1;
}

void ProbeCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (m_view.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Drop an image here, paste one, or use File → Probe image…"));
        return;
    }
    QImage shown = m_view;
    for (const WordOverlay& o : m_overlays) shown = applyWordOverlay(shown, o);
    const QRectF r = imageRect();
    p.setRenderHint(QPainter::SmoothPixmapTransform, r.width() < m_view.width());
    p.drawImage(r, shown);
    if (!m_heat.isNull()) {
        p.setRenderHint(QPainter::SmoothPixmapTransform, true);  // a smooth map, as the grid is coarse
        p.drawImage(r, m_heat);
    }
    if (m_selected >= 0 && m_selected < int(m_overlays.size())) {
        const WordOverlay& o = m_overlays[size_t(m_selected)];
        const QRectF box = textFootprint(o.word, o.style, o.centre);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(toWidget(box.topLeft()), toWidget(box.bottomRight())));
    }
}

void ProbeCanvas::mousePressEvent(QMouseEvent* event) {
    const QPointF at = toImage(event->position());
    const int hit = overlayAt(at);
    m_selected = hit;
    m_dragging = hit;
    if (hit >= 0) m_dragOffset = m_overlays[size_t(hit)].centre - at;
    Q_EMIT overlaySelected(hit);
    update();
}

void ProbeCanvas::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragging < 0) return;
    QPointF centre = toImage(event->position()) + m_dragOffset;
    centre.setX(std::clamp(centre.x(), 0.0, double(m_view.width())));
    centre.setY(std::clamp(centre.y(), 0.0, double(m_view.height())));
    m_overlays[size_t(m_dragging)].centre = centre;
    update();
    Q_EMIT overlayMoved(m_dragging, centre);
}

void ProbeCanvas::mouseReleaseEvent(QMouseEvent*) { m_dragging = -1; }

}  // namespace ms
