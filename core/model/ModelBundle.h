#pragma once
// A model as a user names it (--model, --vocab, --text-heads, --vision-heads) made ready to
// use: the weights file resolved (path, `bundled` or checkpoint name), the optional JSON
// sidecar of a Multiscope-trained model read, the network loaded with the sidecar's head
// counts unless the user overrides them, and the text tokenizer that belongs to the model —
// the sidecar's word+byte tokenizer, else CLIP's BPE. The CLI, the GUI and the index builders
// all load models through here, so a model tokenizes the same everywhere. Torch-free.
//
// Thread-safety: as ClipModel (one worker thread at a time); the tokenizer is loaded on first
// use under a lock, and tokenizing is const.

#include "model/ClipModel.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ms {

struct BundledSidecar;

// Text → token ids as the model's text tower takes them.
class TextTokenizer {
public:
    virtual ~TextTokenizer() = default;
    // "clip-bpe" or "word-byte".
    virtual std::string kind() const = 0;
    // Start, ids, end, zero padding: exactly contextLength ids; too long a text is cut with
    // the end token kept last (clip.tokenize(truncate=True)).
    virtual std::vector<std::int64_t> tokenize(const std::string& utf8, int contextLength) const = 0;
};

// The two implementations: CLIP's BPE from a merges file (throws ms::Error naming the file),
// and the bundled model's word+byte tokenizer from its vocabulary.
std::shared_ptr<const TextTokenizer> makeBpeTextTokenizer(const std::string& mergesPath);
std::shared_ptr<const TextTokenizer> makeWordByteTextTokenizer(const std::vector<std::string>& words);

// What the user asked for.
struct ModelSpec {
    std::string model;       // a .pt/.safetensors path, "bundled", or a checkpoint name
    std::string vocabulary;  // BPE merges file; empty = beside the model, then the model cache
    int textHeads = 0;       // 0 = the sidecar's count, else inferred from the weights
    int visionHeads = 0;     // likewise
};

class ModelBundle {
public:
    // Resolves, reads the sidecar and loads the weights. Throws ms::Error with a one-line,
    // specific message (no such model, bad file, malformed sidecar, sidecar and weights
    // disagreeing on the context length). The BPE file is looked for only when text is
    // first tokenized, so image-only work needs none.
    static ModelBundle load(const ModelSpec& spec);

    const ClipModel& model() const { return mModel; }
    const ModelDescriptor& descriptor() const { return mModel.descriptor(); }
    const std::string& weightsPath() const { return mWeightsPath; }
    // The sidecar beside the weights, or nullptr for an official CLIP.
    const BundledSidecar* sidecar() const { return mSidecar.get(); }

    // The layer a session opens first: the sidecar's choice when it names a capture point of
    // the model, else the descriptor's (the layer the Distill article studies, generalised).
    std::string defaultLayer() const;

    // "word-byte" with a sidecar, else "clip-bpe" (known without loading the BPE file).
    std::string tokenizerKind() const;
    // Loads the tokenizer on first use; throws ms::Error listing where the BPE file was
    // looked for when it is missing.
    const TextTokenizer& tokenizer() const;
    // The text tower's positions (every tokenized row has this length).
    int contextLength() const { return mModel.config().contextLength; }
    // Row-major [texts.size(), contextLength()].
    std::vector<std::int64_t> tokenize(const std::vector<std::string>& texts) const;

private:
    ModelBundle(ClipModel model, std::string weightsPath, std::shared_ptr<const BundledSidecar> sidecar,
                std::string vocabulary);

    ClipModel mModel;
    std::string mWeightsPath;
    std::shared_ptr<const BundledSidecar> mSidecar;
    std::string mVocabulary;
    struct TokenizerSlot {
        std::mutex mutex;
        std::shared_ptr<const TextTokenizer> tokenizer;
    };
    std::shared_ptr<TokenizerSlot> mTokenizer;  // shared so the bundle stays copyable
};

}  // namespace ms
