#include "featurevis/TransformPresets.h"

#include "util/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ms {

namespace {

TransformStep step(TransformStep::Kind kind, int pixels, std::vector<double> choices = {}) {
    TransformStep s;
    s.kind = kind;
    s.pixels = pixels;
    s.choices = std::move(choices);
    return s;
}

TransformStep pad(int pixels) { return step(TransformStep::Kind::Pad, pixels); }
TransformStep jitter(int pixels) { return step(TransformStep::Kind::Jitter, pixels); }
TransformStep scale(std::vector<double> factors) { return step(TransformStep::Kind::RandomScale, 0, std::move(factors)); }
TransformStep rotate(std::vector<double> degrees) { return step(TransformStep::Kind::RandomRotate, 0, std::move(degrees)); }

// first, first + 1, …, last (both included), as the published lists spell them.
void appendRange(std::vector<double>& out, int first, int last) {
    for (int v = first; v <= last; ++v) out.push_back(v);
}

std::string number(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return buffer;
}

// "lo…hi<unit> (count)".
std::string range(const std::vector<double>& values, int digits, const char* unit) {
    if (values.empty()) return "{}";
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f…%.*f%s (%zu)", digits, *lo, digits, *hi, unit, values.size());
    return buffer;
}

}  // namespace

bool TransformStep::operator==(const TransformStep& o) const {
    return kind == o.kind && pixels == o.pixels && value == o.value && choices == o.choices;
}

TransformPreset lucidTransforms() {
    std::vector<double> scales;
    for (int i = 0; i <= 10; ++i) scales.push_back(1.0 + (i - 5) / 50.0);
    std::vector<double> angles;
    appendRange(angles, -10, 10);
    angles.insert(angles.end(), 5, 0.0);
    return {"lucid", {pad(12), jitter(8), scale(scales), rotate(angles), jitter(4)}};
}

TransformPreset distillTransforms() {
    std::vector<double> scales;
    for (int n = -5; n <= 79; ++n) scales.push_back(std::pow(0.995, n));
    for (int copy = 0; copy < 2; ++copy)
        for (int n = 20; n <= 39; ++n) scales.push_back(std::pow(0.998, n));
    std::vector<double> angles;
    appendRange(angles, -20, 19);
    appendRange(angles, -10, 9);
    appendRange(angles, -5, 4);
    angles.insert(angles.end(), 5, 0.0);
    TransformPreset p{"distill", {pad(2)}};
    for (int i = 0; i < 10; ++i) p.steps.push_back(jitter(4));
    p.steps.push_back(scale(scales));
    p.steps.push_back(rotate(angles));
    p.steps.push_back(jitter(2));
    p.steps.push_back(step(TransformStep::Kind::FitToSize, 0));
    return p;
}

TransformPreset noTransforms() { return {"none", {}}; }

std::vector<std::string> transformPresetNames() { return {"lucid", "distill", "none"}; }

TransformPreset transformPreset(const std::string& name) {
    if (name == "lucid") return lucidTransforms();
    if (name == "distill") return distillTransforms();
    if (name == "none") return noTransforms();
    throw Error("unknown transform preset '" + name + "' (choose lucid, distill or none)");
}

std::string describeStep(const TransformStep& s) {
    switch (s.kind) {
    case TransformStep::Kind::Pad: return "pad " + std::to_string(s.pixels) + " (" + number(s.value) + ")";
    case TransformStep::Kind::Jitter: return "jitter " + std::to_string(s.pixels);
    case TransformStep::Kind::RandomScale: return "scale ×" + range(s.choices, 3, "");
    case TransformStep::Kind::RandomRotate: return "rotate " + range(s.choices, 0, "°");
    case TransformStep::Kind::FitToSize: return "fit to size (" + number(s.value) + ")";
    }
    return {};
}

std::string describePreset(const TransformPreset& p) {
    if (p.steps.empty()) return "no transforms";
    std::string out;
    for (size_t i = 0; i < p.steps.size(); ++i) {
        // Runs of identical steps read better as "10 × jitter 4".
        size_t run = 1;
        while (i + run < p.steps.size() && p.steps[i + run] == p.steps[i]) ++run;
        if (!out.empty()) out += ", ";
        out += (run > 1 ? std::to_string(run) + " × " : std::string()) + describeStep(p.steps[i]);
        i += run - 1;
    }
    return out;
}

}  // namespace ms
