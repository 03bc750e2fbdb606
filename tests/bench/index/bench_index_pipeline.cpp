// End-to-end indexing throughput against the model alone: a folder of real-size JPEGs
// (1024×768, pictures of the generated world) indexed with an RN50-sized, randomly
// initialised CLIP at 224 px, versus the same capture forward pass on pre-decoded tensors.
// Pipeline efficiency = end-to-end images/s ÷ model-only images/s (the target is ≥ 90%).
//
//   bench_index_pipeline [--images N] [--batch B] [--threads T] [--compute-threads C]
//                        [--model-batches M] [--dir PATH] [--preset RN50]
// The image folder is kept in --dir (default $TMPDIR/bench_index_pipeline) and reused.

#include "image/ClipPreprocess.h"
#include "index/ClipActivationSource.h"
#include "index/IndexRun.h"
#include "index/PosixFile.h"
#include "jobs/Feedback.h"
#include "model/ClipConfig.h"
#include "model/ClipModel.h"
#include "world/WorldGenerator.h"

#include <ATen/Parallel.h>
#include <ATen/ops/stack.h>

#include <QGuiApplication>
#include <QImage>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace ms;

namespace {

struct Options {
    int images = 500;
    int batch = 16;
    int threads = 2;
    int computeThreads = 2;
    int modelBatches = 6;
    std::string dir;
    std::string preset = "RN50";
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--images") o.images = std::stoi(v);
        else if (a == "--batch") o.batch = std::stoi(v);
        else if (a == "--threads") o.threads = std::stoi(v);
        else if (a == "--compute-threads") o.computeThreads = std::stoi(v);
        else if (a == "--model-batches") o.modelBatches = std::stoi(v);
        else if (a == "--dir") o.dir = v;
        else if (a == "--preset") o.preset = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            std::exit(2);
        }
    }
    return o;
}

// CPU seconds used by the whole process (all threads) so far.
double cpuSeconds() {
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// 1024×768 JPEGs of generated world samples (made once, then reused).
std::vector<std::string> makeFolder(const std::string& dir, int count) {
    std::vector<std::string> files;
    WorldOptions world;
    world.size = 1024;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        char rel[64];
        std::snprintf(rel, sizeof rel, "part%d/photo%04d.jpg", i % 4, i);
        const std::string path = dir + "/" + rel;
        files.push_back(path);
        if (posix::exists(path)) continue;
        posix::makeDirectories(path.substr(0, path.rfind('/')));
        const QImage square = generateSample(7, static_cast<uint64_t>(i), world).image;
        if (!square.copy(0, 128, 1024, 768).save(QString::fromStdString(path), "JPEG", 90)) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            std::exit(1);
        }
        if (i % 50 == 0) std::fprintf(stderr, "\rgenerating images: %d / %d (%.0f s)", i, count, since(start));
    }
    std::fprintf(stderr, "\n");
    return files;
}

struct Rate {
    double imagesPerSecond = 0;
    double cpuPerImage = 0;  // CPU seconds (all threads) per image
};

// The capture forward pass alone, on tensors decoded beforehand.
Rate modelOnlyRate(ClipActivationSource& source, const std::vector<std::string>& files, const Options& o) {
    std::vector<at::Tensor> batches;
    for (int b = 0; b < o.modelBatches + 1; ++b) {
        std::vector<at::Tensor> images;
        for (int i = 0; i < o.batch; ++i)
            images.push_back(preprocessImageFile(files[static_cast<size_t>((b * o.batch + i) % static_cast<int>(files.size()))],
                                                 source.resolution(), source.normalization()));
        batches.push_back(at::stack(images));
    }
    const std::vector<std::string> layers{source.defaultLayer()};
    source.run(batches[0], layers);  // warm-up (allocations, oneDNN primitives)
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    for (int b = 1; b <= o.modelBatches; ++b) source.run(batches[static_cast<size_t>(b)], layers);
    const double n = o.modelBatches * o.batch;
    return Rate{n / since(start), (cpuSeconds() - cpuStart) / n};
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);  // the world generator draws text
    Options o = parse(argc, argv);
    if (o.dir.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        o.dir = std::string(tmp ? tmp : "/tmp") + "/bench_index_pipeline";
    }
    try {
        const std::vector<std::string> files = makeFolder(o.dir + "/images", o.images);
        const ClipModel model = ClipModel::randomlyInitialised(clipPresetConfig(o.preset), 1);
        ClipActivationSource source(model, o.computeThreads);
        at::set_num_threads(o.computeThreads);
        std::printf("model: random %s CLIP at %d px, layer %s; batch %d, %d decode threads, %d compute threads\n",
                    o.preset.c_str(), source.resolution(), source.defaultLayer().c_str(), o.batch, o.threads,
                    o.computeThreads);

        // Decode + preprocess cost alone, one thread.
        const auto decodeStart = std::chrono::steady_clock::now();
        const int decodeCount = 20;
        for (int i = 0; i < decodeCount; ++i) preprocessImageFile(files[static_cast<size_t>(i)], source.resolution(), source.normalization());
        std::printf("decode + preprocess (1 thread): %.1f ms per image\n", since(decodeStart) * 1000.0 / decodeCount);

        // Measured before and after the pipeline: on a shared machine the load drifts.
        const Rate modelBefore = modelOnlyRate(source, files, o);
        std::printf("model only (pre-decoded tensors), before: %.2f images/s, %.1f CPU ms per image\n",
                    modelBefore.imagesPerSecond, modelBefore.cpuPerImage * 1000);

        const std::string index = o.dir + "/index." + std::to_string(::getpid());
        IndexOptions options;
        options.imagesDir = o.dir + "/images";
        options.indexDir = index;
        options.batchSize = o.batch;
        options.threads = o.threads;
        Feedback feedback;
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = cpuSeconds();
        const IndexReport r = runIndexing(options, source, feedback);
        const double wall = since(start);
        const double pipelineCpu = (cpuSeconds() - cpuStart) / static_cast<double>(r.indexed);
        const Rate modelAfter = modelOnlyRate(source, files, o);
        std::printf("model only (pre-decoded tensors), after: %.2f images/s, %.1f CPU ms per image\n",
                    modelAfter.imagesPerSecond, modelAfter.cpuPerImage * 1000);
        const double modelRate = 0.5 * (modelBefore.imagesPerSecond + modelAfter.imagesPerSecond);
        const double modelCpu = 0.5 * (modelBefore.cpuPerImage + modelAfter.cpuPerImage);
        std::printf("end to end: %.1f CPU ms per image; CPU-time efficiency (model ÷ pipeline CPU per image, "
                    "the ceiling on an otherwise idle machine): %.1f %%\n", pipelineCpu * 1000, 100.0 * modelCpu / pipelineCpu);
        std::printf("end to end: %lld images in %.1f s: %.2f images/s (processing phase), %.2f images/s (whole call)\n",
                    static_cast<long long>(r.indexed), wall, r.imagesPerSecond, static_cast<double>(r.indexed) / wall);
        std::printf("pipeline efficiency: %.1f %% of the model-only rate (whole call: %.1f %%)\n",
                    100.0 * r.imagesPerSecond / modelRate, 100.0 * static_cast<double>(r.indexed) / wall / modelRate);
        const std::string command = "rm -rf '" + index + "'";
        if (std::system(command.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", index.c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
