#pragma once
// What one forward pass should capture: a set of capture points and, per point, the full
// tensor and/or per-unit reductions. Torch-free so that Qt code and job requests can build
// one; ClipNetwork::capture (ClipModelTorch.h) runs it.

#include <map>
#include <cstdint>
#include <string>
#include <vector>

namespace ms {

// What to keep of one capture point.
struct PointCapture {
    bool full = true;   // the whole tensor in the point's layout (see ModelDescriptor.h)
    bool mean = false;  // per unit: the mean over the point's grid → [N, units]
    bool max = false;   // per unit: the max over the grid and its position → [N, units] twice
};

// Units switched off at a point while the forward pass runs (ablation): their values are
// replaced by `values` (one per unit; empty means zeros — mean-ablation passes each unit's
// dataset mean). Everything downstream, captures and the embedding included, sees the change.
// Inference only (grad mode off).
struct UnitAblation {
    std::vector<int64_t> units;
    std::vector<float> values;
};

// A set of points to capture in one forward pass.
struct CaptureRequest {
    // Names or Microscope aliases; results are keyed by the canonical name.
    std::map<std::string, PointCapture> points;
    // Also return the tower's embedding (encode_image / encode_text). When false, the forward
    // stops as soon as every requested point has been captured.
    bool embedding = false;
    // Names or aliases → units to switch off there.
    std::map<std::string, UnitAblation> ablations;

    CaptureRequest& add(const std::string& name, PointCapture what = {}) {
        points[name] = what;
        return *this;
    }
};

}  // namespace ms
