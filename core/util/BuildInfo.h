#pragma once
// Versions of Multiscope and the libraries it runs on, and the compute device, for
// Help → About and `multiscope-cli about`.

#include <string>

namespace ms {

struct BuildInfo {
    std::string multiscope;
    std::string qt;
    std::string libtorch;
    std::string opencv;
    std::string device;       // e.g. "CPU (2 threads)" or "CUDA: NVIDIA H100"
    int computeThreads = 0;   // LibTorch intra-op threads the compute worker uses
};

// computeThreads: the thread count the worker was configured with (0: the default).
BuildInfo buildInfo(int computeThreads = 0);

}  // namespace ms
