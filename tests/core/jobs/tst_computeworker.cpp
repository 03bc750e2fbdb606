// The compute worker: runs jobs off the GUI thread, throttles progress, cancels at the next
// feedback check, serves interactive requests between slices of a long job, never delivers
// superseded results, and shuts down cleanly with a job in flight. Synchronised with gates
// and signal spies, never with sleeps.

#include "jobs/ComputeWorker.h"
#include "jobs/Feedback.h"
#include "jobs/ComputeThread.h"

#include <QElapsedTimer>
#include <QtTest>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace ms;

namespace {

// A one-shot gate: wait() blocks until open(). Waits are bounded so a bug fails, not hangs.
class Gate {
public:
    void open() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_open = true;
        m_cv.notify_all();
    }
    bool wait(int timeoutMs = 20000) {
        std::unique_lock<std::mutex> lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_open; });
    }
    bool isOpen() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_open;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
};

struct IntOutput : JobOutput {
    explicit IntOutput(int v) : value(v) {}
    int value;
};

std::shared_ptr<const JobOutput> intResult(int v) { return std::make_shared<IntOutput>(v); }

int valueOf(const QVariant& v) {
    auto out = v.value<std::shared_ptr<const JobOutput>>();
    auto typed = std::dynamic_pointer_cast<const IntOutput>(out);
    return typed ? typed->value : -1;
}

// A thread-safe list of events for checking the order in which slices ran.
class EventLog {
public:
    void add(const QString& e) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_events << e;
    }
    QStringList events() {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_events;
    }

private:
    std::mutex m_mutex;
    QStringList m_events;
};

QList<JobId> finishedIds(const QSignalSpy& spy) {
    QList<JobId> ids;
    for (const auto& args : spy) ids << args.at(0).value<JobId>();
    return ids;
}

JobStatus lastStatusOf(const QSignalSpy& spy, JobId id) {
    JobStatus last = JobStatus::Queued;
    for (const auto& args : spy)
        if (args.at(0).value<JobId>() == id) last = args.at(1).value<JobStatus>();
    return last;
}

}  // namespace

