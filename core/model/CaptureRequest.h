#pragma once
// What one forward pass should capture: a set of capture points and, per point, the full
// tensor and/or per-unit reductions. Torch-free so that Qt code and job requests can build
// one; ClipNetwork::capture (ClipModelTorch.h) runs it.

#include <map>
#include <string>

namespace ms {

// What to keep of one capture point.
struct PointCapture {
    bool full = true;   // the whole tensor in the point's layout (see ModelDescriptor.h)
    bool mean = false;  // per unit: the mean over the point's grid → [N, units]
    bool max = false;   // per unit: the max over the grid and its position → [N, units] twice
};

// A set of points to capture in one forward pass.
struct CaptureRequest {
    // Names or Microscope aliases; results are keyed by the canonical name.
    std::map<std::string, PointCapture> points;
    // Also return the tower's embedding (encode_image / encode_text). When false, the forward
    // stops as soon as every requested point has been captured.
    bool embedding = false;

    CaptureRequest& add(const std::string& name, PointCapture what = {}) {
        points[name] = what;
        return *this;
    }
};

}  // namespace ms
