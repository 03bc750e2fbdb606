#include "FakeActivationSource.h"

#include "util/Error.h"

#include <ATen/ops/empty.h>

#include <chrono>
#include <cmath>
#include <thread>

namespace ms::test {

FakeActivationSource::FakeActivationSource(std::string hash, int resolution)
    : mHash(std::move(hash)), mResolution(resolution) {}

SourceLayer FakeActivationSource::layer(const std::string& name) const {
    if (name == "fake.layer1" || name == "layer1") return SourceLayer{"fake.layer1", 4, 4, 4};
    if (name == "fake.layer2" || name == "layer2") return SourceLayer{"fake.layer2", 6, 17, 17};
    throw Error("fake model has no layer '" + name + "'");
}

std::vector<std::vector<float>> FakeActivationSource::fullMap(const at::Tensor& image, const std::string& name) const {
    const SourceLayer l = layer(name);
    const at::Tensor img = image.contiguous();
    const float* px = img.data_ptr<float>();
    const int64_t r = mResolution;
    std::vector<std::vector<float>> map(static_cast<size_t>(l.units),
                                        std::vector<float>(static_cast<size_t>(l.gridHeight * l.gridWidth)));
    for (int64_t gy = 0; gy < l.gridHeight; ++gy) {
        for (int64_t gx = 0; gx < l.gridWidth; ++gx) {
            // The cell's pixel rectangle (cells of 17×17 on 32 px overlap: fine for a fake).
            const int64_t y0 = gy * r / l.gridHeight, y1 = std::max(y0 + 1, (gy + 1) * r / l.gridHeight);
            const int64_t x0 = gx * r / l.gridWidth, x1 = std::max(x0 + 1, (gx + 1) * r / l.gridWidth);
            float mean[3] = {0, 0, 0};
            for (int c = 0; c < 3; ++c) {
                for (int64_t y = y0; y < y1; ++y)
                    for (int64_t x = x0; x < x1; ++x) mean[c] += px[(c * r + y) * r + x];
                mean[c] /= static_cast<float>((y1 - y0) * (x1 - x0));
            }
            for (int64_t u = 0; u < l.units; ++u) {
                const float w0 = std::sin(1.3f * static_cast<float>(u + 1));
                const float w1 = std::cos(0.7f * static_cast<float>(u + 2));
                const float w2 = std::sin(0.4f * static_cast<float>(3 * u + 1));
                map[static_cast<size_t>(u)][static_cast<size_t>(gy * l.gridWidth + gx)] =
                    w0 * mean[0] + w1 * mean[1] + w2 * mean[2] + 0.05f * static_cast<float>(u);
            }
        }
    }
    return map;
}

std::vector<LayerReductions> FakeActivationSource::run(const at::Tensor& images, const std::vector<std::string>& layers) {
    if (sleepMsPerBatch > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleepMsPerBatch));
    const int64_t n = images.size(0);
    imagesSeen += n;
    ++batchesSeen;
    std::vector<LayerReductions> out;
    for (const std::string& name : layers) {
        const SourceLayer l = layer(name);
        LayerReductions red{at::empty({n, l.units}, at::kFloat), at::empty({n, l.units}, at::kFloat),
                            at::empty({n, l.units}, at::kLong)};
        for (int64_t i = 0; i < n; ++i) {
            const auto map = fullMap(images[i], name);
            for (int64_t u = 0; u < l.units; ++u) {
                const std::vector<float>& cells = map[static_cast<size_t>(u)];
                size_t best = 0;
                float sum = 0;
                for (size_t c = 0; c < cells.size(); ++c) {
                    if (cells[c] > cells[best]) best = c;
                    sum += cells[c];
                }
                red.max.data_ptr<float>()[i * l.units + u] = cells[best];
                red.mean.data_ptr<float>()[i * l.units + u] = sum / static_cast<float>(cells.size());
                red.argmax.data_ptr<int64_t>()[i * l.units + u] = static_cast<int64_t>(best);
            }
        }
        out.push_back(red);
    }
    return out;
}

}  // namespace ms::test
