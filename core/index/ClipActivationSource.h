#pragma once
// The activation source over a CLIP model: one capture forward pass per batch that keeps
// only the per-unit spatial max (with its position) and mean of the indexed points. Its
// identity is the model's content hash; the default layer is the one given (a bundled model's
// sidecar may choose one), else the descriptor's studied layer.
//
// Thread-safety: as the model's — one thread at a time.

#include "index/ActivationSource.h"
#include "model/ClipModel.h"

namespace ms {

class ClipActivationSource : public ActivationSource {
public:
    // computeThreads > 0: LibTorch's intra-op threads are set to it before each forward pass.
    // defaultLayer: ModelBundle::defaultLayer() for a model with a sidecar; empty: the descriptor's.
    explicit ClipActivationSource(ClipModel model, int computeThreads = 0, std::string defaultLayer = {});

    std::string modelHash() const override;
    std::string modelSource() const override;
    std::string defaultLayer() const override;
    SourceLayer layer(const std::string& nameOrAlias) const override;
    int resolution() const override;
    ImageNormalization normalization() const override;
    int computeThreads() const override;
    std::vector<LayerReductions> run(const at::Tensor& images, const std::vector<std::string>& layers) override;

    const ClipModel& model() const { return mModel; }

private:
    ClipModel mModel;
    int mComputeThreads;
    std::string mDefaultLayer;
};

}  // namespace ms
