#include "analysis/Probe.h"

#include "analysis/ZeroShot.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

namespace ms {

ProbeResult probeImage(const ClipNetwork& network, const ZeroShotClassifier& classifier, const at::Tensor& input,
                       const std::string& layer, const ProbeOptions& options) {
    const ModelDescriptor& descriptor = network.descriptor();
    const CapturePointInfo& point = descriptor.point(layer.empty() ? descriptor.defaultLayer : layer);
    if (point.tower != Tower::Image) throw Error("layer " + point.name + " belongs to the text tower; probe an image-tower layer");
    c10::InferenceMode inference;
    CaptureRequest request;
    request.embedding = true;
    request.add(point.name, PointCapture{options.maps, true, true});
    if (!options.ablated.empty()) {
        request.ablations[point.name].units.assign(options.ablated.begin(), options.ablated.end());
        request.ablations[point.name].values = options.ablatedValues;
    }
    const CaptureResult captured = network.capture(input.unsqueeze(0), request);
    const CapturedTensor& c = captured.points.at(point.name);
    ProbeResult result;
    result.layer = point.name;
    result.gridWidth = static_cast<int>(point.gridWidth);
    result.gridHeight = static_cast<int>(point.gridHeight);
    result.unitMeans = c.mean[0].contiguous();
    result.unitMaxima = c.max[0].contiguous();
    result.unitArgmax = c.argmax[0].contiguous();
    if (options.maps) {
        // Per-unit maps on the point's grid: conv [C,H,W] as is; ViT tokens [L,D] without the
        // class token, as [D, gridH, gridW].
        at::Tensor full = c.full[0];
        if (point.layout == PointLayout::Tokens) {
            if (point.hasClassToken) full = full.slice(0, 1);
            full = full.t().reshape({point.units, point.gridHeight, point.gridWidth});
        } else if (point.layout == PointLayout::Vector) {
            full = full.reshape({point.units, 1, 1});
        }
        result.unitMaps = full.contiguous();
    }
    result.probabilities = classifier.probabilitiesFromEmbeddings(captured.embedding)[0].contiguous();
    return result;
}

std::vector<ProbeUnit> ProbeResult::topUnits(int k) const {
    const auto units = static_cast<int>(unitMeans.size(0));
    const float* mean = unitMeans.data_ptr<float>();
    std::vector<int> order(static_cast<size_t>(units));
    std::iota(order.begin(), order.end(), 0);
    const int n = std::clamp(k, 0, units);
    std::partial_sort(order.begin(), order.begin() + n, order.end(), [mean](int a, int b) {
        return mean[a] != mean[b] ? mean[a] > mean[b] : a < b;
    });
    std::vector<ProbeUnit> out;
    const float* maxima = unitMaxima.data_ptr<float>();
    const int64_t* argmax = unitArgmax.data_ptr<int64_t>();
    for (int i = 0; i < n; ++i) {
        const int u = order[static_cast<size_t>(i)];
        out.push_back(ProbeUnit{u, mean[u], maxima[u], static_cast<int>(argmax[u] % gridWidth),
                                static_cast<int>(argmax[u] / gridWidth)});
    }
    return out;
}

std::vector<ProbeLabel> ProbeResult::zeroShot(const ZeroShotClassifier& classifier) const {
    std::vector<ProbeLabel> out;
    const float* p = probabilities.data_ptr<float>();
    for (int i = 0; i < classifier.labels().size(); ++i) out.push_back(ProbeLabel{classifier.labels()[i], p[i]});
    std::stable_sort(out.begin(), out.end(), [](const ProbeLabel& a, const ProbeLabel& b) { return a.probability > b.probability; });
    return out;
}

}  // namespace ms
