#pragma once
// Internal: the building blocks of the CLIP towers as torch::nn modules whose parameter and
// buffer names are those of the reference state dict (so loading is a walk over
// named_parameters()). Parameters start uninitialised (torch::empty): they are always
// overwritten, from a state dict or by the random initialiser. They do not require
// gradients; autograd still flows to the inputs (feature visualization).

#include "model/CaptureSink.h"

#include <torch/nn/module.h>

#include <memory>
#include <string>
#include <vector>

namespace ms::detail {

// y = x·Wᵀ + b (weight [out, in]).
struct LinearLayer : torch::nn::Module {
    LinearLayer(int64_t in, int64_t out, bool bias = true);
    at::Tensor forward(const at::Tensor& x) const;
    at::Tensor weight, bias;
};

// 2-d convolution with square kernels and no dilation.
struct ConvLayer : torch::nn::Module {
    ConvLayer(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding, bool bias);
    at::Tensor forward(const at::Tensor& x) const;
    at::Tensor weight, bias;
    int64_t stride, padding;
};

// BatchNorm2d, eps 1e-5. In eval mode (ClipModule's default) it normalises with the running
// statistics as the reference does at inference; in training mode (module.train(), for the
// bundled-model trainer) with batch statistics, updating the running ones (momentum 0.1).
// num_batches_tracked is kept only so that the names match the state dict.
struct BatchNormLayer : torch::nn::Module {
    explicit BatchNormLayer(int64_t channels);
    at::Tensor forward(const at::Tensor& x) const;
    at::Tensor weight, bias, runningMean, runningVar;
};

// LayerNorm over the last dimension, eps 1e-5.
struct LayerNormLayer : torch::nn::Module {
    explicit LayerNormLayer(int64_t width);
    at::Tensor forward(const at::Tensor& x) const;
    at::Tensor weight, bias;
};

// Scaled dot-product attention over batch-first tensors q [N, Lq, E], k, v [N, Lk, E] split
// into `heads` heads; `mask` (optional, [Lq, Lk]) is added to the scores.
at::Tensor multiHeadAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads,
                              const at::Tensor& mask);

// nn.MultiheadAttention's parameters (packed in_proj_weight/in_proj_bias, out_proj) used as
// self-attention.
struct SelfAttention : torch::nn::Module {
    SelfAttention(int64_t width, int64_t heads);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& mask) const;
    at::Tensor inProjWeight, inProjBias;
    std::shared_ptr<LinearLayer> outProj;
    int64_t heads;
};

// The MLP of a residual block: c_fc → QuickGELU → c_proj.
struct Mlp : torch::nn::Module {
    explicit Mlp(int64_t width);
    std::shared_ptr<LinearLayer> cFc, cProj;
};

// Pre-LN residual attention block: x + attn(ln_1(x)), then + mlp(ln_2(x)).
struct ResidualBlock : torch::nn::Module {
    ResidualBlock(int64_t width, int64_t heads, std::string name);
    // Batch-first x [N, L, D]. Records `<name>.mlp.gelu` and `<name>`; undefined = stop.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& mask, CaptureSink& sink) const;

    std::shared_ptr<SelfAttention> attn;
    std::shared_ptr<LayerNormLayer> ln1, ln2;
    std::shared_ptr<Mlp> mlp;
    std::string name, geluName;
};

// A stack of residual blocks registered as `resblocks.<i>`.
struct TransformerStack : torch::nn::Module {
    // `prefix` is the capture-name prefix of the blocks, e.g. "visual.transformer.resblocks".
    TransformerStack(int64_t width, int64_t layers, int64_t heads, const std::string& prefix);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& mask, CaptureSink& sink) const;
    std::vector<std::shared_ptr<ResidualBlock>> blocks;
};

// Registers an uninitialised float32 parameter that does not require gradients.
at::Tensor addParameter(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape);

}  // namespace ms::detail
