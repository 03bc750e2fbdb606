// Helper process of tst_index_crash: indexes a folder with the fake model and, when asked,
// kills itself with SIGKILL at a given point of a given batch — a real `kill -9`: no
// destructor, no flush, files left as they are. Prints "committed N" after each commit so
// that the parent can also kill it at moments of its own choosing.
//
//   index_crash_child IMAGES INDEX BATCH [--kill POINT:N] [--sleep MS]
//   POINT: decoded | written | committed

#include "FakeActivationSource.h"

#include "index/IndexRun.h"
#include "jobs/Feedback.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace ms;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s IMAGES INDEX BATCH [--kill POINT:N] [--sleep MS]\n", argv[0]);
        return 2;
    }
    IndexOptions o;
    o.imagesDir = argv[1];
    o.indexDir = argv[2];
    o.batchSize = std::atoi(argv[3]);
    o.threads = 2;
    o.blockRows = 8;
    std::string killPoint;
    long killBatch = -1;
    test::FakeActivationSource source;
    for (int i = 4; i + 1 < argc; i += 2) {
        const std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--kill") {
            killPoint = value.substr(0, value.find(':'));
            killBatch = std::atol(value.substr(value.find(':') + 1).c_str());
        } else if (flag == "--sleep") {
            source.sleepMsPerBatch = std::atoi(value.c_str());
        }
    }
    o.hook = [&](IndexHook point, int64_t batch) {
        const char* name = point == IndexHook::BatchDecoded ? "decoded" : point == IndexHook::MatricesWritten ? "written" : "committed";
        if (point == IndexHook::BatchCommitted) {
            std::printf("committed %lld\n", static_cast<long long>(batch));
            std::fflush(stdout);
        }
        if (killPoint == name && batch == killBatch) std::raise(SIGKILL);
    };
    try {
        Feedback feedback;
        const IndexReport r = runIndexing(o, source, feedback);
        std::printf("done %lld images\n", static_cast<long long>(r.totalImages));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
