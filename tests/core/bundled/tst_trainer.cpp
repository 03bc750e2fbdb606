// The trainer, on the tiny architecture: a few steps lower the contrastive loss; a checkpoint
// resumes where it stopped and gives the same weights as an uninterrupted run; the exported
// model loads through the same loader as real CLIP checkpoints, with its sidecar.

#include "bundled/BundledSidecar.h"
#include "bundled/ClipTrainer.h"
#include "jobs/ComputeThread.h"
#include "jobs/Feedback.h"
#include "model/ModelBundle.h"
#include "model/ClipModelTorch.h"

#include <QGuiApplication>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

#include <numeric>

using namespace ms;

namespace {

TrainerOptions tinyOptions(const QString& dir) {
    TrainerOptions o;
    o.outDir = dir;
    o.seed = 3;
    o.tiny = true;
    o.batchSize = 24;
    o.totalSteps = 60;
    o.warmupSteps = 5;
    o.peakLearningRate = 2e-3;
    o.bf16 = false;  // bitwise comparisons below
    o.checkpointMinutes = 1e9;
    return o;
}

double meanOf(const std::vector<double>& v, size_t from, size_t to) {
    return std::accumulate(v.begin() + from, v.begin() + to, 0.0) / (to - from);
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureComputeThread(2); }

    void trainingLowersTheLoss() {
        QTemporaryDir dir;
        ClipTrainer trainer(tinyOptions(dir.path()));
        std::vector<double> losses;
        for (int i = 0; i < 60; ++i) losses.push_back(trainer.trainStep().loss);
        const double first = meanOf(losses, 0, 10), last = meanOf(losses, 50, 60);
        qInfo("loss: first 10 steps %.3f, last 10 steps %.3f (chance %.3f)", first, last, std::log(24.0));
        QVERIFY2(last < first - 0.3, qPrintable(QStringLiteral("%1 -> %2").arg(first).arg(last)));
    }

    void resumingGivesTheSameWeightsAsOneRun() {
        QTemporaryDir a, b;
        TrainerOptions oa = tinyOptions(a.path()), ob = tinyOptions(b.path());
        oa.totalSteps = ob.totalSteps = 8;
        {
            ClipTrainer straight(oa);
            for (int i = 0; i < 8; ++i) straight.trainStep();
            straight.exportModel(QStringLiteral("straight"));
        }
        {
            ClipTrainer first(ob);
            for (int i = 0; i < 4; ++i) first.trainStep();
            first.saveCheckpoint();
        }
        ClipTrainer resumed(ob);
        QVERIFY(resumed.resumeFromCheckpoint());
        QCOMPARE(resumed.step(), std::int64_t(4));
        for (int i = 0; i < 4; ++i) resumed.trainStep();
        resumed.exportModel(QStringLiteral("resumed"));
        const ClipModel x = ClipModel::load(a.filePath(QStringLiteral("straight.safetensors")).toStdString());
        const ClipModel y = ClipModel::load(b.filePath(QStringLiteral("resumed.safetensors")).toStdString());
        const auto tx = x.network().namedTensors(), ty = y.network().namedTensors();
        QCOMPARE(tx.size(), ty.size());
        for (size_t i = 0; i < tx.size(); ++i)
            QVERIFY2(torch::allclose(tx[i].second, ty[i].second, 1e-5, 1e-6), tx[i].first.c_str());
    }

    void checkpointOfAnotherRunIsRefused() {
        QTemporaryDir dir;
        {
            ClipTrainer t(tinyOptions(dir.path()));
            t.trainStep();
            t.saveCheckpoint();
        }
        TrainerOptions other = tinyOptions(dir.path());
        other.seed = 4;
        ClipTrainer t(other);
        QVERIFY_THROWS_EXCEPTION(std::exception, t.resumeFromCheckpoint());
    }

    void exportedModelLoadsLikeAnyCheckpoint() {
        QTemporaryDir dir;
        ClipTrainer trainer(tinyOptions(dir.path()));
        trainer.trainStep();
        const QString path = trainer.exportModel();
        QVERIFY(QFileInfo(path).size() < 10'000'000);
        const auto sidecar = readSidecarFor(path);
        QVERIFY(sidecar.has_value());
        QVERIFY(sidecar->concepts.size() >= 32);
        QCOMPARE(sidecar->training.value(QStringLiteral("steps")).toInt(), 1);
        const ModelBundle bundle = ModelBundle::load(ModelSpec{path.toStdString(), {}, 0, 0});
        QCOMPARE(bundle.tokenizerKind(), std::string("word-byte"));
        QCOMPARE(bundle.descriptor().family, std::string("resnet"));
        torch::NoGradGuard noGrad;
        const auto ids = bundle.tokenize({"a photo of a red star", "the word star"});
        const at::Tensor tokens = torch::tensor(ids).view({2, bundle.contextLength()});
        const at::Tensor text = bundle.model().network().encodeText(tokens);
        QCOMPARE(text.size(0), 2);
        QVERIFY(torch::isfinite(text).all().item<bool>());
    }

    void runStopsWhenCanceledAndExports() {
        QTemporaryDir dir;
        ClipTrainer trainer(tinyOptions(dir.path()));
        Feedback feedback;
        feedback.cancel();
        trainer.run(feedback);
        QCOMPARE(trainer.step(), std::int64_t(0));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("multiscope-bundled.safetensors"))));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("checkpoint.json"))));
    }
};

QTEST_MAIN(TestTrainer)
#include "tst_trainer.moc"
