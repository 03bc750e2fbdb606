#pragma once
// The probed picture as the model sees it (R × R, enlarged without blurring), the words
// written on it — drag one to move it, click one to select it — and, when set, a unit's
// spatial activation as a heatmap over the picture.

#include "world/WorldGenerator.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace ms {

class ProbeCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ProbeCanvas(QWidget* parent = nullptr);

    void setImage(const QImage& view);  // R × R
    const QImage& image() const { return m_view; }
    void setOverlays(const std::vector<WordOverlay>& overlays);
    const std::vector<WordOverlay>& overlays() const { return m_overlays; }
    int selectedOverlay() const { return m_selected; }
    void selectOverlay(int index);
    // values: gridHeight × gridWidth, row-major; empty clears the heatmap.
    void setHeatmap(const std::vector<float>& values, int gridWidth, int gridHeight);
    bool hasHeatmap() const { return !m_heat.isNull(); }

    // Widget point ↔ picture pixel.
    QPointF toImage(const QPointF& widgetPoint) const;
    QPointF toWidget(const QPointF& imagePoint) const;

    QSize sizeHint() const override { return {320, 320}; }

Q_SIGNALS:
    void overlayMoved(int index, const QPointF& centre);  // while dragging
    void overlaySelected(int index);                      // -1: none

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QRectF imageRect() const;
    int overlayAt(const QPointF& imagePoint) const;

    QImage m_view;
    QImage m_heat;  // ARGB, grid-sized
    std::vector<WordOverlay> m_overlays;
    int m_selected = -1;
    int m_dragging = -1;
    QPointF m_dragOffset;
};

}  // namespace ms
