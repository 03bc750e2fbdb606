// Feedback: cancellation flag and progress throttling (≥ 1 % or ≥ 100 ms), with a fake clock.

#include "jobs/Feedback.h"

#include <QtTest>

#include <vector>

using ms::Feedback;

class TestFeedback : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cancelIsSticky() {
        Feedback feedback;
        QVERIFY(!feedback.isCanceled());
        feedback.cancel();
        QVERIFY(feedback.isCanceled());
        feedback.cancel();
        QVERIFY(feedback.isCanceled());
    }

    void smallStepsAreThrottledWhileTimeStandsStill() {
        std::int64_t now = 1000;
        std::vector<double> forwarded;
        Feedback feedback([&](double f, const std::string&) { forwarded.push_back(f); }, {}, [&] { return now; });
        for (int i = 0; i <= 10000; ++i) feedback.setProgress(i / 10000.0);
        // First call, then one per 1 % step, then the final 1.0 (already a 1 % step here).
        QVERIFY2(forwarded.size() >= 100 && forwarded.size() <= 102, qPrintable(QString::number(forwarded.size())));
        QCOMPARE(forwarded.front(), 0.0);
        QCOMPARE(forwarded.back(), 1.0);
        for (size_t i = 1; i + 1 < forwarded.size(); ++i) QVERIFY(forwarded[i] - forwarded[i - 1] >= 0.01 - 1e-12);
    }

    void timePassingForwardsEvenTinySteps() {
        std::int64_t now = 0;
        int calls = 0;
        Feedback feedback([&](double, const std::string&) { ++calls; }, {}, [&] { return now; });
        feedback.setProgress(0.0);
        QCOMPARE(calls, 1);
        feedback.setProgress(0.001);
        QCOMPARE(calls, 1);  // tiny step, no time passed
        now += 99;
        feedback.setProgress(0.002);
        QCOMPARE(calls, 1);
        now += 1;  // 100 ms since the last forward
        feedback.setProgress(0.003);
        QCOMPARE(calls, 2);
    }

    void reachingTheEndIsAlwaysForwarded() {
        std::int64_t now = 0;
        std::vector<double> forwarded;
        Feedback feedback([&](double f, const std::string&) { forwarded.push_back(f); }, {}, [&] { return now; });
        feedback.setProgress(0.995);
        feedback.setProgress(1.0);
        QCOMPARE(forwarded, (std::vector<double>{0.995, 1.0}));
        feedback.setProgress(1.0);
        QCOMPARE(forwarded.size(), size_t(2));
    }

    void progressIsClamped() {
        Feedback feedback;
        feedback.setProgress(1.5);
        QCOMPARE(feedback.progress(), 1.0);
        feedback.setProgress(-2);
        QCOMPARE(feedback.progress(), 0.0);
    }

    void partialResultsReachTheOwner() {
        int partials = 0;
        Feedback feedback({}, [&](std::shared_ptr<const ms::JobOutput>) { ++partials; });
        feedback.publishPartial(nullptr);
        feedback.publishPartial(nullptr);
        QCOMPARE(partials, 2);
    }
};

QTEST_GUILESS_MAIN(TestFeedback)
#include "tst_feedback.moc"
