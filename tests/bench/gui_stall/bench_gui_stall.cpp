// GUI responsiveness: the worst gap in a 5 ms heartbeat on the GUI thread, first with the
// main window idle (the baseline), then while the compute worker runs a long sliced job of
// LibTorch matrix products and the user "clicks" (interactive jobs every 100 ms).
// Target: worst stall ≤ 50 ms. Usage: bench_gui_stall [seconds per phase]

#include "StallMeter.h"

#include "jobs/ComputeWorker.h"
#include "jobs/Feedback.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QTimer>

#include <torch/torch.h>

#include <cstdio>

using namespace ms;

namespace {

// A long job: each slice multiplies 512×512 matrices for about 20 ms.
std::unique_ptr<Job> makeLongJob(int slices) {
    auto state = std::make_shared<int>(0);
    return std::make_unique<FunctionJob>("long matrix job", [state, slices](Feedback& feedback) {
        torch::NoGradGuard noGrad;
        auto a = torch::randn({512, 512});
        for (int i = 0; i < 60 && !feedback.isCanceled(); ++i) a = torch::tanh(torch::mm(a, a) / 512.0);
        feedback.setProgress(double(++*state) / slices);
        return *state < slices ? Job::Step::MoreWork : Job::Step::Done;
    });
}

void runPhase(QApplication& app, bench::StallMeter& meter, int ms) {
    meter.start();
    QTimer::singleShot(ms, &app, [&] { app.exit(); });
    app.exec();
    meter.stop();
}

void report(const char* phase, const bench::StallMeter& meter) {
    std::printf("%-32s beats %6d  p50 %6.2f ms  p99 %6.2f ms  worst %6.2f ms\n", phase, meter.beats(),
                meter.percentileMs(0.5), meter.percentileMs(0.99), meter.worstStallMs());
}

}  // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int phaseMs = (argc > 1 ? std::atoi(argv[1]) : 4) * 1000;

    ComputeWorker worker;
    LanguageSwitcher languages;
    MainWindow window(&worker, &languages);
    window.show();
    bench::StallMeter meter(5);

    std::printf("GUI stall benchmark (%d compute threads, %d s per phase)\n", worker.threads(), phaseMs / 1000);
    runPhase(app, meter, phaseMs);
    report("idle (baseline)", meter);
    const double baseline = meter.worstStallMs();

    const JobId longJob = worker.submit(makeLongJob(100000));
    QTimer clicks;
    int clicksDone = 0;
    QObject::connect(&worker, &ComputeWorker::jobFinished, &app, [&](JobId id) { if (id != longJob) ++clicksDone; });
    QObject::connect(&clicks, &QTimer::timeout, &app, [&] {
        worker.submit(std::make_unique<FunctionJob>("click", [](Feedback&) {
            auto x = torch::randn({256, 256});
            (void)torch::mm(x, x).sum().item<float>();
            return Job::Step::Done;
        }, nullptr, JobPriority::Interactive, "click"));
    });
    clicks.start(100);
    runPhase(app, meter, phaseMs);
    clicks.stop();
    report("long job + interactive clicks", meter);
    std::printf("interactive jobs answered: %d\n", clicksDone);
    std::printf("worst stall: %.2f ms (baseline %.2f ms), target <= 50 ms: %s\n", meter.worstStallMs(), baseline,
                meter.worstStallMs() <= 50.0 ? "met" : "MISSED");
    worker.cancelAll();
    return 0;
}
