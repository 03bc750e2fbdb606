// The shipped model (resources/models/multiscope-bundled.*): found as `bundled` from the
// build tree, loaded through the same loader as real CLIP checkpoints with its sidecar, and
// measured on a fresh generated sample (a seed training never used) with the prompt ensemble
// its sidecar names: zero-shot top-1 ≥ 90% on photo, drawing and icon and ≥ 75% on word
// (issue 4's thresholds). The typographic attack falls short of issue 4's 30% (README, "The
// bundled model"): its rate is checked against what the sidecar records from the 2,000-image
// evaluation (within 3 σ of the sample's binomial noise), so the weights in the tree are the
// ones evaluated and no regression slips in.

#include "analysis/Evaluation.h"
#include "analysis/ModelText.h"
#include "bundled/BundledSidecar.h"
#include "catalog/ModelLocator.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ms;

class TestBundledModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loadsAsBundledWithItsSidecar() {
        const std::string path = resolveModelPath("bundled");
        QVERIFY(QFileInfo(QString::fromStdString(path)).size() < 10'000'000);
        const ModelBundle bundle = ModelBundle::load(ModelSpec{"bundled", {}, 0, 0});
        QVERIFY(bundle.sidecar());
        QCOMPARE(bundle.descriptor().family, std::string("resnet"));
        QVERIFY(bundle.descriptor().inputResolution >= 64);
        QVERIFY(bundle.sidecar()->concepts.size() >= 32);
        QCOMPARE(bundle.tokenizerKind(), std::string("word-byte"));
    }

    void performsAsRecordedOnAFreshSample() {
        const ModelBundle bundle = ModelBundle::load(ModelSpec{"bundled", {}, 0, 0});
        QTemporaryDir dir;
        // 360 images: 60 per rendition; seed 4242 is not a training seed.
        writeWorldFolder(dir.path(), 360, 4242, WorldOptions{bundle.descriptor().inputResolution, 1.0}, 2);
        EvaluationOptions options;
        options.dataDir = dir.path();
        options.templates = promptTemplatesFor(bundle);
        options.ensemble = promptEnsembleFor(bundle);
        options.labels = bundle.sidecar()->concepts;
        const EvaluationReport report = evaluateModel(bundle.model().network(), tokenizeFnFor(bundle), options);
        qInfo("%s", qPrintable(report.toText()));
        for (const char* rendition : {"photo", "drawing", "icon"})
            QVERIFY2(report.zeroShot.at(QLatin1String(rendition)) >= 0.90, rendition);
        QVERIFY2(report.zeroShot.at(QStringLiteral("word")) >= 0.75, qPrintable(QString::number(report.zeroShot.at(QStringLiteral("word")))));
        QVERIFY(report.attackTrials >= 50);

        QFile sidecar(sidecarPathFor(QString::fromStdString(bundle.weightsPath())));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject recorded = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("evaluation")).toObject();
        auto asRecorded = [](double measured, double p, int n) { return std::abs(measured - p) <= 3 * std::sqrt(p * (1 - p) / n) + 1e-9; };
        QCOMPARE(recorded.value(QStringLiteral("prompt_ensemble")).toString(), QString::fromLatin1(promptEnsembleName(options.ensemble)));
        const double attack = recorded.value(QStringLiteral("typographic_attack_rate")).toDouble(-1);
        QVERIFY(attack >= 0);
        QVERIFY2(asRecorded(report.typographicAttackRate, attack, report.attackTrials),
                 qPrintable(QStringLiteral("attack %1 vs recorded %2").arg(report.typographicAttackRate).arg(attack)));
    }
};

QTEST_MAIN(TestBundledModel)
#include "tst_bundled_model.moc"
