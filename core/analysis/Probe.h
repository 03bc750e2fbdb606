#pragma once
// Probing one image: in a single forward pass, which units of a layer respond (per-unit
// spatial mean, max and where the max is) and what the model thinks the image shows
// (zero-shot probabilities). Serves `multiscope-cli probe`, the probe dock and its overlay
// editor (which compares against the clean image's result).

#include <ATen/core/Tensor.h>

#include <QString>

#include <string>
#include <vector>

namespace ms {

class ClipNetwork;
class ZeroShotClassifier;

struct ProbeUnit {
    int unit = -1;
    float activation = 0;  // spatial mean (the channel objective's value)
    float max = 0;
    int x = 0, y = 0;      // argmax in the layer's grid
};

struct ProbeLabel {
    QString label;
    float probability = 0;
};

struct ProbeOptions {
    bool maps = false;          // also each unit's spatial map (for heatmaps)
    std::vector<int> ablated;   // units of the layer switched off in this pass
    std::vector<float> ablatedValues;  // what each reads instead (mean-ablation); empty: zero
};

struct ProbeResult {
    std::string layer;          // canonical
    int gridWidth = 1, gridHeight = 1;
    at::Tensor unitMeans;       // [units]
    at::Tensor unitMaxima;      // [units]
    at::Tensor unitArgmax;      // [units] flat grid positions
    at::Tensor unitMaps;        // [units, gridHeight, gridWidth] with ProbeOptions::maps, else undefined
    at::Tensor probabilities;   // [labels], the classifier's order

    // The k units with the highest spatial mean, best first (ties: lower unit first).
    std::vector<ProbeUnit> topUnits(int k) const;
    // Every label, most probable first.
    std::vector<ProbeLabel> zeroShot(const ZeroShotClassifier& classifier) const;
};

// `input` is one preprocessed image [3, R, R]; `layer` a name or alias (empty: the model's
// default layer). Throws ms::Error for an unknown or text-tower layer.
ProbeResult probeImage(const ClipNetwork& network, const ZeroShotClassifier& classifier, const at::Tensor& input,
                       const std::string& layer, const ProbeOptions& options = {});

}  // namespace ms
