#include "probe/Heatmap.h"

#include <algorithm>

namespace ms {
namespace {

QRgb heatColour(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    const float r = std::clamp(1.8f * t, 0.0f, 1.0f);
    const float g = std::clamp(1.6f * t - 0.6f, 0.0f, 1.0f);
    const float b = std::clamp(t < 0.5f ? 1.2f * t : 1.2f * (1.0f - t), 0.0f, 1.0f);
    return qRgba(int(255 * r), int(255 * g), int(255 * b), int(20 + 140 * t));
}

}  // namespace

QImage heatmapImage(const float* values, int gridWidth, int gridHeight) {
    if (!values || gridWidth <= 0 || gridHeight <= 0) return {};
    const auto [lo, hi] = std::minmax_element(values, values + gridWidth * gridHeight);
    const float span = std::max(1e-6f, *hi - *lo);
    QImage heat(gridWidth, gridHeight, QImage::Format_ARGB32);
    for (int y = 0; y < gridHeight; ++y)
        for (int x = 0; x < gridWidth; ++x) heat.setPixel(x, y, heatColour((values[y * gridWidth + x] - *lo) / span));
    return heat;
}

}  // namespace ms
