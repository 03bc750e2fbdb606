#pragma once
// Internal: the whole CLIP network as one torch::nn module whose named_parameters() and
// named_buffers() are exactly the reference state-dict keys (minus the extra 0-d int64
// buffers of the official archives, which carry no weights).

#include "model/InferenceResNet.h"
#include "model/VisionTowers.h"

#include <mutex>

namespace ms::detail {

struct ClipModule : torch::nn::Module {
    // Starts in eval mode; parameters are uninitialised and do not require gradients.
    explicit ClipModule(const ClipConfig& config);

    // Image embedding (encode_image), or undefined when the sink stopped the pass. With grad
    // mode off and the module in eval mode, a ResNet tower runs its InferenceResNet.
    at::Tensor encodeImage(const at::Tensor& images, CaptureSink& sink) const;
    // Text embedding (encode_text) of int64 tokens [N, contextLength], or undefined.
    at::Tensor encodeText(const at::Tensor& tokens, CaptureSink& sink) const;

    ClipConfig config;
    std::shared_ptr<ModifiedResNet> resnet;          // exactly one of resnet/vit is set
    std::shared_ptr<VisionTransformer> vit;
    std::shared_ptr<TransformerStack> transformer;  // text
    at::Tensor tokenEmbedding, positionalEmbedding, textProjection, logitScale;
    std::shared_ptr<LayerNormLayer> lnFinal;
    at::Tensor causalMask;  // [L, L], -inf above the diagonal; not a state-dict entry

    // Whether encodeImage may use the inference fast path (InferenceResNet.h).
    bool fastInference = true;

private:
    // The fast path when it applies now (ResNet, eval mode, grad mode off), prepared on first
    // use and again after the weights changed; else nullptr.
    std::shared_ptr<const InferenceResNet> inferenceResNet() const;

    mutable std::mutex mFastMutex;
    mutable std::shared_ptr<const InferenceResNet> mFastResNet;
};

}  // namespace ms::detail
