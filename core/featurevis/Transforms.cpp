#include "featurevis/Transforms.h"

#include "util/Error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace ms::transforms {

namespace {

constexpr double kPi = 3.14159265358979323846;

template <typename T>
const T& draw(const std::vector<T>& choices, Rng& rng) {
    return choices[static_cast<size_t>(rng.below(static_cast<int>(choices.size())))];
}

// Crops or pads one axis (2 = height, 3 = width) to `target`, centred.
at::Tensor fitAxis(const at::Tensor& x, int64_t axis, int64_t target, double value) {
    const int64_t size = x.size(axis);
    if (size == target) return x;
    if (size > target) {
        const int64_t start = (size - target) / 2;
        return x.slice(axis, start, start + target);
    }
    const int64_t before = (target - size) / 2, after = target - size - before;
    // constant_pad_nd lists the last dimension first.
    const std::vector<int64_t> padding = axis == 3 ? std::vector<int64_t>{before, after}
                                                   : std::vector<int64_t>{0, 0, before, after};
    return at::constant_pad_nd(x, padding, value);
}

// The sampling grid of a rotation by `angle` (radians) about the centre, [1, h, w, 2] in the
// grid sampler's [-1, 1] coordinates (pixel centres, as align_corners=false reads them),
// corrected for the aspect ratio so that pixels rotate as squares.
at::Tensor rotationGrid(double angle, int64_t h, int64_t w, const at::TensorOptions& options) {
    const double c = std::cos(angle), s = std::sin(angle), aspect = double(w) / double(h);
    const at::Tensor xs = at::linspace(-1.0 + 1.0 / w, 1.0 - 1.0 / w, w, options).view({1, w});
    const at::Tensor ys = at::linspace(-1.0 + 1.0 / h, 1.0 - 1.0 / h, h, options).view({h, 1});
    return at::stack({c * xs - (s / aspect) * ys, (s * aspect) * xs + c * ys}, -1).unsqueeze(0);
}

void requireChoices(const std::vector<double>& choices, const char* what) {
    if (choices.empty()) throw Error(std::string(what) + ": the list of choices is empty");
}

}  // namespace

Transform pad(int pixels, double value) {
    if (pixels < 0) throw Error("pad transform: negative size " + std::to_string(pixels));
    return [pixels, value](const at::Tensor& x, Rng&) {
        if (pixels == 0) return x;
        return at::constant_pad_nd(x, {pixels, pixels, pixels, pixels}, value);
    };
}

Transform jitter(int pixels) {
    if (pixels < 0) throw Error("jitter transform: negative size " + std::to_string(pixels));
    return [pixels](const at::Tensor& x, Rng& rng) {
        // Always draw, so that later steps see the same random sequence whatever the size.
        const int64_t dy = rng.below(pixels + 1), dx = rng.below(pixels + 1);
        const int64_t h = x.size(2) - pixels, w = x.size(3) - pixels;
        if (pixels == 0 || h < 1 || w < 1) return x;
        return x.slice(2, dy, dy + h).slice(3, dx, dx + w);
    };
}

Transform randomScale(std::vector<double> factors) {
    requireChoices(factors, "scale transform");
    return [factors = std::move(factors)](const at::Tensor& x, Rng& rng) {
        const double factor = draw(factors, rng);
        const int64_t h = std::max<int64_t>(1, std::llround(x.size(2) * factor));
        const int64_t w = std::max<int64_t>(1, std::llround(x.size(3) * factor));
        if (h == x.size(2) && w == x.size(3)) return x;
        return at::upsample_bilinear2d(x, {h, w}, /*align_corners=*/false);
    };
}

Transform randomRotate(std::vector<double> degrees) {
    requireChoices(degrees, "rotate transform");
    return [degrees = std::move(degrees)](const at::Tensor& x, Rng& rng) {
        const double angle = draw(degrees, rng) * kPi / 180.0;
        if (angle == 0.0) return x;
        const int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        // LibTorch's CPU grid sampler parallelises over the batch only: sampling each channel
        // as its own batch item lets all threads work on a single image.
        const at::Tensor grid = rotationGrid(angle, h, w, x.options()).expand({n * c, h, w, 2});
        return at::grid_sampler(x.reshape({n * c, 1, h, w}), grid, /*bilinear*/ 0, /*zeros*/ 0,
                                /*align_corners=*/false)
            .view({n, c, h, w});
    };
}

Transform fitToSize(int height, int width, double value) {
    if (height < 1 || width < 1)
        throw Error("fit-to-size transform: invalid size " + std::to_string(height) + "x" + std::to_string(width));
    return [height, width, value](const at::Tensor& x, Rng&) {
        return fitAxis(fitAxis(x, 2, height, value), 3, width, value);
    };
}

Transform compose(std::vector<Transform> steps) {
    return [steps = std::move(steps)](const at::Tensor& x, Rng& rng) {
        at::Tensor out = x;
        for (const Transform& t : steps) out = t(out, rng);
        return out;
    };
}

Transform fromStep(const TransformStep& step, int height, int width) {
    switch (step.kind) {
    case TransformStep::Kind::Pad: return pad(step.pixels, step.value);
    case TransformStep::Kind::Jitter: return jitter(step.pixels);
    case TransformStep::Kind::RandomScale: return randomScale(step.choices);
    case TransformStep::Kind::RandomRotate: return randomRotate(step.choices);
    case TransformStep::Kind::FitToSize: return fitToSize(height, width, step.value);
    }
    throw Error("unknown transform step");
}

Transform fromPreset(const TransformPreset& preset, int height, int width) {
    std::vector<Transform> steps;
    for (const TransformStep& s : preset.steps) steps.push_back(fromStep(s, height, width));
    return compose(std::move(steps));
}

}  // namespace ms::transforms
