#pragma once
// What indexing needs from a model, and nothing more: its identity, its capture points, how
// it wants images preprocessed, and per-unit reductions of a batch. ClipActivationSource
// adapts a ClipModel; tests use small deterministic fakes.
//
// Thread-safety: run() is called from one thread (the one that called runIndexing).

#include "image/ImageOptions.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ms {

// One capture point as the index stores it.
struct SourceLayer {
    std::string name;  // canonical name
    int64_t units = 0;
    int64_t gridHeight = 1;  // the grid argmax positions refer to
    int64_t gridWidth = 1;
};

// Per-unit reductions of one capture point over a batch of n images.
struct LayerReductions {
    at::Tensor max;     // float32 [n, units]: the spatial max
    at::Tensor mean;    // float32 [n, units]: the spatial mean
    at::Tensor argmax;  // int64 [n, units]: flat grid position of the max (y · gridWidth + x)
};

class ActivationSource {
public:
    virtual ~ActivationSource() = default;

    virtual std::string modelHash() const = 0;    // content hash: the model's identity
    virtual std::string modelSource() const = 0;  // where it came from, for people
    virtual std::string defaultLayer() const = 0; // canonical name of the default studied layer
    // The capture point for a name or alias; throws ms::Error for unknown names.
    virtual SourceLayer layer(const std::string& nameOrAlias) const = 0;
    virtual int resolution() const = 0;
    virtual ImageNormalization normalization() const = 0;
    // Recorded in the index and compared on every run: a change means another index.
    virtual std::string preprocessing() const;
    // Compute threads the forward pass uses (recorded with each run); 0: unknown.
    virtual int computeThreads() const { return 0; }

    // images: float32 [n, 3, resolution, resolution], preprocessed. Returns one entry per
    // name in `layers` (canonical names, as layer() returned them), in that order.
    virtual std::vector<LayerReductions> run(const at::Tensor& images, const std::vector<std::string>& layers) = 0;
};

// "CLIP reference: resize shorter side to R (PIL bicubic), center crop R×R, RGB, /255,
// normalize mean=(…) std=(…)" for the given settings.
std::string describeClipPreprocessing(int resolution, const ImageNormalization& normalization);

}  // namespace ms
