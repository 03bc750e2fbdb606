#pragma once
// Int8 storage for a model's large weight tensors, so that a shipped model fits its size budget
// (the bundled model's 10 MB). Symmetric, one scale per output row (dimension 0): a row w is
// stored as q = round(w / s) in int8 with s = max|w| / 127, and read back as q·s, so each
// weight is off by at most s/2. In a .safetensors file, q keeps the weight's own name (dtype
// I8) and s is an F16 tensor named "<name>.int8_scale"; loadSafetensors expands such pairs to
// float32, so every reader (the CLIP builder included) sees ordinary weights.

#include "io/StateDict.h"

#include <string>
#include <vector>

namespace ms {

inline constexpr const char* kInt8ScaleSuffix = ".int8_scale";

struct Int8Report {
    int tensors = 0;                // weights replaced by their int8 form
    int64_t elements = 0;           // their elements
    double maxRelativeError = 0;    // max over rows of max|w − q·s| / max|w|
};

// Replaces, in place, each floating tensor of two or more dimensions whose name starts with
// one of `prefixes` by its int8 form and scale. Throws ms::Error when a prefix matches no such
// tensor (a typo would otherwise silently quantize nothing).
Int8Report quantizeInt8(StateDict& weights, const std::vector<std::string>& prefixes);

// The reverse, in place: each I8 tensor with a "<name>.int8_scale" companion becomes float32
// q·s and the scale entry goes. An I8 tensor without a scale stays as it is. Throws ms::Error
// starting with `pathForErrors` for a scale without its int8 tensor or with the wrong shape.
void expandInt8(StateDict& weights, const std::string& pathForErrors);

}  // namespace ms
