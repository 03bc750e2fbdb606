#pragma once
// The inputs of the model subcommands (embed, activations): images from files or an .npy
// batch, tokens from texts or an .npy batch. Each is checked against the model once, with a
// one-line error naming the file, and handed out in slices so that a long list of pictures
// is never preprocessed into memory all at once.

#include "model/ModelBundle.h"

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ms::cli {

class ModelInput {
public:
    // Picture files, preprocessed slice by slice at the model's resolution.
    static ModelInput imageFiles(std::vector<std::string> paths, const ModelDescriptor& model);
    // A float32 [N, 3, H, W] batch, already preprocessed; `exactResolution`: H = W = the
    // model's input side (else the network checks what it can take).
    static ModelInput imageNpy(const std::string& path, const ModelDescriptor& model, bool exactResolution);
    // An integer [N, contextLength] batch of token ids.
    static ModelInput tokenNpy(const std::string& path, const ModelDescriptor& model);
    // Texts, tokenized with the model's tokenizer.
    static ModelInput texts(const std::vector<std::string>& texts, const ModelBundle& model);

    bool isText() const { return mText; }
    int64_t size() const { return mCount; }
    // Rows [begin, end) ready for the network: float32 images or int64 tokens.
    at::Tensor slice(int64_t begin, int64_t end) const;

    // Calls `run` on consecutive slices (a few images or a few hundred texts at a time),
    // with a progress line on stderr when it is a terminal.
    void forEachSlice(const std::string& label, const std::function<void(const at::Tensor&)>& run) const;

private:
    ModelInput() = default;

    bool mText = false;
    int64_t mCount = 0;
    at::Tensor mTensor;                 // npy batches and tokenized texts
    std::vector<std::string> mFiles;    // image files
    int mResolution = 0;
    std::array<float, 3> mMean{}, mStd{};
};

// Creates the folder if needed; throws ms::Error when it cannot.
void makeOutputFolder(const std::string& dir);
// Writes DIR/NAME.npy.
void writeOutputNpy(const std::string& dir, const std::string& name, const at::Tensor& tensor);

}  // namespace ms::cli
