#pragma once
// Internal: the two CLIP image towers, ModifiedResNet and VisionTransformer, with the module
// names of the reference (`visual.*` once registered as "visual"). Their forward takes a
// CaptureSink and returns the image embedding, or an undefined tensor when it stopped early.

#include "model/ClipConfig.h"
#include "model/Layers.h"

namespace ms::detail {

// Anti-aliased bottleneck: 1×1 → 3×3 → avgpool(stride) → 1×1 (×4), with an
// avgpool → 1×1 → BN shortcut when the shape changes.
struct Bottleneck : torch::nn::Module {
    Bottleneck(int64_t inplanes, int64_t planes, int64_t stride, const std::string& name);
    at::Tensor forward(const at::Tensor& x, CaptureSink& sink) const;

    std::shared_ptr<ConvLayer> conv1, conv2, conv3, downConv;
    std::shared_ptr<BatchNormLayer> bn1, bn2, bn3, downBn;
    int64_t stride;
    std::string name, relu1Name, relu2Name, addName;
};

// The attention pool: the mean token (plus positional embedding) attends to all positions.
struct AttentionPool : torch::nn::Module {
    AttentionPool(int64_t spatial, int64_t width, int64_t heads, int64_t outDim);
    at::Tensor forward(const at::Tensor& nchw) const;

    at::Tensor positionalEmbedding;
    std::shared_ptr<LinearLayer> kProj, qProj, vProj, cProj;
    int64_t heads;
};

struct ModifiedResNet : torch::nn::Module {
    explicit ModifiedResNet(const ClipConfig& config);
    at::Tensor forward(const at::Tensor& images, CaptureSink& sink) const;

    std::shared_ptr<ConvLayer> conv1, conv2, conv3;
    std::shared_ptr<BatchNormLayer> bn1, bn2, bn3;
    std::vector<std::vector<std::shared_ptr<Bottleneck>>> stages;
    std::shared_ptr<AttentionPool> attnpool;
};

struct VisionTransformer : torch::nn::Module {
    explicit VisionTransformer(const ClipConfig& config);
    at::Tensor forward(const at::Tensor& images, CaptureSink& sink) const;

    std::shared_ptr<ConvLayer> conv1;
    at::Tensor classEmbedding, positionalEmbedding, proj;
    std::shared_ptr<LayerNormLayer> lnPre, lnPost;
    std::shared_ptr<TransformerStack> transformer;
};

}  // namespace ms::detail
