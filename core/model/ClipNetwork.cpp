#include "model/ClipModelTorch.h"

#include "model/ClipBuilder.h"
#include "model/ClipModule.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <map>
#include <sstream>

namespace ms {

namespace {

ModelDescriptor describe(const ClipConfig& c, const std::string& source, const std::string& hash) {
    ModelDescriptor d;
    d.family = visionFamilyName(c.family);
    d.config = c;
    d.inputResolution = c.imageResolution;
    d.points = capturePointsFor(c);
    d.defaultLayer = defaultStudiedLayer(c);
    d.contentHash = hash;
    d.source = source;
    return d;
}

std::string shapeOf(const at::Tensor& t) {
    if (!t.defined()) return "an undefined tensor";
    std::ostringstream out;
    out << t.sizes();
    return out.str();
}

// LibTorch reports its own failures as c10::Error; users get an ms::Error naming the model.
template <typename F>
auto guarded(const std::string& source, F&& body) {
    try {
        return body();
    } catch (const c10::Error& e) {
        std::string message = e.what_without_backtrace();
        message = message.substr(0, message.find('\n'));
        throw Error(source + ": " + message);
    }
}

bool isIntegerTensor(const at::Tensor& t) {
    return t.defined() && at::isIntegralType(t.scalar_type(), /*includeBool=*/false);
}

}  // namespace

ClipNetwork::ClipNetwork(std::shared_ptr<detail::ClipModule> module, ModelDescriptor descriptor)
    : mModule(std::move(module)), mDescriptor(std::move(descriptor)) {}

ClipNetwork::~ClipNetwork() = default;

std::shared_ptr<ClipNetwork> ClipNetwork::fromStateDict(const StateDict& weights, const std::string& source,
                                                        const ClipLoadOptions& options,
                                                        const std::string& contentHash) {
    return guarded(source, [&] {
        // Weights made under an inference-mode guard could never join an autograd graph.
        c10::InferenceMode normalTensors(false);
        const ClipConfig config = detail::inferClipConfig(weights, source, options);
        auto module = std::make_shared<detail::ClipModule>(config);
        detail::loadWeights(*module, weights, source);
        const std::string hash = contentHash.empty() ? detail::hashModuleTensors(*module) : contentHash;
        return std::shared_ptr<ClipNetwork>(new ClipNetwork(module, describe(config, source, hash)));
    });
}

std::shared_ptr<ClipNetwork> ClipNetwork::randomlyInitialised(const ClipConfig& config, uint64_t seed) {
    const std::string source = std::string("random ") + visionFamilyName(config.family) + " CLIP (seed " +
                               std::to_string(seed) + ")";
    return guarded(source, [&] {
        c10::InferenceMode normalTensors(false);
        auto module = std::make_shared<detail::ClipModule>(config);
        detail::initialiseRandomly(*module, seed);
        const std::string hash = detail::hashModuleTensors(*module);
        return std::shared_ptr<ClipNetwork>(new ClipNetwork(module, describe(config, source, hash)));
    });
}

at::Tensor ClipNetwork::checkedImages(const at::Tensor& images, bool needsFullResolution) const {
    const std::string& src = mDescriptor.source;
    if (!images.defined() || images.dim() != 4 || images.size(1) != 3)
        throw Error(src + ": images must be a [N, 3, H, W] tensor, got " + shapeOf(images));
    if (!at::isFloatingType(images.scalar_type()))
        throw Error(src + ": images must be floating point, got " + std::string(c10::toString(images.scalar_type())));
    const int64_t r = mDescriptor.inputResolution, h = images.size(2), w = images.size(3);
    if ((needsFullResolution && (h != r || w != r)) || h < 32 || w < 32)
        throw Error(src + ": images are " + std::to_string(h) + "x" + std::to_string(w) + ", the model takes " +
                    std::to_string(r) + "x" + std::to_string(r));
    return images.scalar_type() == at::kFloat ? images : images.to(at::kFloat);
}

at::Tensor ClipNetwork::checkedTokens(const at::Tensor& tokens) const {
    const std::string& src = mDescriptor.source;
    const int64_t length = mDescriptor.config.contextLength;
    if (!isIntegerTensor(tokens) || tokens.dim() != 2 || tokens.size(1) != length)
        throw Error(src + ": tokens must be an integer [N, " + std::to_string(length) + "] tensor, got " +
                    shapeOf(tokens));
    const at::Tensor ids = tokens.to(at::kLong);
    if (ids.numel() > 0) {
        const int64_t lo = ids.min().item<int64_t>(), hi = ids.max().item<int64_t>();
        if (lo < 0 || hi >= mDescriptor.config.vocabSize)
            throw Error(src + ": token id " + std::to_string(lo < 0 ? lo : hi) + " is outside the vocabulary (" +
                        std::to_string(mDescriptor.config.vocabSize) + " ids)");
    }
    return ids;
}

at::Tensor ClipNetwork::encodeImage(const at::Tensor& images) const {
    return guarded(mDescriptor.source, [&] {
        detail::CaptureSink none;
        return mModule->encodeImage(checkedImages(images, true), none);
    });
}

at::Tensor ClipNetwork::encodeText(const at::Tensor& tokens) const {
    return guarded(mDescriptor.source, [&] {
        detail::CaptureSink none;
        return mModule->encodeText(checkedTokens(tokens), none);
    });
}

at::Tensor ClipNetwork::logitsFromEmbeddings(const at::Tensor& imageEmbeddings, const at::Tensor& textEmbeddings) const {
    return guarded(mDescriptor.source, [&] {
        const at::Tensor images = imageEmbeddings / imageEmbeddings.norm(2, {1}, /*keepdim=*/true);
        const at::Tensor texts = textEmbeddings / textEmbeddings.norm(2, {1}, /*keepdim=*/true);
        return (mModule->logitScale.exp() * images).matmul(texts.t());
    });
}

at::Tensor ClipNetwork::logits(const at::Tensor& images, const at::Tensor& tokens) const {
    return logitsFromEmbeddings(encodeImage(images), encodeText(tokens));
}

double ClipNetwork::logitScale() const { return mModule->logitScale.exp().item<double>(); }

CaptureResult ClipNetwork::capture(const at::Tensor& input, const CaptureRequest& request) const {
    const bool text = isIntegerTensor(input);
    std::map<std::string, PointCapture> wanted;  // canonical names; aliases merged
    for (const auto& [name, what] : request.points) {
        const CapturePointInfo& info = mDescriptor.point(name);
        if ((info.tower == Tower::Text) != text)
            throw Error(mDescriptor.source + ": '" + info.name + "' is a point of the " + towerName(info.tower) +
                        " tower, but the input is " + (text ? "a token batch" : "an image batch"));
        const auto [it, inserted] = wanted.emplace(info.name, what);
        if (!inserted) it->second = {it->second.full || what.full, it->second.mean || what.mean, it->second.max || what.max};
    }
    std::map<std::string, UnitAblation> ablations;
    for (const auto& [name, ablation] : request.ablations) {
        const CapturePointInfo& info = mDescriptor.point(name);
        if ((info.tower == Tower::Text) != text)
            throw Error(mDescriptor.source + ": cannot ablate '" + info.name + "' of the " + towerName(info.tower) + " tower here");
        for (int64_t u : ablation.units)
            if (u < 0 || u >= info.units)
                throw Error(mDescriptor.source + ": " + info.name + " has " + std::to_string(info.units) + " units, no unit " + std::to_string(u));
        if (!ablation.values.empty() && ablation.values.size() != ablation.units.size())
            throw Error("ablation of " + info.name + ": one value per unit, or none");
        if (at::GradMode::is_enabled()) throw Error("ablation needs inference (grad mode off)");
        UnitAblation& merged = ablations[info.name];
        merged.units.insert(merged.units.end(), ablation.units.begin(), ablation.units.end());
        merged.values.insert(merged.values.end(), ablation.values.begin(), ablation.values.end());
        if (merged.values.size() != merged.units.size() && !merged.values.empty())
            throw Error("ablation of " + info.name + ": one value per unit, or none");
    }
    if (wanted.empty() && !request.embedding) return {};
    std::vector<std::pair<const CapturePointInfo*, PointCapture>> slots;
    bool needsPool = request.embedding || mDescriptor.config.family == VisionFamily::ViT;
    for (const auto& [name, what] : wanted) {
        slots.emplace_back(mDescriptor.find(name), what);
        needsPool = needsPool || name == "visual.attnpool";
    }
    return guarded(mDescriptor.source, [&] {
        detail::CaptureSink sink(std::move(slots), request.embedding);
        sink.setAblations(ablations);
        const at::Tensor embedding = text ? mModule->encodeText(checkedTokens(input), sink)
                                          : mModule->encodeImage(checkedImages(input, needsPool), sink);
        CaptureResult result = sink.take();
        if (request.embedding) result.embedding = embedding;
        return result;
    });
}

void ClipNetwork::setFastInference(bool enabled) { mModule->fastInference = enabled; }

bool ClipNetwork::fastInference() const { return mModule->fastInference; }

std::vector<std::pair<std::string, at::Tensor>> ClipNetwork::namedTensors() const {
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto& item : mModule->named_parameters(true)) out.emplace_back(item.key(), item.value());
    for (const auto& item : mModule->named_buffers(true)) out.emplace_back(item.key(), item.value());
    return out;
}

at::Tensor patchGrid(const at::Tensor& tokens, const CapturePointInfo& info) {
    if (!info.hasClassToken || tokens.dim() != 3)
        throw Error("'" + info.name + "' is not a ViT image token point: no patch grid");
    const at::Tensor patches = tokens.slice(1, 1);  // [N, gh·gw, D], row-major
    return patches.transpose(1, 2).reshape({tokens.size(0), tokens.size(2), info.gridHeight, info.gridWidth});
}

}  // namespace ms
