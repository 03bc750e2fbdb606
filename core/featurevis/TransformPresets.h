#pragma once
// The robustness transforms of a feature visualization as plain values: a preset is a list of
// steps that can be compared, shown and stored, and that Transforms.h turns into functions.
// Torch-free, so the GUI and the CLI can list and describe presets.

#include <string>
#include <vector>

namespace ms {

// One transform with its parameters.
struct TransformStep {
    enum class Kind {
        Pad,           // pad `pixels` on every side with the constant `value`
        Jitter,        // random shift: crop `pixels` less at an offset in [0, pixels] on each axis
        RandomScale,   // resize (bilinear) by a factor drawn from `choices`
        RandomRotate,  // rotate by an angle in degrees drawn from `choices` (corners become 0)
        FitToSize      // crop (centred) or pad with `value` to the session's image size
    };
    Kind kind = Kind::Pad;
    int pixels = 0;
    double value = 0.5;
    std::vector<double> choices;

    bool operator==(const TransformStep& other) const;
    bool operator!=(const TransformStep& other) const { return !(*this == other); }
};

// A named list of steps applied in order, the same random draw for the whole batch.
struct TransformPreset {
    std::string name;
    std::vector<TransformStep> steps;
};

// Lucid's standard transforms: pad 12 (0.5), jitter 8, scale {1 + (i − 5)/50 : i = 0…10},
// rotate {−10…10} plus five 0s, jitter 4.
TransformPreset lucidTransforms();
// The Distill article's faceted-visualization set: pad 2 (0.5), ten times jitter 4, scale from
// [0.995^n, n = −5…79] + [0.998^n, n = 20…39] twice, rotate (−20…19) + (−10…9) + (−5…4) plus
// five 0s, jitter 2, then crop or pad back to the image size.
TransformPreset distillTransforms();
// No transforms at all.
TransformPreset noTransforms();

std::vector<std::string> transformPresetNames();  // "lucid", "distill", "none"
// The preset of that name; throws ms::Error listing the names otherwise.
TransformPreset transformPreset(const std::string& name);

// "pad 12 (0.5), jitter 8, scale ×0.900…1.100 (11), rotate -10…10° (26), jitter 4".
std::string describeStep(const TransformStep& step);
std::string describePreset(const TransformPreset& preset);

}  // namespace ms
