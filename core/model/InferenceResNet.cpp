#include "model/InferenceResNet.h"

#include <ATen/ATen.h>
#include <ATen/Context.h>

#include <cmath>

namespace ms::detail {

namespace {

// Only the requested points pay for a copy back to a dense NCHW tensor.
bool emit(CaptureSink& sink, const std::string& name, const at::Tensor& opaque) {
    return sink.record(name, sink.wants(name) ? opaque.to_dense() : at::Tensor());
}

}  // namespace

at::Tensor FoldedConv::operator()(const at::Tensor& x) const {
    return at::mkldnn_convolution(x, weight, bias, {padding, padding}, {stride, stride}, {1, 1}, 1);
}

FoldedConv foldConvBatchNorm(const ConvLayer& conv, const BatchNormLayer& bn) {
    // In double so that folding adds no rounding of its own beyond the final cast.
    const at::Tensor scale = bn.weight.to(at::kDouble) / (bn.runningVar.to(at::kDouble) + 1e-5).sqrt();
    const at::Tensor weight = (conv.weight.to(at::kDouble) * scale.view({-1, 1, 1, 1})).to(at::kFloat).contiguous();
    FoldedConv out;
    out.bias = (bn.bias.to(at::kDouble) - bn.runningMean.to(at::kDouble) * scale).to(at::kFloat).contiguous();
    out.stride = conv.stride;
    out.padding = conv.padding;
    out.weight = at::mkldnn_reorder_conv2d_weight(weight.to_mkldnn(), {out.padding, out.padding},
                                                  {out.stride, out.stride}, {1, 1}, 1);
    return out;
}

bool InferenceResNet::available() { return at::hasMKLDNN() && at::globalContext().userEnabledMkldnn(); }

InferenceResNet::InferenceResNet(const ModifiedResNet& tower)
    : mStem1(foldConvBatchNorm(*tower.conv1, *tower.bn1)),
      mStem2(foldConvBatchNorm(*tower.conv2, *tower.bn2)),
      mStem3(foldConvBatchNorm(*tower.conv3, *tower.bn3)),
      mAttnpool(tower.attnpool),
      mFingerprint(fingerprintOf(tower)) {
    const int64_t heads = mAttnpool->heads, width = mAttnpool->kProj->weight.size(1);
    const int64_t headDim = mAttnpool->kProj->weight.size(0) / heads;
    mKeyPerHead = mAttnpool->kProj->weight.reshape({heads, headDim, width}).contiguous();
    mValuePerHead = mAttnpool->vProj->weight.reshape({heads, headDim, width}).transpose(1, 2).contiguous();
    for (const auto& stage : tower.stages) {
        mStages.emplace_back();
        for (const auto& b : stage) {
            Block block;
            block.conv1 = foldConvBatchNorm(*b->conv1, *b->bn1);
            block.conv2 = foldConvBatchNorm(*b->conv2, *b->bn2);
            block.conv3 = foldConvBatchNorm(*b->conv3, *b->bn3);
            block.hasDownsample = static_cast<bool>(b->downConv);
            if (block.hasDownsample) block.downsample = foldConvBatchNorm(*b->downConv, *b->downBn);
            block.stride = b->stride;
            block.source = b.get();
            mStages.back().push_back(std::move(block));
        }
    }
}

InferenceResNet::Fingerprint InferenceResNet::fingerprintOf(const ModifiedResNet& tower) {
    // Version counters move with every in-place change; data pointers with set_data().
    Fingerprint out;
    auto add = [&](const at::Tensor& t) { out.emplace_back(t.data_ptr(), t.is_inference() ? 0 : t._version()); };
    for (const at::Tensor& t : tower.parameters(true)) add(t);
    for (const at::Tensor& t : tower.buffers(true)) add(t);
    return out;
}

bool InferenceResNet::upToDateWith(const ModifiedResNet& tower) const {
    return fingerprintOf(tower) == mFingerprint;
}

at::Tensor InferenceResNet::runBlock(const Block& block, const at::Tensor& x, CaptureSink& sink) const {
    const Bottleneck& names = *block.source;
    at::Tensor out = block.conv1(x).relu_();
    if (emit(sink, names.relu1Name, out)) return {};
    out = block.conv2(out).relu_();
    if (emit(sink, names.relu2Name, out)) return {};
    if (block.stride > 1) out = at::avg_pool2d(out, {block.stride, block.stride});
    out = block.conv3(out);
    if (block.hasDownsample) {
        const at::Tensor pooled = block.stride > 1 ? at::avg_pool2d(x, {block.stride, block.stride}) : x;
        out.add_(block.downsample(pooled));
    } else {
        out.add_(x);
    }
    if (emit(sink, names.addName, out)) return {};
    out.relu_();
    if (emit(sink, names.name, out)) return {};
    return out;
}

at::Tensor InferenceResNet::forward(const at::Tensor& images, CaptureSink& sink) const {
    at::Tensor x = mStem1(images.contiguous().to_mkldnn()).relu_();
    if (emit(sink, "visual.relu1", x)) return {};
    x = mStem2(x).relu_();
    if (emit(sink, "visual.relu2", x)) return {};
    x = mStem3(x).relu_();
    if (emit(sink, "visual.relu3", x)) return {};
    x = at::avg_pool2d(x, {2, 2});
    if (emit(sink, "visual.avgpool", x)) return {};
    for (size_t s = 0; s < mStages.size(); ++s) {
        for (const Block& block : mStages[s]) {
            x = runBlock(block, x, sink);
            if (!x.defined()) return {};
        }
        if (emit(sink, "visual.layer" + std::to_string(s + 1), x)) return {};
    }
    at::Tensor pooled = attentionPool(x.to_dense());
    if (sink.record("visual.attnpool", pooled)) return {};
    return pooled;
}

at::Tensor InferenceResNet::attentionPool(const at::Tensor& nchw) const {
    const AttentionPool& pool = *mAttnpool;
    const int64_t positions = nchw.size(2) * nchw.size(3);
    if (positions + 1 != pool.positionalEmbedding.size(0)) return pool.forward(nchw);  // its error message
    const int64_t n = nchw.size(0), heads = mKeyPerHead.size(0), headDim = mKeyPerHead.size(1);
    at::Tensor t = nchw.flatten(2).transpose(1, 2);  // [N, HW, C]
    t = at::cat({t.mean(1, /*keepdim=*/true), t}, 1) + pool.positionalEmbedding;  // [N, L, C]
    // The mean token's query per head, scaled as multiHeadAttention scales it.
    const at::Tensor q = pool.qProj->forward(t.select(1, 0)).view({n, heads, headDim}) /
                         std::sqrt(static_cast<double>(headDim));
    const at::Tensor keyOnQuery = at::bmm(q.transpose(0, 1), mKeyPerHead).transpose(0, 1);  // [N, H, C]
    const at::Tensor weights = at::softmax(at::bmm(keyOnQuery, t.transpose(1, 2)), -1);     // [N, H, L]
    const at::Tensor mixed = at::bmm(weights, t);                                             // [N, H, C]
    const at::Tensor values = at::bmm(mixed.transpose(0, 1), mValuePerHead).transpose(0, 1);  // [N, H, d]
    const at::Tensor attended = values.reshape({n, heads * headDim}) + pool.vProj->bias;
    return pool.cProj->forward(attended);
}

}  // namespace ms::detail
