#include "featurevis/Objectives.h"

#include "util/Error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstdio>

namespace ms::objectives {

namespace {

// The batch rows a term reads: all of them, or one.
at::Tensor rows(const at::Tensor& t, int batch) {
    if (batch < 0) return t;
    if (batch >= t.size(0))
        throw Error("objective: batch index " + std::to_string(batch) + " but the batch has " +
                    std::to_string(t.size(0)) + " images");
    return t.slice(0, batch, batch + 1);
}

// One unit's map [n, gh, gw], checking the index against the point's width.
at::Tensor unitOf(const ObjectiveInput& in, const std::string& point, int64_t unit, int batch) {
    const at::Tensor map = in.unitMap(point);
    if (unit < 0 || unit >= map.size(1))
        throw Error("objective: unit " + std::to_string(unit) + " is out of range (" + point + " has " +
                    std::to_string(map.size(1)) + " units)");
    return rows(map, batch).select(1, unit);
}

// "@2" after a unit reference: the term reads batch image 2 only.
std::string batchSuffix(int batch) { return batch < 0 ? std::string() : "@" + std::to_string(batch); }

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

}  // namespace

Objective channel(const std::string& point, int64_t unit, int batch) {
    const std::string description = point + ":" + std::to_string(unit) + batchSuffix(batch);
    return Objective(description, [=](const ObjectiveInput& in) { return unitOf(in, point, unit, batch).mean(); },
                     {point});
}

Objective neuron(const std::string& point, int64_t unit, std::optional<int64_t> x, std::optional<int64_t> y, int batch) {
    std::string description = "neuron(" + point + ":" + std::to_string(unit) + batchSuffix(batch);
    if (x && y) description += ", " + std::to_string(*x) + ", " + std::to_string(*y);
    description += ")";
    return Objective(description,
                     [=](const ObjectiveInput& in) {
                         const at::Tensor map = unitOf(in, point, unit, batch);  // [n, gh, gw]
                         const int64_t gy = std::clamp<int64_t>(y.value_or(map.size(1) / 2), 0, map.size(1) - 1);
                         const int64_t gx = std::clamp<int64_t>(x.value_or(map.size(2) / 2), 0, map.size(2) - 1);
                         return map.select(1, gy).select(1, gx).mean();
                     },
                     {point});
}

Objective direction(const std::string& point, const at::Tensor& vector, const std::string& label, int batch) {
    if (!vector.defined() || vector.dim() != 1) throw Error("direction objective: the direction must be a 1-D tensor");
    const at::Tensor v = vector.detach().to(at::kFloat).contiguous();
    return Objective("direction(" + point + batchSuffix(batch) + ", " + label + ")",
                     [=](const ObjectiveInput& in) {
                         const at::Tensor map = rows(in.unitMap(point), batch);
                         if (map.size(1) != v.size(0))
                             throw Error("direction objective: " + point + " has " + std::to_string(map.size(1)) +
                                         " units, the direction " + std::to_string(v.size(0)));
                         return at::einsum("nchw,c->nhw", {map, v}).mean();
                     },
                     {point});
}

Objective diversity(const std::string& point) {
    return Objective("diversity(" + point + ")",
                     [=](const ObjectiveInput& in) {
                         const at::Tensor map = in.unitMap(point);
                         const int64_t n = map.size(0);
                         if (n < 2) return at::zeros({}, map.options());
                         const at::Tensor features = map.flatten(2);                   // [N, C, HW]
                         const at::Tensor grams = at::bmm(features, features.transpose(1, 2)).flatten(1);
                         const at::Tensor unit = grams / grams.norm(2, {1}, true).clamp_min(1e-10);
                         const at::Tensor cos = unit.matmul(unit.t());                  // [N, N]
                         return -(cos.sum() - cos.diagonal().sum()) / static_cast<double>(n);
                     },
                     {point});
}

Objective l1(double c) {
    return Objective(c == 0.5 ? "l1" : "l1(" + number(c) + ")",
                     [c](const ObjectiveInput& in) { return -(in.image - c).abs().mean(); });
}

Objective l2(double c) {
    return Objective(c == 0.5 ? "l2" : "l2(" + number(c) + ")",
                     [c](const ObjectiveInput& in) { return -(in.image - c).pow(2).mean(); });
}

Objective totalVariation() {
    return Objective("tv", [](const ObjectiveInput& in) {
        const at::Tensor& x = in.image;
        const at::Tensor dy = (x.slice(2, 1) - x.slice(2, 0, -1)).abs().mean();
        const at::Tensor dx = (x.slice(3, 1) - x.slice(3, 0, -1)).abs().mean();
        return -(dx + dy);
    });
}

Objective blur() {
    return Objective("blur", [](const ObjectiveInput& in) {
        const at::Tensor& x = in.image;
        // A 3×3 kernel (centre 1, neighbours ½) per channel, normalised by its coverage so
        // that the borders are not darkened.
        at::Tensor k = at::full({3, 1, 3, 3}, 0.5, x.options());
        k.select(2, 1).select(2, 1).fill_(1.0);
        const auto conv = [&](const at::Tensor& t) { return at::conv2d(t, k, {}, 1, 1, 1, 3); };
        at::Tensor blurred;
        {
            at::NoGradGuard constant;
            blurred = conv(x) / conv(at::ones_like(x));
        }
        return -0.5 * (x - blurred).pow(2).mean();
    });
}

Objective textDirection(const at::Tensor& textEmbedding, const std::string& prompt) {
    if (!textEmbedding.defined() || textEmbedding.numel() < 1)
        throw Error("text objective: no text embedding for \"" + prompt + "\"");
    const at::Tensor t = textEmbedding.detach().to(at::kFloat).reshape({1, -1});
    const at::Tensor unit = t / t.norm(2, {1}, true).clamp_min(1e-12);
    return Objective("text(\"" + prompt + "\")",
                     [unit](const ObjectiveInput& in) {
                         const at::Tensor e = in.embedding();
                         if (e.size(1) != unit.size(1))
                             throw Error("text objective: the image embedding has " + std::to_string(e.size(1)) +
                                         " values, the text embedding " + std::to_string(unit.size(1)));
                         const at::Tensor images = e / e.norm(2, {1}, true).clamp_min(1e-12);
                         return images.matmul(unit.t()).mean();
                     },
                     {}, /*needsEmbedding=*/true);
}

}  // namespace ms::objectives
