#pragma once
// Internal: an inference-only copy of a ModifiedResNet image tower, prepared once from its
// weights, that runs the same computation faster when no gradient is needed:
//  - each BatchNorm is folded into the convolution before it (w·γ/σ, β − μ·γ/σ, in double),
//  - the folded weights are reordered once into oneDNN's blocked layout,
//  - activations stay in oneDNN's layout between layers (no reorders per convolution),
//    and ReLUs and residual sums run in place,
//  - the attention pool uses that only the mean token queries: the key projection is moved
//    onto the query (q·(Wk t + bk) = (Wkᵀq)·t + const, and softmax ignores the constant) and
//    the value projection after the weighted sum (Σ a·(Wv t + bv) = Wv(Σ a·t) + bv), which
//    saves projecting every position (~0.4 of RN50's 11.6 GFLOP per image).
// Results equal ModifiedResNet::forward to float rounding (the parity tolerance holds; the
// fast-path test checks it). Captured points come back as dense NCHW tensors, as from the
// plain path. The attention pool is the plain tower's own module.
//
// It snapshots the weights: the owner checks upToDateWith() before each use and prepares a
// new one when a weight was modified in place or replaced (a trainer's optimiser step).

#include "model/VisionTowers.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ms::detail {

// A convolution with its BatchNorm folded in, weights prepacked for oneDNN.
struct FoldedConv {
    at::Tensor weight;  // oneDNN-layout (opaque) tensor
    at::Tensor bias;    // dense [out]
    int64_t stride = 1;
    int64_t padding = 0;

    // x and the result are oneDNN-layout tensors.
    at::Tensor operator()(const at::Tensor& x) const;
};

FoldedConv foldConvBatchNorm(const ConvLayer& conv, const BatchNormLayer& bn);

class InferenceResNet {
public:
    // Whether this LibTorch can run it (built with oneDNN/MKLDNN).
    static bool available();

    explicit InferenceResNet(const ModifiedResNet& tower);

    // ModifiedResNet::forward for dense float32 NCHW images, with grad mode off.
    at::Tensor forward(const at::Tensor& images, CaptureSink& sink) const;

    // False when a weight of `tower` changed since this copy was prepared.
    bool upToDateWith(const ModifiedResNet& tower) const;

private:
    struct Block {
        FoldedConv conv1, conv2, conv3, downsample;
        bool hasDownsample = false;
        int64_t stride = 1;
        const Bottleneck* source = nullptr;  // names of its capture points
    };

    at::Tensor runBlock(const Block& block, const at::Tensor& x, CaptureSink& sink) const;
    // AttentionPool::forward by the cheaper association (see above), dense [N, C, H, W] in.
    at::Tensor attentionPool(const at::Tensor& nchw) const;

    using Fingerprint = std::vector<std::pair<const void*, int64_t>>;
    static Fingerprint fingerprintOf(const ModifiedResNet& tower);

    FoldedConv mStem1, mStem2, mStem3;
    std::vector<std::vector<Block>> mStages;
    std::shared_ptr<AttentionPool> mAttnpool;
    at::Tensor mKeyPerHead;    // [heads, headDim, width]: rows of Wk per head
    at::Tensor mValuePerHead;  // [heads, width, headDim]: Wvᵀ per head
    Fingerprint mFingerprint;
};

}  // namespace ms::detail
