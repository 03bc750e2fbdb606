#include "model/Layers.h"

#include <ATen/ATen.h>

#include <cmath>

namespace ms::detail {

at::Tensor addParameter(torch::nn::Module& module, const std::string& name, at::IntArrayRef shape) {
    return module.register_parameter(name, at::empty(shape, at::kFloat), /*requires_grad=*/false);
}

LinearLayer::LinearLayer(int64_t in, int64_t out, bool withBias) {
    weight = addParameter(*this, "weight", {out, in});
    if (withBias) bias = addParameter(*this, "bias", {out});
}

at::Tensor LinearLayer::forward(const at::Tensor& x) const { return at::linear(x, weight, bias); }

ConvLayer::ConvLayer(int64_t in, int64_t out, int64_t kernel, int64_t stride_, int64_t padding_, bool withBias)
    : stride(stride_), padding(padding_) {
    weight = addParameter(*this, "weight", {out, in, kernel, kernel});
    if (withBias) bias = addParameter(*this, "bias", {out});
}

at::Tensor ConvLayer::forward(const at::Tensor& x) const {
    return at::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
}

BatchNormLayer::BatchNormLayer(int64_t channels) {
    weight = addParameter(*this, "weight", {channels});
    bias = addParameter(*this, "bias", {channels});
    runningMean = register_buffer("running_mean", at::zeros({channels}));
    runningVar = register_buffer("running_var", at::ones({channels}));
    register_buffer("num_batches_tracked", at::zeros({}, at::kLong));
}

at::Tensor BatchNormLayer::forward(const at::Tensor& x) const {
    return at::batch_norm(x, weight, bias, runningMean, runningVar, is_training(), 0.1, 1e-5,
                          /*cudnn_enabled=*/true);
}

LayerNormLayer::LayerNormLayer(int64_t width) {
    weight = addParameter(*this, "weight", {width});
    bias = addParameter(*this, "bias", {width});
}

at::Tensor LayerNormLayer::forward(const at::Tensor& x) const {
    return at::layer_norm(x, {weight.size(0)}, weight, bias, 1e-5);
}

at::Tensor multiHeadAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t heads,
                              const at::Tensor& mask) {
    const int64_t n = q.size(0), width = q.size(2), headDim = width / heads;
    // [N, L, E] → [N, H, L, E/H]: the reference's per-head split of the embedding.
    auto split = [&](const at::Tensor& t) { return t.reshape({n, t.size(1), heads, headDim}).transpose(1, 2); };
    const at::Tensor qh = split(q) / std::sqrt(static_cast<double>(headDim));
    at::Tensor scores = at::matmul(qh, split(k).transpose(-2, -1));
    if (mask.defined()) scores = scores + mask;
    const at::Tensor out = at::matmul(at::softmax(scores, -1), split(v));
    return out.transpose(1, 2).reshape({n, q.size(1), width});
}

SelfAttention::SelfAttention(int64_t width, int64_t heads_) : heads(heads_) {
    inProjWeight = addParameter(*this, "in_proj_weight", {3 * width, width});
    inProjBias = addParameter(*this, "in_proj_bias", {3 * width});
    outProj = register_module("out_proj", std::make_shared<LinearLayer>(width, width));
}

at::Tensor SelfAttention::forward(const at::Tensor& x, const at::Tensor& mask) const {
    const std::vector<at::Tensor> qkv = at::linear(x, inProjWeight, inProjBias).chunk(3, -1);
    return outProj->forward(multiHeadAttention(qkv[0], qkv[1], qkv[2], heads, mask));
}

Mlp::Mlp(int64_t width) {
    cFc = register_module("c_fc", std::make_shared<LinearLayer>(width, 4 * width));
    cProj = register_module("c_proj", std::make_shared<LinearLayer>(4 * width, width));
}

ResidualBlock::ResidualBlock(int64_t width, int64_t heads, std::string name_)
    : name(std::move(name_)), geluName(name + ".mlp.gelu") {
    attn = register_module("attn", std::make_shared<SelfAttention>(width, heads));
    ln1 = register_module("ln_1", std::make_shared<LayerNormLayer>(width));
    mlp = register_module("mlp", std::make_shared<Mlp>(width));
    ln2 = register_module("ln_2", std::make_shared<LayerNormLayer>(width));
}

at::Tensor ResidualBlock::forward(const at::Tensor& input, const at::Tensor& mask, CaptureSink& sink) const {
    const at::Tensor x = input + attn->forward(ln1->forward(input), mask);
    const at::Tensor pre = mlp->cFc->forward(ln2->forward(x));
    const at::Tensor hidden = pre * at::sigmoid(1.702 * pre);  // QuickGELU
    if (sink.record(geluName, hidden)) return {};
    const at::Tensor out = x + mlp->cProj->forward(hidden);
    if (sink.record(name, out)) return {};
    return out;
}

TransformerStack::TransformerStack(int64_t width, int64_t layers, int64_t heads, const std::string& prefix) {
    auto resblocks = register_module("resblocks", std::make_shared<torch::nn::Module>());
    for (int64_t i = 0; i < layers; ++i) {
        auto block = std::make_shared<ResidualBlock>(width, heads, prefix + "." + std::to_string(i));
        blocks.push_back(resblocks->register_module(std::to_string(i), block));
    }
}

at::Tensor TransformerStack::forward(const at::Tensor& input, const at::Tensor& mask, CaptureSink& sink) const {
    at::Tensor x = input;
    for (const auto& block : blocks) {
        x = block->forward(x, mask, sink);
        if (!x.defined()) return {};
    }
    return x;
}

}  // namespace ms::detail
