#include "io/Int8Weights.h"

#include "util/Error.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace ms {
namespace {

bool startsWithAny(const std::string& name, const std::vector<std::string>& prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](const std::string& p) { return name.compare(0, p.size(), p) == 0; });
}

bool quantizable(const at::Tensor& t) { return at::isFloatingType(t.scalar_type()) && t.dim() >= 2; }

// The scale as a column broadcasting over a row's remaining dimensions.
at::Tensor asColumn(const at::Tensor& scale, int64_t dims) {
    std::vector<int64_t> shape(static_cast<size_t>(dims), 1);
    shape[0] = scale.size(0);
    return scale.reshape(shape);
}

}  // namespace

Int8Report quantizeInt8(StateDict& weights, const std::vector<std::string>& prefixes) {
    for (const std::string& p : prefixes) {
        const bool matches = std::any_of(weights.begin(), weights.end(), [&](const auto& entry) {
            return startsWithAny(entry.first, {p}) && quantizable(entry.second);
        });
        if (!matches) throw Error("--int8 " + p + ": no floating tensor of two or more dimensions starts with this name");
    }
    Int8Report report;
    StateDict scales;
    for (auto& [name, tensor] : weights) {
        if (!startsWithAny(name, prefixes) || !quantizable(tensor)) continue;
        const at::Tensor w = tensor.to(at::kFloat).contiguous();
        const at::Tensor rowMax = w.abs().reshape({w.size(0), -1}).amax(1);
        // Rounded to F16 first: the stored scale is then exactly the one q was computed with.
        const at::Tensor scale = at::where(rowMax > 0, rowMax / 127, at::ones_like(rowMax)).to(at::kHalf).to(at::kFloat);
        const at::Tensor column = asColumn(scale, w.dim());
        const at::Tensor q = at::round(w / column).clamp(-127, 127).to(at::kChar);
        const at::Tensor rowError = (q.to(at::kFloat) * column - w).abs().reshape({w.size(0), -1}).amax(1);
        const at::Tensor relative = at::where(rowMax > 0, rowError / rowMax, at::zeros_like(rowMax));
        report.maxRelativeError = std::max(report.maxRelativeError, relative.max().item<double>());
        report.elements += w.numel();
        ++report.tensors;
        tensor = q;
        scales[name + kInt8ScaleSuffix] = scale.to(at::kHalf);
    }
    weights.merge(scales);
    return report;
}

void expandInt8(StateDict& weights, const std::string& pathForErrors) {
    const std::string suffix = kInt8ScaleSuffix;
    for (auto it = weights.begin(); it != weights.end();) {
        const std::string& name = it->first;
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
            ++it;
            continue;
        }
        const std::string base = name.substr(0, name.size() - suffix.size());
        const auto q = weights.find(base);
        if (q == weights.end() || q->second.scalar_type() != at::kChar)
            throw Error(pathForErrors + ": '" + name + "' scales '" + base + "', which is not an int8 tensor in this file");
        const at::Tensor scale = it->second.to(at::kFloat);
        if (q->second.dim() < 2 || scale.dim() != 1 || scale.size(0) != q->second.size(0))
            throw Error(pathForErrors + ": '" + name + "' must hold one scale per row of '" + base + "'");
        q->second = q->second.to(at::kFloat) * asColumn(scale, q->second.dim());
        it = weights.erase(it);
    }
}

}  // namespace ms
