#include "probe/ProbeCanvas.h"

#include "render/TextRenderer.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace ms {
namespace {

// A perceptually ordered dark-to-bright ramp (black → purple → orange → yellow), with
// opacity rising with the value, so weak activations leave the picture visible.
QRgb heatColour(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    const float r = std::clamp(1.8f * t, 0.0f, 1.0f);
    const float g = std::clamp(1.6f * t - 0.6f, 0.0f, 1.0f);
    const float b = std::clamp(t < 0.5f ? 1.2f * t : 1.2f * (1.0f - t), 0.0f, 1.0f);
    return qRgba(int(255 * r), int(255 * g), int(255 * b), int(20 + 140 * t));
}

}  // namespace

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
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const float span = std::max(1e-6f, *hi - *lo);
    m_heat = QImage(gridWidth, gridHeight, QImage::Format_ARGB32);
    for (int y = 0; y < gridHeight; ++y)
        for (int x = 0; x < gridWidth; ++x) m_heat.setPixel(x, y, heatColour((values[size_t(y * gridWidth + x)] - *lo) / span));
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
