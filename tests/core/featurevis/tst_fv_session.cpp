// The session and its loop on the rn_tiny fixture: a whole short run is deterministic (bitwise
// the same image for the same request), the loop publishes throttled snapshots and a final
// one, and cancellation takes effect before the next step. Also the request value: a stable
// key, JSON round trip, validation and resolution against a model.

#include "featurevis/FeatureVisCache.h"
#include "featurevis/FeatureVisJob.h"
#include "featurevis/FeatureVisRequest.h"
#include "featurevis/FeatureVisRun.h"
#include "featurevis/FeatureVisSession.h"
#include "image/TensorImage.h"
#include "jobs/Feedback.h"
#include "util/Error.h"

#include "FvTestModels.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <memory>
#include <thread>
#include <unordered_set>

using namespace ms;

namespace {

FeatureVisRequest lucidRequest(const ClipModel& model, int steps) {
    FeatureVisRequest r;
    r.modelHash = model.contentHash();
    r.objective = "visual.layer4.0.add:7";
    r.steps = steps;
    r.batch = 2;
    r.diversity = 0.5;
    return r;
}

at::Tensor runToEnd(const ClipModel& model, const FeatureVisRequest& r) {
    FeatureVisSession session(model, r);
    while (!session.finished()) session.step();
    return session.image();
}

}  // namespace

