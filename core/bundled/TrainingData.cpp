#include "bundled/TrainingData.h"

#include "image/ImageOptions.h"
#include "image/TensorImage.h"
#include "world/Rng.h"

#include <torch/torch.h>

#include <thread>

namespace ms {

BatchGenerator::BatchGenerator(std::uint64_t seed, int batchSize, int imageSize, RenditionMix mix,
                               WordByteTokenizer tokenizer, int contextLength, int threads)
    : m_seed(seed),
      m_batchSize(batchSize),
      m_imageSize(imageSize),
      m_mix(mix),
      m_tokenizer(std::move(tokenizer)),
      m_contextLength(contextLength),
      m_threads(std::max(1, threads)) {}

Rendition BatchGenerator::renditionOf(std::uint64_t index) const {
    Rng rng(m_seed ^ 0x5EEDF00Dull, index);
    double total = 0;
    for (double w : m_mix.weights) total += w;
    double r = rng.unit() * total;
    for (size_t i = 0; i < m_mix.weights.size(); ++i) {
        if (r < m_mix.weights[i]) return allRenditions()[i];
        r -= m_mix.weights[i];
    }
    return allRenditions().back();
}

at::Tensor normalisedImageTensor(const QImage& image) {
    const at::Tensor chw = qImageToTensor(image);
    const auto& n = kClipImageNormalization;
    const at::Tensor mean = torch::tensor({n.mean[0], n.mean[1], n.mean[2]}).view({3, 1, 1});
    const at::Tensor std = torch::tensor({n.std[0], n.std[1], n.std[2]}).view({3, 1, 1});
    return (chw - mean) / std;
}

TrainingBatch BatchGenerator::make(std::int64_t step, double difficulty) const {
    TrainingBatch batch;
    batch.images = torch::empty({m_batchSize, 3, m_imageSize, m_imageSize});
    batch.tokens = torch::zeros({m_batchSize, m_contextLength}, torch::kInt64);
    batch.captions.resize(m_batchSize);
    const WorldOptions options{m_imageSize, difficulty};
    auto work = [&](int first, int stride) {
        for (int j = first; j < m_batchSize; j += stride) {
            const std::uint64_t index = static_cast<std::uint64_t>(step) * m_batchSize + j;
            const WorldSample s = generateSample(m_seed, index, renditionOf(index), options);
            batch.images[j].copy_(normalisedImageTensor(s.image));
            const auto ids = m_tokenizer.tokenize(s.caption, m_contextLength);
            std::copy(ids.begin(), ids.end(), batch.tokens[j].data_ptr<std::int64_t>());
            batch.captions[j] = s.caption;
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < m_threads; ++t) pool.emplace_back(work, t, m_threads);
    work(0, m_threads);
    for (auto& t : pool) t.join();
    return batch;
}

}  // namespace ms
