#pragma once
// The torch side of a CLIP model: the forward passes. Include this only where tensors are
// handled (compute worker, CLI, feature visualization); Qt code uses ClipModel.h.
//
// Conventions: images are float32 NCHW, RGB, already normalised with the descriptor's
// mean/std (core/image does that), at the model's input resolution; tokens are int64
// [N, contextLength] as the tokenizer makes them. Outputs are float32 on the CPU.
// Grad mode is the caller's: wrap calls in c10::InferenceMode (or at::NoGradGuard) for pure
// inference; with autograd on and an input that requires grad, every output and capture
// stays differentiable with respect to that input. Parameters never require gradients.
//
// Thread-safety: one model is used by one worker thread at a time.

#include "io/StateDict.h"
#include "model/CaptureRequest.h"
#include "model/CaptureResult.h"
#include "model/ClipModel.h"

#include <ATen/core/Tensor.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ms {

namespace detail {
struct ClipModule;
}

class ClipNetwork {
public:
    // Builds the network the weights describe (as the reference build_model does), copying
    // them as float32. `source` names the weights in errors and in the descriptor;
    // `contentHash` is the model's identity (empty: a hash of the tensors is computed).
    // Throws ms::Error naming `source` and the key for a missing key, a wrong shape or a
    // state dict that is not a CLIP model. Keys it does not use are ignored.
    static std::shared_ptr<ClipNetwork> fromStateDict(const StateDict& weights, const std::string& source,
                                                      const ClipLoadOptions& options = {},
                                                      const std::string& contentHash = {});
    static std::shared_ptr<ClipNetwork> randomlyInitialised(const ClipConfig& config, uint64_t seed = 0);
    ~ClipNetwork();

    const ModelDescriptor& descriptor() const { return mDescriptor; }

    // model.encode_image: [N, 3, R, R] → [N, embedDim] (unnormalised).
    at::Tensor encodeImage(const at::Tensor& images) const;
    // model.encode_text: int64 [N, contextLength] → [N, embedDim] (unnormalised).
    at::Tensor encodeText(const at::Tensor& tokens) const;
    // model(images, tokens)[0]: exp(logit_scale) · normalised images @ normalised texts^T.
    at::Tensor logits(const at::Tensor& images, const at::Tensor& tokens) const;
    // Cosine similarities scaled like logits, from embeddings already computed.
    at::Tensor logitsFromEmbeddings(const at::Tensor& imageEmbeddings, const at::Tensor& textEmbeddings) const;
    // exp(logit_scale), the temperature the logits use.
    double logitScale() const;

    // One forward pass of the tower the input belongs to (float images → image tower, integer
    // tokens → text tower) that captures the requested points (all of that tower). Stops as
    // soon as everything is captured unless the embedding is requested too. A ResNet accepts
    // other image sizes (≥ 32 px) as long as the attention pool is not needed.
    CaptureResult capture(const at::Tensor& input, const CaptureRequest& request) const;

    // The inference fast path of ResNet image towers (on by default): with grad mode off
    // (c10::InferenceMode or at::NoGradGuard), encodeImage and image captures run a copy of
    // the tower with BatchNorm folded into the convolutions and weights prepacked for oneDNN
    // (model/InferenceResNet.h). Same results within float rounding; the copy costs about the
    // tower's weights once more in memory. It is prepared on the first such call, and again
    // after the weights were changed. With autograd on, the plain tower always runs.
    void setFastInference(bool enabled);
    bool fastInference() const;

    // The weights by state-dict key, as stored in the network (float32; shared, not copied).
    std::vector<std::pair<std::string, at::Tensor>> namedTensors() const;

private:
    ClipNetwork(std::shared_ptr<detail::ClipModule> module, ModelDescriptor descriptor);
    at::Tensor checkedImages(const at::Tensor& images, bool needsFullResolution) const;
    at::Tensor checkedTokens(const at::Tensor& tokens) const;

    std::shared_ptr<detail::ClipModule> mModule;
    ModelDescriptor mDescriptor;
};

// A [N, L, D] ViT image token tensor (class token first) as a [N, D, gh, gw] map of its patch
// tokens, like a conv layer; `info` is the point's descriptor entry.
at::Tensor patchGrid(const at::Tensor& tokens, const CapturePointInfo& info);

}  // namespace ms
