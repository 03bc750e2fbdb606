#pragma once
// The CLIP model as the rest of Multiscope sees it: load from a weights file, read its
// descriptor (architecture, normalisation, capture points, identity), resolve layer names.
// Torch-free, so Qt code can hold and pass models around; the forward passes (encode,
// logits, capture) are on ClipNetwork in ClipModelTorch.h.
//
// Thread-safety: one model is used by one worker thread at a time. ClipModel is a cheap
// handle: copies share the same network, so the rule applies to all copies together.
// Loading and reading the descriptor are safe from any thread.

#include "model/ClipConfig.h"
#include "model/ModelDescriptor.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ms {

class ClipNetwork;

class ClipModel {
public:
    // Loads a .safetensors file or an OpenAI TorchScript .pt archive (io/StateDict.h), infers
    // the architecture and hashes the file (SHA-256, its identity). Throws ms::Error naming
    // the file and the problem (unreadable, not a CLIP, missing key, wrong shape...).
    static ClipModel load(const std::string& path, const ClipLoadOptions& options = {});

    // A network of the given architecture with random weights, reproducible from `seed`
    // (benchmarks, tests). Its identity is a hash of its tensors.
    static ClipModel randomlyInitialised(const ClipConfig& config, uint64_t seed = 0);

    // Wraps a network built by ClipNetwork::fromStateDict (ClipModelTorch.h).
    explicit ClipModel(std::shared_ptr<ClipNetwork> network);

    const ModelDescriptor& descriptor() const;
    const ClipConfig& config() const { return descriptor().config; }
    const std::string& contentHash() const { return descriptor().contentHash; }

    // Canonical capture-point name for a name or a Microscope alias (`image_block_4/5/Add_6`);
    // throws ms::Error listing the closest names when there is no such point.
    std::string resolveCapturePoint(const std::string& nameOrAlias) const;
    const CapturePointInfo& capturePoint(const std::string& nameOrAlias) const;

    // The torch side: include model/ClipModelTorch.h to use it.
    ClipNetwork& network() const { return *mNetwork; }
    std::shared_ptr<ClipNetwork> sharedNetwork() const { return mNetwork; }

private:
    std::shared_ptr<ClipNetwork> mNetwork;
};

}  // namespace ms