class TestFvSession : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        mModel = std::make_unique<ClipModel>(test::loadRnTiny());
    }

    void wholeRunIsDeterministic_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("precision");
        QTest::newRow("lucid, fourier") << "lucid" << "fourier" << "float32";
        QTest::newRow("distill, fourier") << "distill" << "fourier" << "float32";
        QTest::newRow("lucid, pixel") << "lucid" << "pixel" << "float32";
        QTest::newRow("lucid, fourier, bf16") << "lucid" << "fourier" << "bfloat16";
    }

    void wholeRunIsDeterministic() {
        QFETCH(QString, preset);
        QFETCH(QString, param);
        QFETCH(QString, precision);
        FeatureVisRequest r = lucidRequest(*mModel, 12);
        r.preset = preset.toStdString();
        r.param = param.toStdString();
        r.precision = precision.toStdString();
        const at::Tensor a = runToEnd(*mModel, r), b = runToEnd(*mModel, r);
        QVERIFY(at::equal(a, b));
        r.seed = 1;
        const at::Tensor c = runToEnd(*mModel, r);
        QVERIFY(!at::equal(a, c));
        // And the optimisation moved the image away from its grey start.
        QVERIFY(a.std().item<double>() > 0.01);
    }

    // A worker thread may hold an inference-mode guard; the session turns autograd on itself.
    void runsUnderInferenceMode() {
        FeatureVisRequest r = lucidRequest(*mModel, 3);
        const at::Tensor expected = runToEnd(*mModel, r);
        c10::InferenceMode inference;
        QVERIFY(at::equal(runToEnd(*mModel, r), expected));
    }

    void snapshotsAreThrottled_data() {
        QTest::addColumn<int>("msPerStep");
        QTest::addColumn<QList<int>>("liveSteps");
        QTest::newRow("fast steps: every 500 ms") << 300 << QList<int>{2, 4};
        QTest::newRow("slow steps: every step") << 600 << QList<int>{1, 2, 3, 4, 5};
    }

    void snapshotsAreThrottled() {
        QFETCH(int, msPerStep);
        QFETCH(QList<int>, liveSteps);
        FeatureVisSession session(*mModel, lucidRequest(*mModel, 6));
        std::int64_t now = 1000;
        Feedback feedback([&](double, const std::string&) { now += msPerStep; }, {}, [&] { return now; });
        FeatureVisRunOptions options;
        options.clock = [&] { return now; };
        QList<int> live;
        int finals = 0;
        const auto outcome = runFeatureVis(session, feedback, [&](const FeatureVisSnapshot& s) {
            QCOMPARE(s.steps, 6);
            QCOMPARE(int(s.images.size()), 2);
            QCOMPARE(s.images[0].size(), QSize(64, 64));
            QCOMPARE(s.tensor.sizes(), (at::IntArrayRef{2, 3, 64, 64}));
            if (s.final) {
                ++finals;
                QCOMPARE(s.step, 6);
                QVERIFY(at::equal(s.tensor, session.image()));
            } else {
                live << s.step;
            }
        }, options);
        QCOMPARE(outcome, FeatureVisOutcome::Completed);
        QCOMPARE(live, liveSteps);
        QCOMPARE(finals, 1);
        QCOMPARE(feedback.progress(), 1.0);
    }

    // Cancelled during step 3's progress report: no step 4, no final snapshot.
    void cancellationStopsBeforeTheNextStep() {
        FeatureVisSession session(*mModel, lucidRequest(*mModel, 50));
        Feedback* self = nullptr;
        Feedback feedback([&](double fraction, const std::string&) {
            if (fraction >= 3.0 / 50 - 1e-9) self->cancel();
        });
        self = &feedback;
        int finals = 0;
        const auto outcome = runFeatureVis(session, feedback, [&](const FeatureVisSnapshot& s) { finals += s.final; });
        QCOMPARE(outcome, FeatureVisOutcome::Canceled);
        QCOMPARE(session.stepsDone(), 3);
        QCOMPARE(finals, 0);
    }

    // From another thread (the GUI's cancel button): the loop ends at its next check.
    void cancellationFromAnotherThread() {
        FeatureVisSession session(*mModel, lucidRequest(*mModel, 100000));
        std::promise<void> started;
        int stepsWhenSeen = -1;
        Feedback* self = nullptr;
        Feedback feedback([&](double, const std::string&) {
            if (stepsWhenSeen < 0 && self->isCanceled()) stepsWhenSeen = session.stepsDone();
        }, {}, [] { return std::int64_t(0); });
        self = &feedback;
        FeatureVisRunOptions options;
        options.snapshotIntervalMs = 0;  // a snapshot after every step
        bool first = true;
        FeatureVisOutcome outcome = FeatureVisOutcome::Completed;
        std::thread worker([&] {
            outcome = runFeatureVis(session, feedback, [&](const FeatureVisSnapshot&) {
                if (std::exchange(first, false)) started.set_value();
            }, options);
        });
        started.get_future().wait();
        feedback.cancel();
        worker.join();
        QCOMPARE(outcome, FeatureVisOutcome::Canceled);
        QVERIFY(session.stepsDone() < 100000);
        // Either cancelled before the step that would have reported it, or right after it.
        QVERIFY(stepsWhenSeen < 0 || session.stepsDone() == stepsWhenSeen);
    }

    // The worker job: one step per slice, a live snapshot when due, the final result stored in
    // the cache, and a second job for the same request served from the cache in one slice.
    void jobRunsAndCaches() {
        QTemporaryDir dir;
        auto cache = std::make_shared<FeatureVisCache>(dir.path());
        FeatureVisRequest r = lucidRequest(*mModel, 4);
        r.modelHash.clear();  // resolved by the job
        std::vector<std::shared_ptr<const FeatureVisOutput>> partials;
        Feedback feedback({}, [&](std::shared_ptr<const JobOutput> p) {
            partials.push_back(std::dynamic_pointer_cast<const FeatureVisOutput>(p));
        });
        FeatureVisJob job(*mModel, r, nullptr, cache, /*snapshotIntervalMs=*/0);
        QCOMPARE(job.supersedeKey(), std::string(FeatureVisJob::kSupersedeKey));
        int slices = 0;
        while (job.step(feedback) == Job::Step::MoreWork) ++slices;
        QCOMPARE(slices, 3);
        QCOMPARE(int(partials.size()), 3);
        QVERIFY(partials[0] && !partials[0]->final && partials[0]->step == 1);
        const auto result = std::dynamic_pointer_cast<const FeatureVisOutput>(job.takeResult());
        QVERIFY(result && result->final && !result->fromCache);
        QCOMPARE(result->step, 4);
        QCOMPARE(int(result->images.size()), 2);
        QCOMPARE(result->request.size, 64);
        // The same pictures as a session run directly.
        const at::Tensor direct = runToEnd(*mModel, lucidRequest(*mModel, 4));
        for (int i = 0; i < 2; ++i) QCOMPARE(result->images[i], tensorToQImage(direct[i]));
        QVERIFY(cache->contains(result->request));

        FeatureVisJob again(*mModel, r, nullptr, cache);
        QCOMPARE(again.step(feedback), Job::Step::Done);
        const auto hit = std::dynamic_pointer_cast<const FeatureVisOutput>(again.takeResult());
        QVERIFY(hit && hit->fromCache && hit->final);
        QCOMPARE(hit->images.size(), result->images.size());
        for (size_t i = 0; i < hit->images.size(); ++i) QCOMPARE(hit->images[i], result->images[i]);
    }

    void sessionResolvesTheRequest() {
        FeatureVisRequest r = lucidRequest(*mModel, 2);
        r.modelHash.clear();
        FeatureVisSession session(*mModel, r);
        QCOMPARE(session.request().size, 64);
        QCOMPARE(session.request().modelHash, mModel->contentHash());
        QVERIFY(std::isnan(session.loss()));
        QCOMPARE(session.stepsDone(), 0);
        QVERIFY(QString::fromStdString(session.description()).startsWith(
            "visual.layer4.0.add:7 + 0.5*diversity(visual.layer4.0.add) · fourier 64x64, batch 2"));
        session.step();
        QVERIFY(std::isfinite(session.loss()));
    }

    // A ResNet point accepts other sizes than the model's resolution.
    void otherSizes() {
        FeatureVisRequest r = lucidRequest(*mModel, 2);
        r.size = 48;
        r.batch = 1;
        r.diversity = 0;
        FeatureVisSession session(*mModel, r);
        session.step();
        QCOMPARE(session.image().sizes(), (at::IntArrayRef{1, 3, 48, 48}));
        QCOMPARE(session.images().at(0).size(), QSize(48, 48));
    }

    void badRequests() {
        FeatureVisRequest r = lucidRequest(*mModel, 2);
        r.modelHash = "0123456789abcdef";
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisSession(*mModel, r));
        r = lucidRequest(*mModel, 0);
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisSession(*mModel, r));
        r = lucidRequest(*mModel, 2);
        r.objective = "l2";  // diversity needs a layer
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisSession(*mModel, r));
        r.objective = "visual.layer4.0.add:9999";
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisSession(*mModel, r));
    }

    // The key is pinned: changing it invalidates every user's cache, so it must be deliberate.
    void requestKeyIsStable() {
        FeatureVisRequest r;
        r.modelHash = "ab12";
        r.objective = "visual.layer4.5.add:89";
        QCOMPARE(QString::fromStdString(r.key()), QString("d42a8f1cb65724d39bb60c9d8a62419d"));
        QCOMPARE(r.key().size(), size_t(32));
        QCOMPARE(FeatureVisRequest(r).key(), r.key());
    }

    void everyFieldChangesTheKey() {
        const FeatureVisRequest base;
        std::vector<FeatureVisRequest> variants(12, base);
        variants[0].modelHash = "x";
        variants[1].objective = "y:1";
        variants[2].param = "pixel";
        variants[3].decorrelate = false;
        variants[4].preset = "distill";
        variants[5].steps = 511;
        variants[6].lr = 0.02;
        variants[7].size = 288;
        variants[8].batch = 4;
        variants[9].diversity = 1.0;
        variants[10].seed = 1;
        variants[11].precision = "bfloat16";
        std::unordered_set<std::string> keys{base.key()};
        std::unordered_set<std::size_t> hashes{std::hash<FeatureVisRequest>()(base)};
        for (const FeatureVisRequest& v : variants) {
            QVERIFY(v != base);
            keys.insert(v.key());
            hashes.insert(std::hash<FeatureVisRequest>()(v));
        }
        QCOMPARE(keys.size(), size_t(13));
        QCOMPARE(hashes.size(), size_t(13));
    }

    void jsonRoundTrip() {
        FeatureVisRequest r = lucidRequest(*mModel, 300);
        r.seed = 18446744073709551615ull;
        r.lr = 0.1 + 0.2;  // not exactly representable: must survive the text form
        r.objective = "text(\"a \\\"quoted\\\" prompt\") + 10*l2";
        const FeatureVisRequest back = FeatureVisRequest::fromJson(r.toJson(2));
        QVERIFY(back == r);
        QCOMPARE(back.key(), r.key());
        QVERIFY(FeatureVisRequest::fromJson("{}") == FeatureVisRequest());
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisRequest::fromJson("[1, 2]"));
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisRequest::fromJson("{\"steps\": \"many\"}"));
        QVERIFY_THROWS_EXCEPTION(Error, FeatureVisRequest::fromJson("{\"steps\": 3"));
    }

    void validation_data() {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no objective") << "{}" << "objective";
        QTest::newRow("steps") << R"({"objective": "a:1", "steps": 0})" << "steps";
        QTest::newRow("lr") << R"({"objective": "a:1", "lr": 0})" << "learning rate";
        QTest::newRow("size") << R"({"objective": "a:1", "size": 5000})" << "size";
        QTest::newRow("batch") << R"({"objective": "a:1", "batch": 0})" << "batch";
        QTest::newRow("diversity") << R"({"objective": "a:1", "diversity": -1})" << "diversity";
        QTest::newRow("param") << R"({"objective": "a:1", "param": "wavelet"})" << "wavelet";
        QTest::newRow("preset") << R"({"objective": "a:1", "preset": "lucent"})" << "lucent";
        QTest::newRow("precision") << R"({"objective": "a:1", "precision": "float16"})" << "float16";
    }

    void validation() {
        QFETCH(QString, json);
        QFETCH(QString, message);
        QString what = "<no error>";
        try {
            FeatureVisRequest::fromJson(json.toStdString()).validate();
        } catch (const Error& e) {
            what = e.what();
        }
        QVERIFY2(what.contains(message), qPrintable(what));
    }

private:
    std::unique_ptr<ClipModel> mModel;
};

QTEST_GUILESS_MAIN(TestFvSession)
#include "tst_fv_session.moc"
