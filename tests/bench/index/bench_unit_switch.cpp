// Unit-switch latency (issue 7): what the neuron page asks the compute worker for when the
// user moves to another unit — the dataset examples (top 16 with thumbnails, ExamplesJob) and
// the unit's response over the index (UnitResponseJob) — answered from a 1,000,000-image
// synthetic index (512 units, 7×7 grid). Times from submitting both jobs until both results
// are delivered on the GUI thread, for j-presses (next unit) and random jumps; p50/p95/max.
// Baseline in the same process: one bare IndexReader::top query on an open reader.
//
//   bench_unit_switch [--images N] [--switches S] [--dir PATH] [--reuse]

#include "SyntheticIndex.h"

#include "analysis/UnitResponse.h"
#include "index/ExamplesJob.h"
#include "index/IndexReader.h"
#include "jobs/ComputeWorker.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace ms;

namespace {

constexpr int64_t kUnits = 512;
constexpr const char* kLayer = "visual.layer4.2.add";
constexpr const char* kHash = "unit-switch-benchmark";

void report(const char* what, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    std::printf("  %-34s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%zu)\n", what, ms[ms.size() / 2],
                ms[std::min(ms.size() - 1, ms.size() * 95 / 100)], ms.back(), ms.size());
}

// Submits both jobs of a unit switch and waits for both results.
double switchTo(ComputeWorker& worker, const QString& folder, const QString& index, int unit) {
    QElapsedTimer timer;
    timer.start();
    ExamplesRequest e;
    e.indexes = {{folder, index}};
    e.modelHash = kHash;
    e.layer = kLayer;
    e.unit = unit;
    UnitResponseRequest r;
    r.indexes = {{folder, index}};
    r.modelHash = kHash;
    r.layer = kLayer;
    r.unit = unit;
    const JobId a = worker.submit(std::make_unique<ExamplesJob>(e));
    const JobId b = worker.submit(std::make_unique<UnitResponseJob>(r));
    int pending = 2;
    QEventLoop loop;
    auto done = [&](JobId id) {
        if ((id == a || id == b) && --pending == 0) loop.quit();
    };
    const auto c1 = QObject::connect(&worker, &ComputeWorker::jobFinished, &loop, [&](JobId id) { done(id); });
    const auto c2 = QObject::connect(&worker, &ComputeWorker::jobFailed, &loop, [&](JobId id, const QString& error) {
        std::fprintf(stderr, "job failed: %s\n", qPrintable(error));
        done(id);
    });
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    return timer.nsecsElapsed() / 1e6;
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    int64_t images = 1000000;
    int switches = 40;
    QString dir;
    bool reuse = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--images" && i + 1 < argc) images = std::stoll(argv[++i]);
        else if (a == "--switches" && i + 1 < argc) switches = std::stoi(argv[++i]);
        else if (a == "--dir" && i + 1 < argc) dir = QString::fromLocal8Bit(argv[++i]);
        else if (a == "--reuse") reuse = true;
        else {
            std::fprintf(stderr, "usage: %s [--images N] [--switches S] [--dir PATH] [--reuse]\n", argv[0]);
            return 2;
        }
    }
    QTemporaryDir temp;
    if (dir.isEmpty()) dir = temp.path();
    const QString index = QDir(dir).filePath(QStringLiteral("index")), folder = QDir(dir).filePath(QStringLiteral("images"));
    if (!reuse) bench::writeSyntheticIndex({index.toStdString(), images, kUnits, 7, 1024, kLayer, kHash});

    std::vector<double> bare;
    {
        const auto reader = IndexReader::open(index.toStdString(), kHash);
        for (int u = 0; u < 20; ++u) {
            QElapsedTimer t;
            t.start();
            (void)reader->top(kLayer, u, 16);
            bare.push_back(t.nsecsElapsed() / 1e6);
        }
    }
    ComputeWorker worker;
    std::printf("unit switch on %lld images × %lld units (7×7 grid), %d compute threads\n", static_cast<long long>(images),
                static_cast<long long>(kUnits), worker.threads());
    report("baseline: top-16 on an open reader", bare);
    switchTo(worker, folder, index, 0);  // warm the page cache
    std::vector<double> next, jumps;
    for (int i = 1; i <= switches; ++i) next.push_back(switchTo(worker, folder, index, i));
    std::mt19937 rng(7);
    for (int i = 0; i < switches; ++i) jumps.push_back(switchTo(worker, folder, index, int(rng() % kUnits)));
    report("next unit (j): examples + response", next);
    report("random unit: examples + response", jumps);
    return 0;
}
