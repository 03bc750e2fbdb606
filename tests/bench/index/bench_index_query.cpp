// Top-k query latency of the activation index at scale: writes a synthetic index (random
// activations, fixed seed; by default 1,000,000 images × 2,560 units with a 9×9 grid, the
// size of RN50x4's studied layer) through the ordinary writer, then times top-k queries over
// random units, cold (page cache dropped for the index files) and warm. Prints write time,
// disk size, query latency percentiles and peak resident memory while querying.
//
//   bench_index_query [--images N] [--units U] [--queries Q] [-k K] [--batch B]
//                     [--dir PATH] [--keep] [--reuse]
// --reuse queries an index already in --dir (written by an earlier --keep run).

#include "SyntheticIndex.h"

#include "index/IndexReader.h"
#include "index/PosixFile.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace ms;

namespace {

struct Options {
    int64_t images = 1000000;
    int64_t units = 2560;
    int queries = 200;
    int k = 16;
    int batch = 1024;
    std::string dir;
    bool keep = false;
    bool reuse = false;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--images") o.images = std::stoll(next());
        else if (a == "--units") o.units = std::stoll(next());
        else if (a == "--queries") o.queries = std::stoi(next());
        else if (a == "-k") o.k = std::stoi(next());
        else if (a == "--batch") o.batch = std::stoi(next());
        else if (a == "--dir") o.dir = next();
        else if (a == "--keep") o.keep = true;
        else if (a == "--reuse") o.reuse = o.keep = true;
        else {
            std::fprintf(stderr, "usage: %s [--images N] [--units U] [--queries Q] [-k K] [--batch B] "
                                 "[--dir PATH] [--keep] [--reuse]\n", argv[0]);
            std::exit(2);
        }
    }
    return o;
}

double seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long statusKiB(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.compare(0, std::strlen(field), field) == 0) return std::atol(line.c_str() + std::strlen(field) + 1);
    return -1;
}

// Drops the page cache of every file in the folder (they are clean: commits synced them).
void dropPageCache(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    while (const dirent* e = ::readdir(d)) {
        const std::string path = dir + "/" + e->d_name;
        const int fd = ::open(path.c_str(), O_RDONLY);
        if (fd < 0) continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
    ::closedir(d);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

std::vector<double> timeQueries(const IndexReader& reader, const std::vector<int64_t>& units, int k, bool bottom,
                                ScoreKind by) {
    std::vector<double> ms;
    for (int64_t u : units) {
        const auto t = std::chrono::steady_clock::now();
        const auto hits = reader.top("visual.layer4.5.add", u, k, bottom, by);
        ms.push_back(seconds(t) * 1000.0);
        if (hits.size() != static_cast<size_t>(k)) std::fprintf(stderr, "unit %lld: %zu hits\n", static_cast<long long>(u), hits.size());
    }
    return ms;
}

void report(const char* label, const std::vector<double>& ms) {
    std::printf("%-28s p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", label, percentile(ms, 0.5), percentile(ms, 0.95),
                *std::max_element(ms.begin(), ms.end()));
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    if (o.dir.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        o.dir = std::string(tmp ? tmp : "/tmp") + "/bench_index_query." + std::to_string(::getpid());
    }
    try {
        if (!o.reuse) bench::writeSyntheticIndex({o.dir, o.images, o.units, 9, o.batch});
        const uint64_t disk = posix::diskUsage(o.dir);
        std::printf("disk: %.3f GB (%.3f GiB) in %s\n", static_cast<double>(disk) / 1e9,
                    static_cast<double>(disk) / (1024.0 * 1024.0 * 1024.0), o.dir.c_str());

        // Peak RSS from here on: the query phase only (Linux ≥ 4.0 resets VmHWM on "5").
        std::ofstream("/proc/self/clear_refs") << "5";
        dropPageCache(o.dir);
        const auto openStart = std::chrono::steady_clock::now();
        const auto reader = IndexReader::open(o.dir);
        std::printf("open: %.1f ms (%lld images)\n", seconds(openStart) * 1000.0,
                    static_cast<long long>(reader->info().images));
        std::mt19937_64 pick(42);
        std::vector<int64_t> units;
        for (int i = 0; i < o.queries; ++i) units.push_back(static_cast<int64_t>(pick() % static_cast<uint64_t>(o.units)));

        report("top-k by max, cold", timeQueries(*reader, units, o.k, false, ScoreKind::Max));
        report("top-k by max, warm", timeQueries(*reader, units, o.k, false, ScoreKind::Max));
        report("bottom-k by mean, cold", timeQueries(*reader, units, o.k, true, ScoreKind::Mean));
        report("bottom-k by mean, warm", timeQueries(*reader, units, o.k, true, ScoreKind::Mean));
        std::printf("resident memory while querying: peak %.1f MiB (VmHWM), now %.1f MiB (VmRSS)\n",
                    static_cast<double>(statusKiB("VmHWM:")) / 1024.0, static_cast<double>(statusKiB("VmRSS:")) / 1024.0);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    if (!o.keep) {
        const std::string command = "rm -rf '" + o.dir + "'";
        if (std::system(command.c_str()) != 0) std::fprintf(stderr, "could not remove %s\n", o.dir.c_str());
    }
    return 0;
}
