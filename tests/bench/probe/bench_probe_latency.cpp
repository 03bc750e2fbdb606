// Probe latency (issue 8): how long a person waits in the probe dock
//   - drop → first results: image data handed to the dock (what a drop does) until the unit
//     list and the zero-shot chart show it (the `probed` signal), a new picture each time;
//   - overlay edit → updated chart: a word moved on the probed picture until the chart shows
//     the edited pass (includes the dock's 120 ms debounce, which is there on purpose);
// on the bundled model (when it is in the tree) and on a randomly initialised RN50 (224 px,
// the smallest real CLIP). Baseline in the same process: one bare forward pass of the model on
// one image. Usage: bench_probe_latency [repetitions] [bundled|RN50|RN50x4 ...]

#include "analysis/ModelInput.h"
#include "io/StateDict.h"
#include "jobs/ComputeWorker.h"
#include "model/ClipConfig.h"
#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "probe/ProbeDock.h"
#include "session/ModelSession.h"
#include "world/WorldGenerator.h"

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ms;

namespace {

struct Stats {
    double p50, max;
};

Stats stats(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.back()};
}

QMimeData* pngData(const QImage& image) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    auto* data = new QMimeData;
    data->setData(QStringLiteral("image/png"), bytes);
    return data;
}

// Milliseconds until the dock says it shows a result.
double timeUntilProbed(ProbeDock& dock, const std::function<void()>& action) {
    QSignalSpy probed(&dock, &ProbeDock::probed);
    QElapsedTimer timer;
    timer.start();
    action();
    if (!probed.wait(120'000)) {
        std::fprintf(stderr, "no result within 2 minutes\n");
        std::exit(1);
    }
    return timer.nsecsElapsed() / 1e6;
}

void bench(const QString& modelPath, const char* name, int repetitions, ComputeWorker& worker) {
    ModelSession session(&worker);
    QSignalSpy loaded(&session, &ModelSession::modelLoaded);
    session.load(modelPath);
    if (!loaded.wait(300'000)) {
        std::fprintf(stderr, "%s: did not load\n", name);
        std::exit(1);
    }
    const auto bundle = session.bundle();
    const int side = bundle->descriptor().inputResolution;

    // Baseline: one bare forward pass (embedding only) on one image, on this thread.
    std::vector<double> forward;
    {
        c10::InferenceMode inference;
        const at::Tensor x = modelInputFromImage(generateSample(11, 0, Rendition::Photo, WorldOptions{side, 1.0}).image,
                                                 bundle->descriptor()).unsqueeze(0);
        for (int i = 0; i < repetitions + 1; ++i) {
            QElapsedTimer t;
            t.start();
            (void)bundle->model().network().encodeImage(x);
            if (i > 0) forward.push_back(t.nsecsElapsed() / 1e6);
        }
    }

    ProbeDock dock(&session);
    dock.resize(900, 700);
    dock.show();
    std::vector<double> drops, edits;
    for (int i = 0; i < repetitions + 1; ++i) {  // the first drop also builds the zero-shot classifier
        const QImage picture = generateSample(12, std::uint64_t(i), Rendition::Photo, WorldOptions{512, 1.0}).image;
        std::unique_ptr<QMimeData> data(pngData(picture));
        const double drop = timeUntilProbed(dock, [&] { dock.probeMimeData(data.get()); });
        if (i == 0) std::printf("%s: first drop (also encodes the labels' prompts) %.0f ms\n", name, drop);
        else drops.push_back(drop);
        if (dock.overlays().empty()) timeUntilProbed(dock, [&] { dock.addOverlay(QStringLiteral("spider")); });
        std::vector<WordOverlay> moved = dock.overlays();
        moved[0].centre += QPointF(side / 10.0, (i % 2 ? -1 : 1) * side / 12.0);
        const double edit = timeUntilProbed(dock, [&] { dock.setOverlays(moved); });
        if (i > 0) edits.push_back(edit);
    }
    const Stats f = stats(forward), d = stats(drops), e = stats(edits);
    std::printf("%s (%d px), %d repetitions, %d compute threads\n", name, side, repetitions, worker.threads());
    std::printf("  bare forward pass, 1 image       p50 %7.1f ms  max %7.1f ms\n", f.p50, f.max);
    std::printf("  drop -> first results            p50 %7.1f ms  max %7.1f ms  (%.1f× a forward pass)\n", d.p50, d.max, d.p50 / f.p50);
    std::printf("  overlay edit -> updated chart    p50 %7.1f ms  max %7.1f ms  (debounce 120 ms included)\n", e.p50, e.max);
}

}  // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10;
    std::vector<std::string> models;
    for (int i = 2; i < argc; ++i) models.emplace_back(argv[i]);
    if (models.empty()) models = {"bundled", "RN50"};
    // The BPE vocabulary of a randomly initialised CLIP: the shared fixtures' copy.
    qputenv("MULTISCOPE_MODEL_DIR", QByteArray(MULTISCOPE_FIXTURES_DIR) + "/clip");
    ComputeWorker worker;
    QTemporaryDir dir;
    for (const std::string& name : models) {
        QString path = QString::fromStdString(name);
        if (name != "bundled") {
            const ClipModel model = ClipModel::randomlyInitialised(clipPresetConfig(name), 1);
            StateDict tensors;
            for (const auto& [key, tensor] : model.network().namedTensors()) tensors[key] = tensor;
            path = QDir(dir.path()).filePath(path + QStringLiteral(".safetensors"));
            saveSafetensors(path.toStdString(), tensors, {});
        }
        bench(path, name.c_str(), repetitions, worker);
    }
    return 0;
}
