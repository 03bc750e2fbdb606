#include "model/ClipModule.h"

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>

#include <limits>

namespace ms::detail {

ClipModule::ClipModule(const ClipConfig& c) : config(c) {
    if (c.family == VisionFamily::ResNet)
        resnet = register_module("visual", std::make_shared<ModifiedResNet>(c));
    else
        vit = register_module("visual", std::make_shared<VisionTransformer>(c));
    const int64_t width = c.transformerWidth, length = c.contextLength;
    transformer = register_module(
        "transformer", std::make_shared<TransformerStack>(width, c.transformerLayers, c.transformerHeads,
                                                          "transformer.resblocks"));
    auto embedding = register_module("token_embedding", std::make_shared<torch::nn::Module>());
    tokenEmbedding = addParameter(*embedding, "weight", {c.vocabSize, width});
    positionalEmbedding = addParameter(*this, "positional_embedding", {length, width});
    lnFinal = register_module("ln_final", std::make_shared<LayerNormLayer>(width));
    textProjection = addParameter(*this, "text_projection", {width, c.embedDim});
    logitScale = addParameter(*this, "logit_scale", {});
    // Causal attention: position i sees positions 0..i.
    causalMask = at::full({length, length}, -std::numeric_limits<float>::infinity()).triu(1);
    eval();  // inference semantics (BatchNorm running statistics) unless a trainer asks otherwise
}

std::shared_ptr<const InferenceResNet> ClipModule::inferenceResNet() const {
    if (!resnet || !fastInference || is_training() || at::GradMode::is_enabled() || !InferenceResNet::available())
        return nullptr;
    std::lock_guard<std::mutex> lock(mFastMutex);
    if (!mFastResNet || !mFastResNet->upToDateWith(*resnet)) {
        mFastResNet.reset();  // free the stale copy before making the new one
        c10::InferenceMode normalTensors(false);  // usable outside inference mode too
        mFastResNet = std::make_shared<const InferenceResNet>(*resnet);
    }
    return mFastResNet;
}

at::Tensor ClipModule::encodeImage(const at::Tensor& images, CaptureSink& sink) const {
    // Autocast (the trainer's bf16) and other dtypes keep the plain tower's semantics.
    const bool plainFloat =
        images.is_cpu() && images.scalar_type() == at::kFloat && !at::autocast::is_cpu_enabled();
    // Ablations change tensors in place as the forward passes them: the plain tower does that.
    if (const auto fast = plainFloat && !sink.hasAblations() ? inferenceResNet() : nullptr) return fast->forward(images, sink);
    return resnet ? resnet->forward(images, sink) : vit->forward(images, sink);
}

at::Tensor ClipModule::encodeText(const at::Tensor& tokens, CaptureSink& sink) const {
    // The end-of-text token has the largest id: its first occurrence is the pooled position.
    const at::Tensor end = tokens.argmax(-1);
    sink.setTextEnd(end);
    at::Tensor x = at::embedding(tokenEmbedding, tokens) + positionalEmbedding;  // [N, L, D]
    x = transformer->forward(x, causalMask, sink);
    if (!x.defined()) return {};
    x = lnFinal->forward(x);
    if (sink.record("ln_final", x)) return {};
    const int64_t n = x.size(0), width = x.size(2);
    const at::Tensor pooled = x.gather(1, end.view({n, 1, 1}).expand({n, 1, width})).squeeze(1);
    return at::matmul(pooled, textProjection);
}

}  // namespace ms::detail
