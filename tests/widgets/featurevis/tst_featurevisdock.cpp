// The feature-visualization panel, offscreen, on the rn_tiny reference model: a model load
// through the session, a live snapshot before the result (QSignalSpy), the cache path that
// shows a stored result with no job, cancel by click, and a bad objective's message.

#include "TinyModelSession.h"

#include "featurevis/FeatureVisDock.h"
#include "util/CpuFeatures.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

class TestFeatureVisDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_cacheHome;
    test::TinyModelSession m_tiny;
    ComputeWorker* m_worker = nullptr;
    ModelSession* m_session = nullptr;

    static QSpinBox* steps(FeatureVisDock& dock) {
        for (QSpinBox* box : dock.findChildren<QSpinBox*>())
            if (box->maximum() == 100'000) return box;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        qputenv("XDG_CACHE_HOME", m_cacheHome.path().toUtf8());  // the test's cache, not the user's
        QSettings().remove(QStringLiteral("featureVisualization"));  // this test program's settings: start from the defaults
        QVERIFY(m_tiny.load());
        m_worker = m_tiny.worker.get();
        m_session = m_tiny.session.get();
    }

    void liveSnapshotThenResultThenCache() {
        FeatureVisDock dock(m_session);
        dock.show();
        QVERIFY(!dock.findChild<QLineEdit*>(QStringLiteral("objective"))->text().isEmpty());  // the model's layer, unit 0
        steps(dock)->setValue(300);
        QSignalSpy shown(&dock, &FeatureVisDock::snapshotShown);
        dock.setObjective(QStringLiteral("visual.layer4:3"));
        QVERIFY(dock.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(2).toBool(), 120'000);
        QVERIFY2(!shown.first().at(2).toBool(), "the first picture is a live snapshot");
        QVERIFY(shown.first().at(0).toInt() < 300);
        QCOMPARE(shown.last().at(0).toInt(), 300);
        QVERIFY(!dock.isRunning());
        QCOMPARE(dock.images().size(), size_t(1));
        const QImage first = dock.images().front();
        if (const QString grabs = qEnvironmentVariable("MULTISCOPE_TEST_GRABS"); !grabs.isEmpty())
            QVERIFY(dock.grab().save(grabs + QStringLiteral("/featurevis-dock.png")));

        // Revisiting: the stored picture appears at once, with no job.
        QSignalSpy jobs(m_worker, &ComputeWorker::jobStatusChanged);
        shown.clear();
        dock.setObjective(QStringLiteral("visual.layer4:3"));
        QCOMPARE(shown.size(), 1);
        QVERIFY(shown.first().at(3).toBool());  // fromCache
        QVERIFY(!dock.isRunning());
        QCOMPARE(dock.images().front(), first);
        QCoreApplication::processEvents();
        QCOMPARE(jobs.size(), 0);

        // The other precision is another request: not the picture from the cache, but a new run.
        // (bf16 starts ticked where the CPU has native bf16.)
        auto* bf16 = dock.findChild<QCheckBox*>();
        QVERIFY(bf16);
        QCOMPARE(bf16->isChecked(), cpuHasNativeBf16());
        QTest::mouseClick(bf16, Qt::LeftButton);
        QCOMPARE(bf16->isChecked(), !cpuHasNativeBf16());
        shown.clear();
        dock.setObjective(QStringLiteral("visual.layer4:3"));
        QVERIFY(dock.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(2).toBool(), 120'000);
        QVERIFY(!shown.last().at(3).toBool());
        QVERIFY(dock.images().front() != first);
    }

    void theNextUnitIsPreparedInTheBackground() {
        FeatureVisDock dock(m_session);
        dock.setPrefetchNext(true);
        steps(dock)->setValue(60);
        QSignalSpy shown(&dock, &FeatureVisDock::snapshotShown);
        dock.setObjective(QStringLiteral("visual.layer3:10"));
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(2).toBool(), 120'000);
        QVERIFY(dock.isPrefetching());  // visual.layer3:11, no snapshots shown
        const int snapshots = shown.size();
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isPrefetching(), 120'000);
        QCOMPARE(shown.size(), snapshots);
        shown.clear();
        dock.setObjective(QStringLiteral("visual.layer3:11"));  // j: at once, from the cache
        QCOMPARE(shown.size(), 1);
        QVERIFY(shown.first().at(3).toBool());
        QVERIFY(!dock.isRunning());
    }

    void cancelByClick() {
        FeatureVisDock dock(m_session);
        dock.show();
        steps(dock)->setValue(50'000);
        QSignalSpy shown(&dock, &FeatureVisDock::snapshotShown);
        dock.setObjective(QStringLiteral("visual.layer4:5"));
        QVERIFY(shown.wait(60'000));  // running: a snapshot arrived
        QTest::mouseClick(dock.findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isRunning(), 30'000);
        QCOMPARE(dock.findChild<QLabel*>(QStringLiteral("status"))->text(), QStringLiteral("Canceled"));
        QVERIFY(!shown.last().at(2).toBool());
    }

    void parametersAreKeptForTheNextSession() {
        bool bf16Chosen = false;
        {
            FeatureVisDock dock(m_session);
            steps(dock)->setValue(77);
            QCheckBox* bf16 = dock.findChild<QCheckBox*>();
            bf16Chosen = !bf16->isChecked();
            bf16->setChecked(bf16Chosen);
            dock.findChild<QComboBox*>()->setCurrentIndex(1);  // "distill"
        }
        FeatureVisDock again(m_session);
        QCOMPARE(steps(again)->value(), 77);
        QCOMPARE(again.findChild<QComboBox*>()->currentText(), QStringLiteral("distill"));
        QCOMPARE(again.findChild<QCheckBox*>()->isChecked(), bf16Chosen);
        steps(again)->setValue(512);
        again.findChild<QComboBox*>()->setCurrentIndex(0);
        QCOMPARE(steps(*std::make_unique<FeatureVisDock>(m_session))->value(), 512);
    }

    void badObjectiveSaysWhy() {
        FeatureVisDock dock(m_session);
        dock.setObjective(QStringLiteral("visual.nowhere:1"));
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isRunning(), 30'000);
        QVERIFY2(dock.findChild<QLabel*>(QStringLiteral("status"))->text().contains(QStringLiteral("visual.nowhere")),
                 qPrintable(dock.findChild<QLabel*>(QStringLiteral("status"))->text()));
    }
};

QTEST_MAIN(TestFeatureVisDock)
#include "tst_featurevisdock.moc"
