// GUI responsiveness of the explorer (issue 7): the worst gap in a 5 ms heartbeat on the GUI
// thread of the real window (Workbench), first idle on the loaded model (the baseline), then
// while a folder of generated pictures is indexed, feature visualizations run and the user
// presses j every 300 ms (every press fills the neuron page's panels: examples, rendered words,
// unit response, feature visualization). Target: worst stall ≤ 50 ms.
// Usage: bench_explorer_stall [model (default: bundled)] [seconds of moving (default 20)]

#include "StallMeter.h"

#include "explorer/BrowserDock.h"
#include "explorer/FoldersDock.h"
#include "jobs/ComputeWorker.h"
#include "session/ModelSession.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"
#include "shell/Workbench.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QApplication>
#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace ms;

namespace {

void runFor(QApplication& app, int ms) {
    QTimer::singleShot(ms, &app, [&] { app.exit(); });
    app.exec();
}

void report(const char* phase, const bench::StallMeter& meter) {
    std::printf("%-44s beats %6d  p50 %6.2f ms  p99 %6.2f ms  worst %6.2f ms\n", phase, meter.beats(),
                meter.percentileMs(0.5), meter.percentileMs(0.99), meter.worstStallMs());
}

}  // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;  // settings, app data and caches of this run only
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    QApplication app(argc, argv);
    const QString model = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("bundled");
    const int movingMs = (argc > 2 ? std::atoi(argv[2]) : 20) * 1000;

    ComputeWorker worker;
    LanguageSwitcher languages;
    Workbench bench(&worker, &languages, home.filePath(QStringLiteral("annotations.sqlite")));
    bench.window()->resize(1500, 950);
    bench.window()->show();
    QSignalSpy loaded(bench.session(), &ModelSession::modelLoaded);
    bench.window()->openModelArgument(model);
    if (!loaded.wait(300'000)) {
        std::fprintf(stderr, "%s did not load\n", qPrintable(model));
        return 1;
    }
    worker.cancelAll();  // the bundled model's sample folder: not part of the baseline
    const QString pictures = home.filePath(QStringLiteral("pictures"));
    writeWorldFolder(pictures, 600, 31, WorldOptions{128, 1.0}, 2);

    bench::StallMeter meter(5);
    std::printf("explorer stall benchmark: %s, %d compute threads\n", qPrintable(model), worker.threads());
    meter.start();
    runFor(app, 3000);
    meter.stop();
    report("idle, model loaded (baseline)", meter);

    bench.folders()->addFolder(pictures);  // indexing in the background
    auto* units = bench.browser()->findChild<QListView*>(QStringLiteral("unitList"));
    units->setFocus();
    int presses = 0;
    QTimer keys;
    QObject::connect(&keys, &QTimer::timeout, &app, [&] {
        QTest::keyClick(units, Qt::Key_J);
        ++presses;
    });
    meter.start();
    keys.start(300);
    runFor(app, movingMs);
    keys.stop();
    meter.stop();
    report("indexing + feature vis + j every 300 ms", meter);
    std::printf("j presses: %d, now at unit %d\n", presses, bench.browser()->currentUnit());
    std::printf("worst stall: %.2f ms, target <= 50 ms: %s\n", meter.worstStallMs(), meter.worstStallMs() <= 50.0 ? "met" : "MISSED");
    worker.cancelAll();
    return 0;
}
