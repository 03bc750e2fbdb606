#pragma once
// The fixture CLIP models the feature-visualization suites optimise against (rn_tiny: a
// 64 px ModifiedResNet; vit_tiny: a 32 px ViT), and small helpers for their requests.

#include "featurevis/FeatureVisRequest.h"
#include "model/ClipModel.h"

#include "TestSupport.h"

namespace ms::test {

inline ClipModel loadRnTiny() {
    return ClipModel::load(fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
}

inline ClipModel loadVitTiny() {
    ClipLoadOptions options;
    options.textHeads = 2;  // the fixture's README: not what build_model would infer
    return ClipModel::load(fixturePath("clip/vit_tiny/weights.safetensors").toStdString(), options);
}

// A short request on `model` without transforms (so losses are comparable step to step).
inline FeatureVisRequest shortRequest(const ClipModel& model, const std::string& objective, int steps = 8) {
    FeatureVisRequest r;
    r.modelHash = model.contentHash();
    r.objective = objective;
    r.preset = "none";
    r.steps = steps;
    return r;
}

}  // namespace ms::test
