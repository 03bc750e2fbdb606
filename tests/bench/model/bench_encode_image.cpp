// encode_image throughput of the CLIP ResNet image towers, as issue 3 asks: randomly
// initialised RN50 (224 px) and RN50x4 (288 px), batch 8, 1 and 2 LibTorch threads, inference
// (no autograd). Reports images/s and GFLOP/s (multiply-adds of the convolutions and linear
// layers ×2) for the plain tower and the inference fast path (BatchNorm folded, oneDNN
// prepacked weights), and, in the same run, the GFLOP/s of a 2048³ float32 matrix product:
// the machine's ceiling (oneDNN's 3×3 convolutions can beat it, so more than 100% happens).
// The GFLOP counts are the reference's: the fast path's attention pool does less arithmetic
// (model/InferenceResNet.h), so its figure is reference-equivalent; the "trunk" line gives the
// convolutions' own rate (a capture that stops at visual.layer4).
// Each figure is the best of several runs; the load average is printed beside it because the
// machine may be shared. On a shared machine the wall-clock figures drop with the load; the
// "cpu" figures divide the work by the process's CPU time per thread instead (what the
// threads achieve while they run), for ceiling and model alike.
// Usage: bench_encode_image [repetitions] [model...]   (default: 5 RN50 RN50x4)

#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

using namespace ms;

namespace {

constexpr int64_t kBatch = 8;

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one.empty() ? "?" : one;
}

double processCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Best wall-clock seconds and best CPU seconds per thread of `body`, after a warm-up run.
struct Timing {
    double wall = 1e30;
    double cpu = 1e30;
};

Timing bestOf(int repetitions, int threads, const std::function<void()>& body) {
    body();  // warm-up: first-use preparation, allocator, oneDNN primitive caches
    Timing best;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = processCpuSeconds();
        body();
        best.cpu = std::min(best.cpu, (processCpuSeconds() - cpuStart) / threads);
        best.wall = std::min(best.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

// GFLOP/s of a 2048³ float32 product: wall-clock and per CPU-second of each thread.
Timing matmulGflops(int repetitions, int threads) {
    const int64_t n = 2048;
    const at::Tensor a = at::randn({n, n}), b = at::randn({n, n});
    at::Tensor c = at::empty({n, n});
    const Timing t = bestOf(repetitions, threads, [&] { at::mm_out(c, a, b); });
    const double flop = 2.0 * n * n * n;
    return {flop / t.wall / 1e9, flop / t.cpu / 1e9};
}

// Multiply-adds of the reference ResNet image tower at its input resolution: the convolution
// trunk (up to visual.layer4), and the attention pool's projections and attention products.
struct MultiplyAdds {
    double trunk = 0;
    double pool = 0;
};

MultiplyAdds resnetMultiplyAdds(const ClipConfig& c) {
    double macs = 0;
    auto conv = [&](int64_t in, int64_t out, int64_t k, int64_t side) { macs += double(in) * out * k * k * side * side; };
    const int64_t w = c.visionWidth;
    int64_t side = c.imageResolution / 2;
    conv(3, w / 2, 3, side);
    conv(w / 2, w / 2, 3, side);
    conv(w / 2, w, 3, side);
    side /= 2;
    int64_t inplanes = w;
    for (int s = 0; s < 4; ++s) {
        const int64_t planes = w << s;
        for (int b = 0; b < c.visionLayers[s]; ++b) {
            const int64_t stride = (b == 0 && s > 0) ? 2 : 1;
            conv(inplanes, planes, 1, side);
            conv(planes, planes, 3, side);
            side /= stride;
            conv(planes, planes * 4, 1, side);
            if (stride > 1 || inplanes != planes * 4) conv(inplanes, planes * 4, 1, side);
            inplanes = planes * 4;
        }
    }
    const double tokens = double(side) * side + 1, width = double(inplanes);
    double pool = 2 * tokens * width * width;  // k and v projections of every token
    pool += width * width;                     // q of the mean token
    pool += 2 * tokens * width;                // scores and weighted values of that query
    pool += width * c.embedDim;                // c_proj
    return {macs, pool};
}

void benchModel(const std::string& name, int repetitions) {
    const ClipConfig config = clipPresetConfig(name);
    const ClipModel model = ClipModel::randomlyInitialised(config, 1);
    ClipNetwork& net = model.network();
    const MultiplyAdds macs = resnetMultiplyAdds(config);
    const double gflopPerImage = 2 * (macs.trunk + macs.pool) / 1e9, trunkGflop = 2 * macs.trunk / 1e9;
    const int64_t r = config.imageResolution;
    const at::Tensor images = at::randn({kBatch, 3, r, r});
    std::printf("\n%s at %lld px: %.1f GFLOP/image (convolution trunk %.1f), batch %lld\n", name.c_str(),
                static_cast<long long>(r), gflopPerImage, trunkGflop, static_cast<long long>(kBatch));
    CaptureRequest trunkOnly;
    trunkOnly.add("visual.layer4");
    c10::InferenceMode inference;
    net.setFastInference(false);
    const at::Tensor plain = net.encodeImage(images);
    net.setFastInference(true);
    const at::Tensor fast = net.encodeImage(images);
    std::printf("  fast vs plain: max|a-b| %.3g (max|b| %.3g)\n", (fast - plain).abs().max().item<double>(),
                plain.abs().max().item<double>());
    for (int threads = 1; threads <= 2; ++threads) {
        at::set_num_threads(threads);
        // Measured right before the model so that both see the same load.
        const Timing ceiling = matmulGflops(repetitions, threads);
        std::printf("  %d thread%s ceiling: 2048^3 float32 matrix product %6.1f GFLOP/s  |  cpu %6.1f GFLOP/s  (load %s)\n",
                    threads, threads > 1 ? "s" : " ", ceiling.wall, ceiling.cpu, loadAverage().c_str());
        for (const bool useFast : {false, true}) {
            net.setFastInference(useFast);
            const Timing t = bestOf(repetitions, threads, [&] { net.encodeImage(images); });
            const double rate = kBatch / t.wall, gflops = rate * gflopPerImage;
            const double cpuGflops = kBatch * gflopPerImage / t.cpu;
            std::printf("  %d thread%s %-5s %6.2f images/s  %6.1f GFLOP/s  %5.1f%% of the ceiling  |  cpu %6.1f GFLOP/s "
                        "%5.1f%%  (load %s)\n",
                        threads, threads > 1 ? "s" : " ", useFast ? "fast" : "plain", rate, gflops,
                        100 * gflops / ceiling.wall, cpuGflops, 100 * cpuGflops / ceiling.cpu, loadAverage().c_str());
            // The trunk alone (a capture that stops at visual.layer4): the convolutions' own rate.
            const Timing trunk = bestOf(repetitions, threads, [&] { net.capture(images, trunkOnly); });
            const double trunkGflops = kBatch * trunkGflop / trunk.wall;
            std::printf("            trunk %6.1f GFLOP/s  %5.1f%% of the ceiling  (load %s)\n", trunkGflops,
                        100 * trunkGflops / ceiling.wall, loadAverage().c_str());
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::vector<std::string> models;
    for (int i = 2; i < argc; ++i) models.emplace_back(argv[i]);
    if (models.empty()) models = {"RN50", "RN50x4"};
    at::init_num_threads();
    for (const std::string& name : models) benchModel(name, repetitions);
    return 0;
}
