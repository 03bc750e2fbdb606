// The explorer end to end on the shipped model, as users get it (the Workbench main() builds):
// the bundled model opens, --goto lands on its unit, the generated sample folder is indexed on
// first start, and pressing j in the unit list moves every panel of the neuron page to the
// new unit — dataset examples (the index's top pictures of that unit), rendered words, unit
// response and feature visualization.

#include "TinyModelSession.h"

#include "explorer/BrowserDock.h"
#include "explorer/ExamplesDock.h"
#include "explorer/FoldersDock.h"
#include "explorer/RenderedWordsDock.h"
#include "explorer/UnitResponseDock.h"
#include "featurevis/FeatureVisDock.h"
#include "index/IndexReader.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"
#include "shell/Workbench.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSpinBox>
#include <QTemporaryDir>

using namespace ms;

class TestExplorerBundled : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        test::useEmptyTestAppData();
        // Rendered words of the default list are scored once for all the bundled-model tests.
        qputenv("XDG_CACHE_HOME", QByteArray(MULTISCOPE_TEST_CACHE));
    }

    void jMovesEveryPanelToTheNextUnit() {
        ComputeWorker worker;
        LanguageSwitcher languages;
        Workbench bench(&worker, &languages, m_dir.filePath(QStringLiteral("annotations.sqlite")));
        bench.window()->resize(1500, 950);
        bench.window()->show();
        QSignalSpy loaded(bench.session(), &ModelSession::modelLoaded);
        QSignalSpy indexed(bench.folders(), &FoldersDock::folderIndexed);
        // The layer the sidecar opens (its rendered words are already scored by tst_bundled_units).
        const QString layer = QString::fromStdString(ModelBundle::load(ModelSpec{"bundled", {}, 0, 0}).defaultLayer());
        bench.goToWhenLoaded(layer + QStringLiteral(":7"));
        QVERIFY(bench.window()->openModelArgument(QStringLiteral("bundled")));
        QVERIFY(loaded.wait(120'000));
        QCOMPARE(bench.browser()->currentLayer(), layer);
        QCOMPARE(bench.browser()->currentUnit(), 7);
        QVERIFY2(indexed.wait(600'000), "the sample folder was not generated and indexed");
        const QString indexDir = indexed.first().at(1).toString();
        QVERIFY(bench.browser()->goTo(layer + QStringLiteral(":0")));
        for (QSpinBox* box : bench.featureVis()->findChildren<QSpinBox*>())
            if (box->maximum() == 100'000) box->setValue(48);  // steps: enough to show a picture quickly

        auto* units = bench.browser()->findChild<QListView*>(QStringLiteral("unitList"));
        units->setFocus();
        const auto reader = IndexReader::open(indexDir.toStdString());
        for (int unit = 1; unit <= 3; ++unit) {
            QSignalSpy examples(bench.examples(), &ExamplesDock::examplesShown), words(bench.words(), &RenderedWordsDock::wordsShown),
                response(bench.response(), &UnitResponseDock::responseShown), fv(bench.featureVis(), &FeatureVisDock::snapshotShown);
            QTest::keyClick(units, Qt::Key_J);
            QCOMPARE(bench.browser()->currentUnit(), unit);
            QTRY_VERIFY_WITH_TIMEOUT(!examples.isEmpty() && !words.isEmpty() && !response.isEmpty(), 600'000);
            QTRY_VERIFY_WITH_TIMEOUT(!fv.isEmpty() && fv.last().at(2).toBool(), 120'000);
            // Each panel shows this unit.
            const auto top = reader->top(layer.toStdString(), unit, 1);
            QCOMPARE(bench.examples()->shownExamples().front().path,
                     QDir(indexed.first().at(0).toString()).filePath(QString::fromStdString(top.front().path)));
            QVERIFY(bench.words()->findChild<QLabel*>(QStringLiteral("status"))->text().startsWith(QStringLiteral("Unit %1 ").arg(unit)));
            QVERIFY(!bench.words()->shownWords().isEmpty());
            QVERIFY(!bench.response()->shownConcepts().empty());
            QVERIFY(bench.response()->findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral(":%1 ").arg(unit)));
            QCOMPARE(bench.featureVis()->objective(), layer + QStringLiteral(":%1").arg(unit));
        }
        if (const QString keep = qEnvironmentVariable("MULTISCOPE_KEEP_GRABS"); !keep.isEmpty())
            bench.window()->grab().save(keep + QStringLiteral("/explorer-bundled.png"));
    }
};

QTEST_MAIN(TestExplorerBundled)
#include "tst_explorer_bundled.moc"
