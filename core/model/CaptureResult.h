#pragma once
// What a capture returns per point. Uses only the light ATen tensor header so that code
// consuming captures (CLI, feature visualization, index builders) stays cheap to compile.

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace ms {

// The captured values of one point; members not requested are undefined tensors.
// With autograd enabled the tensors stay attached to the graph (backprop to the input works).
struct CapturedTensor {
    at::Tensor full;    // the point's layout: [N,C,H,W], [N,L,D] or [N,D] (ModelDescriptor.h)
    at::Tensor mean;    // [N, units] mean over the point's grid
    at::Tensor max;     // [N, units] max over the grid
    at::Tensor argmax;  // [N, units] int64 flat grid position of the max (y·gridWidth + x)
    // Token points only, [N, units]: ViT image points the class token (position 0), text
    // points the end-of-text position that encode_text projects. Defined whenever the point
    // is captured.
    at::Tensor token;
};

// The result of one capture forward pass.
struct CaptureResult {
    std::map<std::string, CapturedTensor> points;  // keyed by canonical point name
    at::Tensor embedding;  // encode_image / encode_text when requested, else undefined
};

}  // namespace ms
