#pragma once
// A synthetic activation index for benchmarks: random activations (fixed seed; skewed,
// non-negative maxima, means below them) for `images` made-up paths
// ("folderNNNN/imageNNNNNNN.jpg", 1,000 per folder), written through the ordinary writer.

#include <cstdint>
#include <string>

namespace ms::bench {

struct SyntheticIndexSpec {
    std::string dir;
    int64_t images = 1000000;
    int64_t units = 2560;
    int grid = 9;  // grid × grid activation cells
    int batch = 1024;
    std::string layer = "visual.layer4.5.add";
    std::string modelHash = "synthetic-benchmark";
};

// Prints progress to stderr and the write rate to stdout.
void writeSyntheticIndex(const SyntheticIndexSpec& spec);

}  // namespace ms::bench
