// The shipped model (resources/models/multiscope-bundled.*): found as `bundled` from the
// build tree, weights and sidecar together within issue 4's 10 MB, loaded through the same
// loader as real CLIP checkpoints with its sidecar, and measured on a fresh generated sample (a
// seed training never used) with the prompt ensemble its sidecar names: zero-shot top-1 ≥ 90%
// on photo, drawing and icon, ≥ 75% on word, and another concept's word written on a photo
// flips top-1 to the word on ≥ 30% of photos (issue 4's thresholds). The attack rate is also
// checked against what the sidecar records from the 2,000-image evaluation (within 3 σ of the
// sample's binomial noise), so the weights in the tree are the ones evaluated; so are the
// recorded multimodal units (≥ 20% of the concepts, as issue 4 asks).

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
#include <QJsonArray>
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
        const QString path = QString::fromStdString(resolveModelPath("bundled"));
        QVERIFY(QFileInfo(path).size() + QFileInfo(sidecarPathFor(path)).size() <= 10'000'000);
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
        QVERIFY2(report.typographicAttackRate >= 0.30, qPrintable(QString::number(report.typographicAttackRate)));

        QFile sidecar(sidecarPathFor(QString::fromStdString(bundle.weightsPath())));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject recorded = QJsonDocument::fromJson(sidecar.readAll()).object().value(QStringLiteral("evaluation")).toObject();
        auto asRecorded = [](double measured, double p, int n) { return std::abs(measured - p) <= 3 * std::sqrt(p * (1 - p) / n) + 1e-9; };
        QCOMPARE(recorded.value(QStringLiteral("prompt_ensemble")).toString(), QString::fromLatin1(promptEnsembleName(options.ensemble)));
        const double attack = recorded.value(QStringLiteral("typographic_attack_rate")).toDouble(-1);
        QVERIFY(attack >= 0);
        QVERIFY2(asRecorded(report.typographicAttackRate, attack, report.attackTrials),
                 qPrintable(QStringLiteral("attack %1 vs recorded %2").arg(report.typographicAttackRate).arg(attack)));
        const double fraction = recorded.value(QStringLiteral("multimodal_fraction")).toDouble(-1);
        QVERIFY2(fraction >= 0.20, qPrintable(QString::number(fraction)));
        QCOMPARE(recorded.value(QStringLiteral("multimodal_units")).toArray().size(),
                 qRound(fraction * bundle.sidecar()->concepts.size()));
    }
};

QTEST_MAIN(TestBundledModel)
#include "tst_bundled_model.moc"
