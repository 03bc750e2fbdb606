#pragma once
// Robustness transforms (Lucid's transform module): small functions from an image batch
// [N, 3, H, W] to an image batch, chained by compose(). Their random draws come only from the
// generator passed in and are shared by the whole batch, so a seed fixes every step. All are
// differentiable with respect to the image.

#include "featurevis/TransformPresets.h"
#include "world/Rng.h"

#include <ATen/core/Tensor.h>

#include <functional>
#include <vector>

namespace ms {

using Transform = std::function<at::Tensor(const at::Tensor& images, Rng& rng)>;

namespace transforms {

// Pads `pixels` on every side with the constant `value`.
Transform pad(int pixels, double value = 0.5);
// A random shift: a crop `pixels` smaller on each axis at an offset drawn from [0, pixels].
Transform jitter(int pixels);
// Resizes (bilinear) by a factor drawn from `factors`; sizes are rounded to whole pixels.
Transform randomScale(std::vector<double> factors);
// Rotates about the centre by an angle in degrees drawn from `degrees` (bilinear; what comes
// from outside the image is 0).
Transform randomRotate(std::vector<double> degrees);
// Crops (centred) or pads with `value` to exactly height × width.
Transform fitToSize(int height, int width, double value = 0.5);
// Applies the transforms in order.
Transform compose(std::vector<Transform> steps);

// One step of a preset as a function; FitToSize targets height × width.
Transform fromStep(const TransformStep& step, int height, int width);
// A whole preset; FitToSize steps target height × width.
Transform fromPreset(const TransformPreset& preset, int height, int width);

}  // namespace transforms

}  // namespace ms
