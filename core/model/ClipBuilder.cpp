#include "model/ClipBuilder.h"

#include "model/ClipModule.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <QCryptographicHash>

#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

namespace ms::detail {

namespace {

std::string shapeText(at::IntArrayRef sizes) {
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < sizes.size(); ++i) out << (i ? ", " : "") << sizes[i];
    out << ']';
    return out.str();
}

const at::Tensor& need(const StateDict& w, const std::string& key, int64_t dims, const std::string& source) {
    const auto it = w.find(key);
    if (it == w.end()) throw Error(source + ": missing key '" + key + "'");
    if (!it->second.defined() || it->second.dim() != dims)
        throw Error(source + ": '" + key + "' has shape " + shapeText(it->second.sizes()) + ", expected " +
                    std::to_string(dims) + " dimensions");
    return it->second;
}

// The distinct numeric path segments right after `prefix` ("visual.layer1." → block indices).
std::set<int64_t> indicesUnder(const StateDict& w, const std::string& prefix) {
    std::set<int64_t> indices;
    for (auto it = w.lower_bound(prefix); it != w.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
        const size_t end = it->first.find('.', prefix.size());
        const std::string segment = it->first.substr(prefix.size(), end - prefix.size());
        if (segment.empty() || segment.size() > 9) continue;
        bool digits = true;
        for (char ch : segment) digits = digits && std::isdigit(static_cast<unsigned char>(ch));
        if (digits) indices.insert(std::stoll(segment));
    }
    return indices;
}

// 1 + side² rows → side, as the reference's round(sqrt(rows - 1)), checked.
int squareSide(const at::Tensor& positional, const std::string& key, const std::string& source) {
    const int64_t rows = positional.size(0);
    const int64_t side = std::llround(std::sqrt(static_cast<double>(std::max<int64_t>(rows - 1, 0))));
    if (side < 1 || side * side + 1 != rows)
        throw Error(source + ": '" + key + "' has " + std::to_string(rows) +
                    " rows; expected 1 + a square number of positions");
    return static_cast<int>(side);
}

void inferViT(const StateDict& w, const std::string& source, ClipConfig& c) {
    const at::Tensor& conv = need(w, "visual.conv1.weight", 4, source);
    c.visionWidth = static_cast<int>(conv.size(0));
    c.visionPatchSize = static_cast<int>(conv.size(3));
    int layers = 0;
    const std::string suffix = ".attn.in_proj_weight";
    for (const auto& [key, tensor] : w)
        if (key.rfind("visual.", 0) == 0 && key.size() > suffix.size() &&
            key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
            ++layers;
    if (layers == 0) throw Error(source + ": missing key 'visual.transformer.resblocks.0.attn.in_proj_weight'");
    c.visionLayers = {layers};
    const int grid = squareSide(need(w, "visual.positional_embedding", 2, source), "visual.positional_embedding", source);
    c.imageResolution = c.visionPatchSize * grid;
}

void inferResNet(const StateDict& w, const std::string& source, ClipConfig& c) {
    need(w, "visual.conv1.weight", 4, source);
    c.visionLayers.clear();
    for (int stage = 1; stage <= 4; ++stage) {
        const std::string prefix = "visual.layer" + std::to_string(stage) + ".";
        const size_t blocks = indicesUnder(w, prefix).size();
        if (blocks == 0) throw Error(source + ": missing key '" + prefix + "0.conv1.weight'");
        c.visionLayers.push_back(static_cast<int>(blocks));
    }
    c.visionWidth = static_cast<int>(need(w, "visual.layer1.0.conv1.weight", 4, source).size(0));
    if (c.visionWidth < 2 || c.visionWidth % 2 != 0)
        throw Error(source + ": 'visual.layer1.0.conv1.weight' gives an odd stem width " +
                    std::to_string(c.visionWidth));
    const std::string key = "visual.attnpool.positional_embedding";
    c.imageResolution = 32 * squareSide(need(w, key, 2, source), key, source);
}

int chooseHeads(int requested, int fallback, int width, const char* what, const std::string& source) {
    if (requested < 0) throw Error(source + ": " + what + " heads must be positive, not " + std::to_string(requested));
    const int heads = requested > 0 ? requested : fallback;
    if (width % heads != 0)
        throw Error(source + ": " + what + " width " + std::to_string(width) + " is not divisible by " +
                    std::to_string(heads) + " heads");
    return heads;
}

}  // namespace

ClipConfig inferClipConfig(const StateDict& w, const std::string& source, const ClipLoadOptions& options) {
    if (!w.count("visual.conv1.weight") && !w.count("token_embedding.weight") && !w.count("text_projection")) {
        std::string sample;
        int shown = 0;
        for (auto it = w.begin(); it != w.end() && shown < 3; ++it, ++shown) sample += (shown ? ", '" : " '") + it->first + "'";
        throw Error(source + ": not a CLIP state dict (no 'visual.conv1.weight', 'token_embedding.weight' or "
                             "'text_projection'; " +
                    std::to_string(w.size()) + " keys" + (sample.empty() ? "" : ", first:" + sample) + ")");
    }
    ClipConfig c;
    c.family = w.count("visual.proj") ? VisionFamily::ViT : VisionFamily::ResNet;
    if (c.family == VisionFamily::ViT)
        inferViT(w, source, c);
    else
        inferResNet(w, source, c);
    c.embedDim = static_cast<int>(need(w, "text_projection", 2, source).size(1));
    c.contextLength = static_cast<int>(need(w, "positional_embedding", 2, source).size(0));
    c.vocabSize = static_cast<int>(need(w, "token_embedding.weight", 2, source).size(0));
    c.transformerWidth = static_cast<int>(need(w, "ln_final.weight", 1, source).size(0));
    c.transformerLayers = static_cast<int>(indicesUnder(w, "transformer.resblocks.").size());
    if (c.transformerLayers == 0) throw Error(source + ": missing key 'transformer.resblocks.0.attn.in_proj_weight'");
    c.transformerHeads = chooseHeads(options.textHeads, defaultTextHeads(c.transformerWidth), c.transformerWidth,
                                     "text", source);
    const int visionAttentionWidth = c.family == VisionFamily::ViT ? c.visionWidth : c.visionWidth * 32;
    c.visionHeads = chooseHeads(options.visionHeads, defaultVisionHeads(c.family, c.visionWidth),
                                visionAttentionWidth, "vision", source);
    return c;
}

void loadWeights(ClipModule& module, const StateDict& w, const std::string& source) {
    at::NoGradGuard noGrad;
    auto copyAll = [&](const torch::OrderedDict<std::string, at::Tensor>& targets) {
        for (const auto& item : targets) {
            const std::string& key = item.key();
            at::Tensor target = item.value();
            const auto it = w.find(key);
            if (it == w.end()) {
                // Counters of BatchNorm training: meaningless in eval mode, absent in some exports.
                if (key.size() > 19 && key.compare(key.size() - 19, 19, "num_batches_tracked") == 0) continue;
                throw Error(source + ": missing key '" + key + "'");
            }
            const at::Tensor& value = it->second;
            if (!value.defined() || value.sizes() != target.sizes())
                throw Error(source + ": '" + key + "' has shape " + shapeText(value.sizes()) + ", expected " +
                            shapeText(target.sizes()));
            if (at::isFloatingType(target.scalar_type()) && !at::isFloatingType(value.scalar_type()))
                throw Error(source + ": '" + key + "' has type " + std::string(c10::toString(value.scalar_type())) +
                            ", expected a floating-point type");
            target.copy_(value);
        }
    };
    copyAll(module.named_parameters(true));
    copyAll(module.named_buffers(true));
}

void initialiseRandomly(ClipModule& module, uint64_t seed) {
    at::NoGradGuard noGrad;
    at::Generator gen = at::detail::createCPUGenerator(seed);
    for (auto& item : module.named_parameters(true)) {
        at::Tensor p = item.value();
        const std::string& key = item.key();
        if (p.dim() >= 2) {
            const double fanIn = static_cast<double>(p.numel() / p.size(0));
            const bool embedding = key.find("embedding") != std::string::npos;
            p.normal_(0.0, embedding ? 0.02 : 1.0 / std::sqrt(fanIn), gen);
        } else if (p.dim() == 1) {
            p.zero_();  // biases; norm gammas are set below
        }
    }
    for (auto& item : module.named_modules()) {
        auto* bn = dynamic_cast<BatchNormLayer*>(item.value().get());
        auto* ln = dynamic_cast<LayerNormLayer*>(item.value().get());
        if (bn) bn->weight.fill_(1.0);
        if (ln) ln->weight.fill_(1.0);
    }
    if (module.vit) module.vit->classEmbedding.normal_(0.0, 0.02, gen);
    module.logitScale.fill_(std::log(1.0 / 0.07));
}

std::string hashModuleTensors(const ClipModule& module) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto add = [&](const torch::OrderedDict<std::string, at::Tensor>& tensors) {
        for (const auto& item : tensors) {
            const at::Tensor t = item.value().contiguous();
            hash.addData(QByteArrayView(item.key().data(), static_cast<qsizetype>(item.key().size())));
            hash.addData(QByteArrayView(static_cast<const char*>(t.data_ptr()), static_cast<qsizetype>(t.nbytes())));
        }
    };
    add(module.named_parameters(true));
    add(module.named_buffers(true));
    return hash.result().toHex().toStdString();
}

}  // namespace ms::detail
