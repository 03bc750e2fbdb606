// The typographic-attack editor on the shipped model: another concept's word (at most 20% of
// the picture height, as `evaluate` writes it) put on 20 generated photos through the probe
// dock flips top-1 to the written word exactly as often as the core attack function does on
// the same pictures, and at the rate `evaluate` reports for the model (within sampling noise).

#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/ProbeJob.h"
#include "analysis/TypographicAttack.h"
#include "analysis/ZeroShot.h"
#include "bundled/BundledSidecar.h"
#include "catalog/ModelLocator.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "probe/ProbeDock.h"
#include "probe/ZeroShotChart.h"
#include "session/ModelSession.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ms;

class TestProbeBundled : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void editorFlipsTopOneAsTheCoreAttackDoes() {
        ComputeWorker worker(ComputeWorker::Options{2});
        ModelSession session(&worker);
        QSignalSpy loaded(&session, &ModelSession::modelLoaded);
        session.load(QString::fromStdString(resolveModelPath("bundled")));
        QVERIFY(loaded.wait(60'000));
        const auto bundle = session.bundle();
        const QStringList concepts = bundle->sidecar()->concepts;
        const int side = bundle->descriptor().inputResolution;

        QTemporaryDir dir;
        writeWorldFolder(dir.path(), 120, 555, WorldOptions{side, 1.0}, 2);  // 20 photos among 120
        std::vector<AttackTrial> trials;
        std::vector<QString> paths;
        for (const LabelRow& row : readLabels(QDir(dir.path()).filePath(labelsFileName()))) {
            if (row.rendition != QLatin1String("photo")) continue;
            Rng rng(7, trials.size());
            QString word;
            do word = concepts[rng.below(int(concepts.size()))];
            while (word == row.concept);
            const QString path = QDir(dir.path()).filePath(row.file);
            trials.push_back({QImage(path).convertToFormat(QImage::Format_RGB888), int(concepts.indexOf(row.concept)),
                              randomWordOverlay(rng, word, side, 0.2)});
            paths.push_back(path);
        }
        QCOMPARE(trials.size(), size_t(20));

        // Through the dock, as a user would: open the photo, put the word on it.
        ProbeDock dock(&session);
        QSignalSpy probed(&dock, &ProbeDock::probed);
        int dockFlips = 0;
        for (size_t i = 0; i < trials.size(); ++i) {
            dock.setOverlays({});
            dock.probeFile(paths[i]);
            QVERIFY(probed.wait(30'000));
            dock.setOverlays({trials[i].overlay});
            QVERIFY(probed.wait(30'000));
            QVERIFY(dock.lastResult()->hasEdits());
            dockFlips += dock.chart()->topLabel() == trials[i].overlay.word;
        }

        // The core function on the same pictures and words.
        const ZeroShotClassifier classifier(bundle->model().network(), tokenizeFnFor(*bundle), concepts, promptTemplatesFor(*bundle),
                                            promptEnsembleFor(*bundle));
        const auto outcomes = runTypographicAttacks(
            classifier, [&](const QImage& im) { return modelInputFromImage(im, bundle->descriptor()); }, trials);
        int coreFlips = 0;
        for (const AttackOutcome& o : outcomes) coreFlips += o.success;
        QCOMPARE(dockFlips, coreFlips);

        // And the rate `evaluate` reported on 2,000 fresh images (recorded in the sidecar's
        // "evaluation"), within 2.5 σ of 20 draws.
        QFile sidecar(sidecarPathFor(QString::fromStdString(bundle->weightsPath())));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const double reported = QJsonDocument::fromJson(sidecar.readAll())
                                    .object().value(QStringLiteral("evaluation")).toObject()
                                    .value(QStringLiteral("typographic_attack_rate")).toDouble(-1);
        QVERIFY(reported >= 0);
        const double sigma = std::sqrt(reported * (1 - reported) / 20.0);
        QVERIFY2(std::abs(dockFlips / 20.0 - reported) <= 2.5 * sigma + 1e-9,
                 qPrintable(QStringLiteral("%1 of 20 vs %2").arg(dockFlips).arg(reported)));
        qInfo("%d of 20 photos flipped to the written word", dockFlips);
    }
};

QTEST_MAIN(TestProbeBundled)
#include "tst_probe_bundled.moc"
