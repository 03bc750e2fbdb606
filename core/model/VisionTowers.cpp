#include "model/VisionTowers.h"

#include "util/Error.h"

#include <ATen/ATen.h>

namespace ms::detail {

namespace {

template <typename M>
std::shared_ptr<M> child(torch::nn::Module& parent, const std::string& name, std::shared_ptr<M> module) {
    return parent.register_module(name, std::move(module));
}

}  // namespace

Bottleneck::Bottleneck(int64_t inplanes, int64_t planes, int64_t stride_, const std::string& name_)
    : stride(stride_), name(name_), relu1Name(name_ + ".relu1"), relu2Name(name_ + ".relu2"),
      addName(name_ + ".add") {
    conv1 = child(*this, "conv1", std::make_shared<ConvLayer>(inplanes, planes, 1, 1, 0, false));
    bn1 = child(*this, "bn1", std::make_shared<BatchNormLayer>(planes));
    conv2 = child(*this, "conv2", std::make_shared<ConvLayer>(planes, planes, 3, 1, 1, false));
    bn2 = child(*this, "bn2", std::make_shared<BatchNormLayer>(planes));
    conv3 = child(*this, "conv3", std::make_shared<ConvLayer>(planes, planes * 4, 1, 1, 0, false));
    bn3 = child(*this, "bn3", std::make_shared<BatchNormLayer>(planes * 4));
    if (stride > 1 || inplanes != planes * 4) {
        // The reference names the shortcut's average pool "-1": it has no parameters.
        auto downsample = child(*this, "downsample", std::make_shared<torch::nn::Module>());
        downConv = child(*downsample, "0", std::make_shared<ConvLayer>(inplanes, planes * 4, 1, 1, 0, false));
        downBn = child(*downsample, "1", std::make_shared<BatchNormLayer>(planes * 4));
    }
}

at::Tensor Bottleneck::forward(const at::Tensor& x, CaptureSink& sink) const {
    at::Tensor out = at::relu(bn1->forward(conv1->forward(x)));
    if (sink.record(relu1Name, out)) return {};
    out = at::relu(bn2->forward(conv2->forward(out)));
    if (sink.record(relu2Name, out)) return {};
    if (stride > 1) out = at::avg_pool2d(out, {stride, stride});
    out = bn3->forward(conv3->forward(out));
    at::Tensor identity = x;
    if (downConv) {
        if (stride > 1) identity = at::avg_pool2d(identity, {stride, stride});
        identity = downBn->forward(downConv->forward(identity));
    }
    const at::Tensor sum = out + identity;
    if (sink.record(addName, sum)) return {};
    out = at::relu(sum);
    if (sink.record(name, out)) return {};
    return out;
}

AttentionPool::AttentionPool(int64_t spatial, int64_t width, int64_t heads_, int64_t outDim) : heads(heads_) {
    positionalEmbedding = addParameter(*this, "positional_embedding", {spatial * spatial + 1, width});
    kProj = child(*this, "k_proj", std::make_shared<LinearLayer>(width, width));
    qProj = child(*this, "q_proj", std::make_shared<LinearLayer>(width, width));
    vProj = child(*this, "v_proj", std::make_shared<LinearLayer>(width, width));
    cProj = child(*this, "c_proj", std::make_shared<LinearLayer>(width, outDim));
}

at::Tensor AttentionPool::forward(const at::Tensor& nchw) const {
    const int64_t positions = nchw.size(2) * nchw.size(3);
    if (positions + 1 != positionalEmbedding.size(0))
        throw Error("attention pool: the image gives a " + std::to_string(nchw.size(2)) + "x" +
                    std::to_string(nchw.size(3)) + " grid, the model's positional embedding has " +
                    std::to_string(positionalEmbedding.size(0) - 1) + " positions (wrong input resolution)");
    at::Tensor t = nchw.flatten(2).permute({0, 2, 1});  // [N, HW, C]
    t = at::cat({t.mean(1, /*keepdim=*/true), t}, 1) + positionalEmbedding;
    // Only the mean token queries: the output is one vector per image.
    const at::Tensor q = qProj->forward(t.slice(1, 0, 1));
    const at::Tensor pooled = multiHeadAttention(q, kProj->forward(t), vProj->forward(t), heads, {});
    return cProj->forward(pooled).squeeze(1);
}

ModifiedResNet::ModifiedResNet(const ClipConfig& c) {
    const int64_t width = c.visionWidth;
    conv1 = child(*this, "conv1", std::make_shared<ConvLayer>(3, width / 2, 3, 2, 1, false));
    bn1 = child(*this, "bn1", std::make_shared<BatchNormLayer>(width / 2));
    conv2 = child(*this, "conv2", std::make_shared<ConvLayer>(width / 2, width / 2, 3, 1, 1, false));
    bn2 = child(*this, "bn2", std::make_shared<BatchNormLayer>(width / 2));
    conv3 = child(*this, "conv3", std::make_shared<ConvLayer>(width / 2, width, 3, 1, 1, false));
    bn3 = child(*this, "bn3", std::make_shared<BatchNormLayer>(width));
    int64_t inplanes = width;
    for (int s = 1; s <= 4; ++s) {
        const std::string stageName = "layer" + std::to_string(s);
        auto stage = child(*this, stageName, std::make_shared<torch::nn::Module>());
        const int64_t planes = width << (s - 1);
        stages.emplace_back();
        for (int b = 0; b < c.visionLayers.at(s - 1); ++b) {
            const int64_t stride = (b == 0 && s > 1) ? 2 : 1;
            const std::string blockName = "visual." + stageName + "." + std::to_string(b);
            stages.back().push_back(child(*stage, std::to_string(b),
                                          std::make_shared<Bottleneck>(inplanes, planes, stride, blockName)));
            inplanes = planes * 4;
        }
    }
    attnpool = child(*this, "attnpool",
                     std::make_shared<AttentionPool>(c.imageResolution / 32, width * 32, c.visionHeads, c.embedDim));
}

at::Tensor ModifiedResNet::forward(const at::Tensor& images, CaptureSink& sink) const {
    at::Tensor x = at::relu(bn1->forward(conv1->forward(images)));
    if (sink.record("visual.relu1", x)) return {};
    x = at::relu(bn2->forward(conv2->forward(x)));
    if (sink.record("visual.relu2", x)) return {};
    x = at::relu(bn3->forward(conv3->forward(x)));
    if (sink.record("visual.relu3", x)) return {};
    x = at::avg_pool2d(x, {2, 2});
    if (sink.record("visual.avgpool", x)) return {};
    for (size_t s = 0; s < stages.size(); ++s) {
        for (const auto& block : stages[s]) {
            x = block->forward(x, sink);
            if (!x.defined()) return {};
        }
        if (sink.record("visual.layer" + std::to_string(s + 1), x)) return {};
    }
    x = attnpool->forward(x);
    if (sink.record("visual.attnpool", x)) return {};
    return x;
}

VisionTransformer::VisionTransformer(const ClipConfig& c) {
    const int64_t width = c.visionWidth, patch = c.visionPatchSize, grid = c.visionGrid();
    conv1 = child(*this, "conv1", std::make_shared<ConvLayer>(3, width, patch, patch, 0, false));
    classEmbedding = addParameter(*this, "class_embedding", {width});
    positionalEmbedding = addParameter(*this, "positional_embedding", {grid * grid + 1, width});
    lnPre = child(*this, "ln_pre", std::make_shared<LayerNormLayer>(width));
    transformer = child(*this, "transformer",
                        std::make_shared<TransformerStack>(width, c.visionBlockCount(), c.visionHeads,
                                                           "visual.transformer.resblocks"));
    lnPost = child(*this, "ln_post", std::make_shared<LayerNormLayer>(width));
    proj = addParameter(*this, "proj", {width, c.embedDim});
}

at::Tensor VisionTransformer::forward(const at::Tensor& images, CaptureSink& sink) const {
    at::Tensor x = conv1->forward(images);  // [N, W, g, g]
    if (sink.record("visual.conv1", x)) return {};
    const int64_t n = x.size(0), width = x.size(1);
    x = x.flatten(2).permute({0, 2, 1});  // [N, g·g, W], patches row-major
    const at::Tensor cls = classEmbedding + at::zeros({n, 1, width}, x.options());
    x = at::cat({cls, x}, 1) + positionalEmbedding;
    x = lnPre->forward(x);
    if (sink.record("visual.ln_pre", x)) return {};
    x = transformer->forward(x, {}, sink);
    if (!x.defined()) return {};
    x = lnPost->forward(x.select(1, 0));
    if (sink.record("visual.ln_post", x)) return {};
    return at::matmul(x, proj);
}

}  // namespace ms::detail
