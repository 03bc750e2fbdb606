#include "SyntheticIndex.h"

#include "index/IndexSchema.h"
#include "index/IndexWriter.h"
#include "index/LayerMatrix.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace ms::bench {
namespace {

// xorshift64*: fast, reproducible uniform floats in [0, 1).
struct Rng {
    uint64_t s;
    float next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return static_cast<float>((s * 2685821657736338717ull) >> 40) * (1.f / 16777216.f);
    }
};

double secondsSince(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

void writeSyntheticIndex(const SyntheticIndexSpec& o) {
    IndexIdentity id;
    id.modelHash = o.modelHash;
    id.modelSource = "synthetic benchmark index";
    id.preprocessing = "none";
    id.batchSize = o.batch;
    id.layers = {{o.layer, o.units, o.grid, o.grid, argmaxBytesFor(o.grid, o.grid)}};
    auto w = IndexWriter::create(o.dir, id);
    const MatrixGeometry g{o.units, 1, id.blockRows};
    const int64_t run = w->beginRun(RunRecord{}, {}, {}, {});
    Rng rng{0x9e3779b97f4a7c15ull};
    std::vector<float> max(static_cast<size_t>(o.units)), mean(max.size());
    std::vector<int64_t> argmax(max.size());
    const float cells = float(o.grid * o.grid);
    const auto start = std::chrono::steady_clock::now();
    int64_t batchIndex = 0;
    for (int64_t first = 0; first < o.images; first += o.batch, ++batchIndex) {
        const int64_t n = std::min<int64_t>(o.batch, o.images - first);
        std::vector<FileRecord> files(static_cast<size_t>(n));
        std::vector<uint8_t> rows(static_cast<size_t>(n * g.rowBytes()));
        for (int64_t i = 0; i < n; ++i) {
            char path[64];
            std::snprintf(path, sizeof path, "folder%04lld/image%07lld.jpg", static_cast<long long>((first + i) / 1000),
                          static_cast<long long>(first + i));
            files[static_cast<size_t>(i)].status = FileRecord::Status::Image;
            files[static_cast<size_t>(i)].path = path;
            for (int64_t u = 0; u < o.units; ++u) {
                const float a = rng.next();
                max[static_cast<size_t>(u)] = 12.f * a * a * rng.next();
                mean[static_cast<size_t>(u)] = max[static_cast<size_t>(u)] * 0.3f * rng.next();
                argmax[static_cast<size_t>(u)] = static_cast<int64_t>(rng.next() * cells);
            }
            packRow(g, max.data(), mean.data(), argmax.data(), rows.data() + i * g.rowBytes());
        }
        w->commitBatch(run, batchIndex, files, {rows});
        if (batchIndex % 100 == 0)
            std::fprintf(stderr, "\rwriting: %lld / %lld images, %.0f s", static_cast<long long>(first + n),
                         static_cast<long long>(o.images), secondsSince(start));
    }
    w->finishRun(run);
    std::fprintf(stderr, "\n");
    std::printf("write: %lld images x %lld units in %.1f s (%.0f images/s)\n", static_cast<long long>(o.images),
                static_cast<long long>(o.units), secondsSince(start), static_cast<double>(o.images) / secondsSince(start));
}

}  // namespace ms::bench
