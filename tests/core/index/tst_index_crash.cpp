// Crash safety of indexing with real kills: a helper process (index_crash_child) is killed
// with SIGKILL at chosen points — before the forward pass, between the matrix write and the
// database commit, right after a commit, on the last batch — and at moments the test picks
// from the child's progress; running the same command again must finish an index identical
// to an uninterrupted run.

#include "IndexTestSupport.h"

#include "index/IndexReader.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

#include <random>

namespace {

constexpr int kBatch = 3;

struct ChildResult {
    bool killed = false;
    int exitCode = -1;
    QString output;
};

ChildResult runChild(const QString& images, const QString& index, const QStringList& extra) {
    QProcess p;
    p.setProgram(INDEX_CRASH_CHILD);
    p.setArguments(QStringList{images, index, QString::number(kBatch)} + extra);
    p.start();
    p.waitForFinished(120000);
    ChildResult r;
    r.killed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return r;
}

// Starts the child and kills it once it has printed `commits` commit lines (or at once).
ChildResult killAfterCommits(const QString& images, const QString& index, int commits) {
    QProcess p;
    p.setProgram(INDEX_CRASH_CHILD);
    p.setArguments({images, index, QString::number(kBatch), "--sleep", "20"});
    p.start();
    p.waitForStarted();
    int seen = 0;
    QByteArray out;
    while (seen < commits && p.state() == QProcess::Running) {
        p.waitForReadyRead(1000);
        out += p.readAllStandardOutput();
        seen = static_cast<int>(out.count("committed"));
    }
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    p.waitForFinished(60000);
    ChildResult r;
    r.killed = p.exitStatus() == QProcess::CrashExit;
    r.output = QString::fromUtf8(out);
    return r;
}

}  // namespace

class TestIndexCrash : public QObject {
    Q_OBJECT
    QTemporaryDir mTmp;
    QString mImages;
    std::string mReference;

private Q_SLOTS:
    void initTestCase() {
        mImages = mTmp.filePath("images");
        ms::test::makeImageFolder(mImages.toStdString(), 40);
        ms::test::writeText(mImages.toStdString() + "/dir2/broken.png", "not a png");
        const QString reference = mTmp.filePath("reference");
        const ChildResult r = runChild(mImages, reference, {});
        QVERIFY2(!r.killed && r.exitCode == 0, qPrintable(r.output));
        QVERIFY(r.output.contains("done 40 images"));
        mReference = ms::test::indexFingerprint(reference.toStdString());
    }

    void killedAtAPointThenResumed_data() {
        QTest::addColumn<QStringList>("kills");
        // 41 files in batches of 3: batches 0..13; blocks of 8 rows seal during batches 2, 5, 8...
        QTest::newRow("before the first forward pass") << QStringList{"decoded:0"};
        QTest::newRow("matrices written, not committed") << QStringList{"written:2"};
        QTest::newRow("just after a commit") << QStringList{"committed:2"};
        QTest::newRow("sealing a block, not committed") << QStringList{"written:5"};
        QTest::newRow("last batch, not committed") << QStringList{"written:13"};
        QTest::newRow("last batch committed, run not closed") << QStringList{"committed:13"};
        QTest::newRow("killed three times") << QStringList{"written:1", "decoded:6", "written:10"};
    }
    void killedAtAPointThenResumed() {
        QFETCH(QStringList, kills);
        QTemporaryDir tmp;
        const QString index = tmp.filePath("index");
        for (const QString& kill : kills) {
            const ChildResult r = runChild(mImages, index, {"--kill", kill});
            QVERIFY2(r.killed, qPrintable("not killed at " + kill + ": " + r.output));
        }
        const ChildResult done = runChild(mImages, index, {});
        QVERIFY2(!done.killed && done.exitCode == 0, qPrintable(done.output));
        QVERIFY(ms::IndexReader::open(index.toStdString())->info().complete);
        QCOMPARE(QString::fromStdString(ms::test::indexFingerprint(index.toStdString())), QString::fromStdString(mReference));
    }

    void killedAtMomentsOfTheTestsChoosing() {
        QTemporaryDir tmp;
        const QString index = tmp.filePath("index");
        std::mt19937 rng(2024);
        for (int round = 0; round < 4; ++round) {
            const ChildResult r = killAfterCommits(mImages, index, static_cast<int>(rng() % 3));
            QVERIFY2(r.killed, qPrintable(r.output));
        }
        const ChildResult done = runChild(mImages, index, {});
        QVERIFY2(!done.killed && done.exitCode == 0, qPrintable(done.output));
        QCOMPARE(QString::fromStdString(ms::test::indexFingerprint(index.toStdString())), QString::fromStdString(mReference));
    }
};

QTEST_GUILESS_MAIN(TestIndexCrash)
#include "tst_index_crash.moc"
