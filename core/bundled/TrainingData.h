#pragma once
// Batches of (image, caption) pairs for training the bundled model, generated on the fly from
// the multimodal world: sample `step · batch + j` of the seed, so a batch depends only on
// (seed, step) — not on threads or on where a resumed run restarted.

#include "bundled/WordByteTokenizer.h"
#include "world/WorldGenerator.h"

#include <ATen/core/Tensor.h>

#include <array>
#include <cstdint>
#include <vector>

namespace ms {

// How often each rendition is drawn. Text-heavy, because reading is the hard part and
// multimodal units need it.
struct RenditionMix {
    std::array<double, 6> weights{0.16, 0.10, 0.10, 0.32, 0.22, 0.10};  // in allRenditions() order
};

struct TrainingBatch {
    at::Tensor images;  // float32 [B, 3, S, S], CLIP-normalised
    at::Tensor tokens;  // int64 [B, contextLength]
    std::vector<QString> captions;
};

class BatchGenerator {
public:
    BatchGenerator(std::uint64_t seed, int batchSize, int imageSize, RenditionMix mix, WordByteTokenizer tokenizer,
                   int contextLength, int threads);

    // difficulty in [0, 1] (the curriculum: large upright words first).
    TrainingBatch make(std::int64_t step, double difficulty) const;

    // The rendition sample `index` gets.
    Rendition renditionOf(std::uint64_t index) const;

private:
    std::uint64_t m_seed;
    int m_batchSize;
    int m_imageSize;
    RenditionMix m_mix;
    WordByteTokenizer m_tokenizer;
    int m_contextLength;
    int m_threads;
};

// The CLIP-normalised tensor [3, S, S] of a generated picture.
at::Tensor normalisedImageTensor(const QImage& image);

}  // namespace ms
