#pragma once
// A deterministic stand-in for a model in the index tests: each unit of each layer is a fixed
// linear function of an image cell's mean colour, so activations depend on content, are
// cheap, and a brute-force reference is easy. Two layers: "fake.layer1" (4 units on a 4×4
// grid, 1-byte argmax) and "fake.layer2" (6 units on a 17×17 grid, 2-byte argmax); the
// default layer is fake.layer2.

#include "index/ActivationSource.h"

#include <atomic>
#include <string>
#include <vector>

namespace ms::test {

class FakeActivationSource : public ActivationSource {
public:
    explicit FakeActivationSource(std::string hash = "fake-model-1", int resolution = 32);

    std::string modelHash() const override { return mHash; }
    std::string modelSource() const override { return "fake source"; }
    std::string defaultLayer() const override { return "fake.layer2"; }
    SourceLayer layer(const std::string& nameOrAlias) const override;
    int resolution() const override { return mResolution; }
    ImageNormalization normalization() const override { return kClipImageNormalization; }
    std::vector<LayerReductions> run(const at::Tensor& images, const std::vector<std::string>& layers) override;

    // The layer's full map for one preprocessed image [3, R, R]: [units][gridH · gridW].
    std::vector<std::vector<float>> fullMap(const at::Tensor& image, const std::string& layer) const;

    std::atomic<int64_t> imagesSeen{0};
    std::atomic<int64_t> batchesSeen{0};
    int sleepMsPerBatch = 0;  // to give a killer time to strike mid-run

private:
    std::string mHash;
    int mResolution;
};

}  // namespace ms::test
