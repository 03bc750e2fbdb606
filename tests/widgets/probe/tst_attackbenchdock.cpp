// The attack bench dock, offscreen, on the rn_tiny reference model and a generated folder:
// a run by click fills the table and the chart, its CSV equals `multiscope-cli attack --csv`
// on the same folder and words (one core implementation), figures export as SVG and PNG,
// and cancel stops a run.

#include "TinyModelSession.h"

#include "probe/AttackBenchDock.h"
#include "world/WorldFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

class TestAttackBenchDock : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    test::TinyModelSession m_tiny;
    ModelSession* m_session = nullptr;
    QString m_model;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_tiny.load());
        m_session = m_tiny.session.get();
        m_model = test::tinyModelPath();
        writeWorldFolder(m_dir.filePath(QStringLiteral("images")), 24, 9, WorldOptions{64, 1.0}, 1);
    }

    void runMatchesTheCommandLine() {
        AttackBenchDock dock(m_session);
        dock.show();
        dock.setFolder(m_dir.filePath(QStringLiteral("images")));
        dock.setWords({QStringLiteral("spider"), QStringLiteral("cup")});
        QSignalSpy finished(&dock, &AttackBenchDock::finished);
        QTest::mouseClick(dock.findChild<QPushButton*>(QStringLiteral("runButton")), Qt::LeftButton);
        QVERIFY(dock.isRunning());
        QVERIFY(finished.wait(120'000));
        QCOMPARE(dock.findChild<QTableWidget*>(QStringLiteral("resultTable"))->rowCount(), 2);
        QCOMPARE(dock.report().images, 12);  // the pictures of 24 samples

        const QString gui = m_dir.filePath(QStringLiteral("gui.csv")), cli = m_dir.filePath(QStringLiteral("cli.csv"));
        QVERIFY(dock.exportCsv(gui));
        QProcess p;
        p.start(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("attack"), QStringLiteral("--model"), m_model, QStringLiteral("--images"),
                                                 m_dir.filePath(QStringLiteral("images")), QStringLiteral("--words"),
                                                 QStringLiteral("spider,cup"), QStringLiteral("--csv"), cli, QStringLiteral("--threads"),
                                                 QStringLiteral("1")});
        QVERIFY(p.waitForFinished(120'000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QFile a(gui), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), b.readAll());

        const QString svg = m_dir.filePath(QStringLiteral("bench.svg")), png = m_dir.filePath(QStringLiteral("bench.png")),
                      pdf = m_dir.filePath(QStringLiteral("bench.pdf"));
        QVERIFY(dock.exportFigure(svg));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("spider"));
        // Provenance beside the figure: the model, the folder and the bench's numbers.
        QFile sidecar(svg + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(sidecar.readAll()).object();
        QVERIFY(provenance.value(QStringLiteral("model")).toString().contains(QStringLiteral("rn_tiny")));
        QCOMPARE(provenance.value(QStringLiteral("folder")).toString(), m_dir.filePath(QStringLiteral("images")));
        QCOMPARE(provenance.value(QStringLiteral("bench")).toObject().value(QStringLiteral("images")).toInt(), 12);
        QVERIFY(dock.exportFigure(png));
        QCOMPARE(qRound(QImage(png).dotsPerMeterX() * 0.0254), 300);  // a publication PNG, not a screen grab
        QVERIFY(dock.exportFigure(pdf));
        QVERIFY(QFileInfo(pdf).size() > 1000);

        // A folder that does not exist: a clear error, no file.
        QString error;
        const QString nowhere = m_dir.filePath(QStringLiteral("no/such/folder/bench.csv"));
        QVERIFY(!dock.exportCsv(nowhere, &error));
        QVERIFY2(error.contains(nowhere), qPrintable(error));
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    void cancelStopsARun() {
        AttackBenchDock dock(m_session);
        dock.setFolder(m_dir.filePath(QStringLiteral("images")));
        QStringList many;
        for (int i = 0; i < 60; ++i) many << QStringLiteral("word%1").arg(i);
        dock.setWords(many);
        dock.run();
        QVERIFY(dock.isRunning());
        dock.findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dock.isRunning(), 60'000);
    }
};

QTEST_MAIN(TestAttackBenchDock)
#include "tst_attackbenchdock.moc"
