#pragma once
// A unit's spatial map as a translucent picture to lay over the image it was computed on:
// one pixel per grid cell (draw it scaled up, smoothly), a dark-to-bright ramp (black →
// purple → orange → yellow) with opacity rising with the value, so weak activations leave the
// picture visible. Normalised to the map's own range.

#include <QImage>

namespace ms {

QImage heatmapImage(const float* values, int gridWidth, int gridHeight);

}  // namespace ms