class TestComputeWorker : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsJobsOffTheGuiThreadWithConfiguredThreads() {
        ComputeWorker worker(ComputeWorker::Options{1});
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        std::atomic<QThread*> ranOn{nullptr};
        std::atomic<int> torchThreads{0};
        const JobId id = worker.submit(std::make_unique<FunctionJob>(
            "probe thread",
            [&](Feedback&) {
                ranOn = QThread::currentThread();
                torchThreads = libtorchThreadsOfThisThread();
                return Job::Step::Done;
            },
            [] { return intResult(42); }));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<JobId>(), id);
        QCOMPARE(valueOf(finished.at(0).at(1)), 42);
        QVERIFY(ranOn.load() != QThread::currentThread());
        QCOMPARE(ranOn.load(), worker.computeThread());
        QCOMPARE(torchThreads.load(), 1);
        QVERIFY(!worker.isActive(id));
    }

    void reportsStatusesInOrder() {
        ComputeWorker worker;
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        const JobId id = worker.submit(std::make_unique<FunctionJob>("quick", [](Feedback&) { return Job::Step::Done; }));
        QTRY_COMPARE(statuses.count(), 3);
        QCOMPARE(statuses.at(0).at(1).value<JobStatus>(), JobStatus::Queued);
        QCOMPARE(statuses.at(1).at(1).value<JobStatus>(), JobStatus::Running);
        QCOMPARE(statuses.at(2).at(1).value<JobStatus>(), JobStatus::Complete);
        for (const auto& s : statuses) QCOMPARE(s.at(0).value<JobId>(), id);
    }

    void progressArrivesThrottled() {
        ComputeWorker worker;
        QSignalSpy progress(&worker, &ComputeWorker::jobProgress);
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        std::atomic<qint64> elapsedMs{0};
        worker.submit(std::make_unique<FunctionJob>("chatty", [&](Feedback& feedback) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i <= 20000; ++i) feedback.setProgress(i / 20000.0, "step");
            elapsedMs = timer.elapsed();
            return Job::Step::Done;
        }));
        QTRY_COMPARE(finished.count(), 1);
        // 20,001 updates become at most one per 1 % plus one per 100 ms that passed.
        const qint64 bound = 102 + elapsedMs / Feedback::kMinProgressIntervalMs;
        QVERIFY2(progress.count() <= bound, qPrintable(QStringLiteral("%1 > %2").arg(progress.count()).arg(bound)));
        QVERIFY(progress.count() >= 50);
        QCOMPARE(progress.last().at(1).toDouble(), 1.0);
        QCOMPARE(progress.last().at(2).toString(), QStringLiteral("step"));
    }

    void cancelStopsTheJobAtItsNextCheck() {
        ComputeWorker worker;
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        Gate reached, release;
        std::atomic<int> stoppedAtCheck{-1};
        const JobId id = worker.submit(std::make_unique<FunctionJob>("cancellable", [&](Feedback& feedback) {
            for (int check = 0; check < 1000000; ++check) {
                if (feedback.isCanceled()) {
                    stoppedAtCheck = check;
                    return Job::Step::MoreWork;
                }
                if (check == 5) {
                    reached.open();
                    release.wait();
                }
            }
            return Job::Step::Done;
        }));
        QVERIFY(reached.wait());
        worker.cancel(id);
        release.open();
        QTRY_COMPARE(lastStatusOf(statuses, id), JobStatus::Canceled);
        QCOMPARE(stoppedAtCheck.load(), 6);  // the first check after cancel()
        QCOMPARE(finished.count(), 0);
        QVERIFY(!worker.isActive(id));
    }

    void cancelBetweenSlicesStopsALongJob() {
        ComputeWorker worker;
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        Gate thirdSlice, release;
        std::atomic<int> slices{0};
        const JobId id = worker.submit(std::make_unique<FunctionJob>("sliced", [&](Feedback&) {
            if (++slices == 3) {
                thirdSlice.open();
                release.wait();
            }
            return slices < 1000 ? Job::Step::MoreWork : Job::Step::Done;
        }));
        QVERIFY(thirdSlice.wait());
        worker.cancel(id);
        release.open();
        QTRY_COMPARE(lastStatusOf(statuses, id), JobStatus::Canceled);
        QCOMPARE(slices.load(), 3);
    }

    void interactiveRequestRunsBetweenTwoSlices() {
        ComputeWorker worker;
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        EventLog log;
        Gate inSliceThree, submitted;
        int slice = 0;  // touched only on the compute thread
        const JobId longJob = worker.submit(std::make_unique<FunctionJob>("index a folder", [&](Feedback&) {
            log.add(QStringLiteral("L%1").arg(slice));
            if (slice == 3) {
                inSliceThree.open();
                submitted.wait();
            }
            return ++slice < 8 ? Job::Step::MoreWork : Job::Step::Done;
        }));
        QVERIFY(inSliceThree.wait());
        const JobId click = worker.submit(std::make_unique<FunctionJob>(
            "show unit", [&](Feedback&) { log.add(QStringLiteral("I")); return Job::Step::Done; }, nullptr,
            JobPriority::Interactive));
        submitted.open();
        QTRY_COMPARE(finished.count(), 2);
        const QStringList expected{"L0", "L1", "L2", "L3", "I", "L4", "L5", "L6", "L7"};
        QCOMPARE(log.events(), expected);
        QCOMPARE(finishedIds(finished), (QList<JobId>{click, longJob}));
    }

    void supersededRunningRequestNeverDelivers() {
        ComputeWorker worker;
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        Gate running, release;
        // The old request ignores cancellation and completes anyway: its result must still vanish.
        const JobId old = worker.submit(std::make_unique<FunctionJob>(
            "unit 1", [&](Feedback&) { running.open(); release.wait(); return Job::Step::Done; },
            [] { return intResult(1); }, JobPriority::Interactive, "neuron-page"));
        QVERIFY(running.wait());
        const JobId fresh = worker.submit(std::make_unique<FunctionJob>(
            "unit 2", [](Feedback&) { return Job::Step::Done; }, [] { return intResult(2); },
            JobPriority::Interactive, "neuron-page"));
        release.open();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finishedIds(finished), QList<JobId>{fresh});
        QCOMPARE(valueOf(finished.at(0).at(1)), 2);
        QTRY_COMPARE(lastStatusOf(statuses, old), JobStatus::Canceled);
    }

    void supersededQueuedRequestNeverRuns() {
        ComputeWorker worker;
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        Gate blockerRunning, releaseBlocker;
        std::atomic<bool> staleRan{false};
        worker.submit(std::make_unique<FunctionJob>("blocker", [&](Feedback&) {
            blockerRunning.open();
            releaseBlocker.wait();
            return Job::Step::Done;
        }));
        QVERIFY(blockerRunning.wait());
        const JobId stale = worker.submit(std::make_unique<FunctionJob>(
            "stale", [&](Feedback&) { staleRan = true; return Job::Step::Done; }, [] { return intResult(1); },
            JobPriority::Background, "key"));
        const JobId fresh = worker.submit(std::make_unique<FunctionJob>(
            "fresh", [](Feedback&) { return Job::Step::Done; }, [] { return intResult(2); },
            JobPriority::Background, "key"));
        QVERIFY(!worker.isActive(stale));
        QVERIFY(worker.isActive(fresh));
        releaseBlocker.open();
        QTRY_COMPARE(finished.count(), 2);
        QVERIFY(!finishedIds(finished).contains(stale));
        QVERIFY(finishedIds(finished).contains(fresh));
        QVERIFY(!staleRan);
    }

    void resultInFlightWhenSupersededIsDropped() {
        // The old job has finished on the compute thread and its result is already queued for
        // the GUI thread when the user moves on: the worker must still swallow it.
        ComputeWorker worker;
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        Gate resultTaken;
        const JobId old = worker.submit(std::make_unique<FunctionJob>(
            "unit 1", [](Feedback&) { return Job::Step::Done; },
            [&] { resultTaken.open(); return intResult(1); }, JobPriority::Interactive, "neuron-page"));
        QVERIFY(resultTaken.wait());  // the GUI event loop has not run since
        const JobId fresh = worker.submit(std::make_unique<FunctionJob>(
            "unit 2", [](Feedback&) { return Job::Step::Done; }, [] { return intResult(2); },
            JobPriority::Interactive, "neuron-page"));
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finishedIds(finished), QList<JobId>{fresh});
        QVERIFY(!worker.isActive(old));
    }

    void failingJobReportsItsError() {
        ComputeWorker worker;
        QSignalSpy failed(&worker, &ComputeWorker::jobFailed);
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        const JobId id = worker.submit(std::make_unique<FunctionJob>(
            "broken", [](Feedback&) -> Job::Step { throw std::runtime_error("model file is truncated"); }));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("model file is truncated"));
        QTRY_COMPARE(lastStatusOf(statuses, id), JobStatus::Failed);
        // The worker keeps serving after a failure.
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        worker.submit(std::make_unique<FunctionJob>("next", [](Feedback&) { return Job::Step::Done; }));
        QTRY_COMPARE(finished.count(), 1);
    }

    void partialResultsArriveBeforeTheResult() {
        ComputeWorker worker;
        QList<int> seen;
        connect(&worker, &ComputeWorker::jobPartialResult, this,
                [&](JobId, std::shared_ptr<const JobOutput> p) { seen << std::dynamic_pointer_cast<const IntOutput>(p)->value; });
        connect(&worker, &ComputeWorker::jobFinished, this,
                [&](JobId, std::shared_ptr<const JobOutput> r) { seen << 100 + std::dynamic_pointer_cast<const IntOutput>(r)->value; });
        int step = 0;
        worker.submit(std::make_unique<FunctionJob>(
            "snapshots",
            [&](Feedback& feedback) {
                feedback.publishPartial(intResult(step));
                return ++step < 3 ? Job::Step::MoreWork : Job::Step::Done;
            },
            [&] { return intResult(step); }));
        QTRY_COMPARE(seen.size(), 4);
        QCOMPARE(seen, (QList<int>{0, 1, 2, 103}));
    }

    void shutdownWithARunningJobDoesNotHang() {
        auto worker = std::make_unique<ComputeWorker>();
        Gate running;
        std::atomic<bool> sawCancel{false};
        worker->submit(std::make_unique<FunctionJob>("endless", [&](Feedback& feedback) {
            running.open();
            while (!feedback.isCanceled()) {
            }
            sawCancel = true;
            return Job::Step::MoreWork;
        }));
        for (int i = 0; i < 5; ++i)
            worker->submit(std::make_unique<FunctionJob>("queued", [](Feedback&) { return Job::Step::Done; }));
        QVERIFY(running.wait());
        worker.reset();  // must return: cancels, waits for the slice, stops the thread
        QVERIFY(sawCancel);
    }
};

QTEST_GUILESS_MAIN(TestComputeWorker)
#include "tst_computeworker.moc"
