#include "index/ClipActivationSource.h"

#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

namespace ms {

ClipActivationSource::ClipActivationSource(ClipModel model, int computeThreads, std::string defaultLayer)
    : mModel(std::move(model)), mComputeThreads(computeThreads), mDefaultLayer(std::move(defaultLayer)) {
    if (mDefaultLayer.empty()) mDefaultLayer = mModel.descriptor().defaultLayer;
}

std::string ClipActivationSource::modelHash() const { return mModel.contentHash(); }

std::string ClipActivationSource::modelSource() const { return mModel.descriptor().source; }

std::string ClipActivationSource::defaultLayer() const { return mDefaultLayer; }

SourceLayer ClipActivationSource::layer(const std::string& nameOrAlias) const {
    const CapturePointInfo& p = mModel.capturePoint(nameOrAlias);
    if (p.tower != Tower::Image)
        throw Error("layer " + p.name + " belongs to the text tower: an image index needs an image-tower layer");
    return SourceLayer{p.name, p.units, p.gridHeight, p.gridWidth};
}

int ClipActivationSource::resolution() const { return mModel.descriptor().inputResolution; }

ImageNormalization ClipActivationSource::normalization() const {
    return ImageNormalization{mModel.descriptor().mean, mModel.descriptor().std};
}

int ClipActivationSource::computeThreads() const { return mComputeThreads > 0 ? mComputeThreads : at::get_num_threads(); }

std::vector<LayerReductions> ClipActivationSource::run(const at::Tensor& images, const std::vector<std::string>& layers) {
    if (mComputeThreads > 0 && at::get_num_threads() != mComputeThreads) at::set_num_threads(mComputeThreads);
    c10::InferenceMode inference;
    CaptureRequest request;
    PointCapture what;
    what.full = false;
    what.mean = true;
    what.max = true;
    for (const std::string& name : layers) request.add(name, what);
    const CaptureResult result = mModel.network().capture(images, request);
    std::vector<LayerReductions> out;
    for (const std::string& name : layers) {
        const auto it = result.points.find(name);
        if (it == result.points.end()) throw Error("the model did not capture layer " + name);
        out.push_back(LayerReductions{it->second.max, it->second.mean, it->second.argmax});
    }
    return out;
}

}  // namespace ms
