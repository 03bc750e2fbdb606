#include "featurevis/Objective.h"

#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ms {

namespace {

std::string weightText(double w) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", w);
    return buffer;
}

}  // namespace

at::Tensor ObjectiveInput::unitMap(const std::string& point) const {
    if (!capture || !model) throw Error("objective: no activations were captured");
    const CapturePointInfo& info = model->point(point);
    const auto it = capture->points.find(info.name);
    if (it == capture->points.end() || !it->second.full.defined())
        throw Error("objective: '" + info.name + "' was not captured");
    const at::Tensor& full = it->second.full;
    switch (info.layout) {
    case PointLayout::Conv: return full;
    case PointLayout::Vector: return full.view({full.size(0), full.size(1), 1, 1});
    case PointLayout::Tokens:
        if (info.hasClassToken) return patchGrid(full, info);
        break;
    }
    throw Error("objective: '" + info.name + "' is a text point; feature visualization reads image points");
}

at::Tensor ObjectiveInput::embedding() const {
    if (!capture || !capture->embedding.defined()) throw Error("objective: the image embedding was not computed");
    return capture->embedding;
}

Objective::Objective(std::string description, ScoreFn score, std::vector<std::string> points, bool needsEmbedding) {
    mTerms.push_back({1.0, std::move(description), std::make_shared<const ScoreFn>(std::move(score)),
                      std::move(points), needsEmbedding});
    rebuild();
}

at::Tensor Objective::score(const ObjectiveInput& input) const {
    at::Tensor total;
    for (const Term& t : mTerms) {
        at::Tensor s = (*t.score)(input);
        if (t.weight != 1.0) s = s * t.weight;
        total = total.defined() ? total + s : s;
    }
    return total.defined() ? total : at::zeros({}, at::kFloat);
}

void Objective::rebuild() {
    mDescription.clear();
    mPoints.clear();
    mNeedsEmbedding = false;
    for (const Term& t : mTerms) {
        const double magnitude = std::abs(t.weight);
        const bool negative = t.weight < 0;
        if (mDescription.empty())
            mDescription = negative ? "-" : "";
        else
            mDescription += negative ? " - " : " + ";
        if (magnitude != 1.0) mDescription += weightText(magnitude) + "*";
        mDescription += t.description;
        for (const std::string& p : t.points)
            if (std::find(mPoints.begin(), mPoints.end(), p) == mPoints.end()) mPoints.push_back(p);
        mNeedsEmbedding = mNeedsEmbedding || t.needsEmbedding;
    }
    if (mTerms.empty()) mDescription = "0";
}

Objective Objective::operator-() const {
    Objective out = *this;
    out *= -1.0;
    return out;
}

Objective& Objective::operator+=(const Objective& other) {
    mTerms.insert(mTerms.end(), other.mTerms.begin(), other.mTerms.end());
    rebuild();
    return *this;
}

Objective& Objective::operator-=(const Objective& other) { return *this += -other; }

Objective& Objective::operator*=(double factor) {
    for (Term& t : mTerms) t.weight *= factor;
    rebuild();
    return *this;
}

Objective operator+(Objective a, const Objective& b) { return a += b; }
Objective operator-(Objective a, const Objective& b) { return a -= b; }
Objective operator*(Objective a, double factor) { return a *= factor; }
Objective operator*(double factor, Objective a) { return a *= factor; }

}  // namespace ms
