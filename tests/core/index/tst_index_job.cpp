// Indexing as a sliced worker job: stopped after each committed batch and resumed by the next
// slice, it builds exactly the index one uninterrupted run builds (fingerprints equal); on the
// compute worker an interactive request runs between two slices; cancel stops it, and a new
// job resumes to the same index.

#include "FakeActivationSource.h"
#include "IndexTestSupport.h"

#include "index/IndexJob.h"
#include "index/IndexRun.h"
#include "jobs/ComputeWorker.h"
#include "jobs/Feedback.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

IndexOptions optionsFor(const QTemporaryDir& dir, const char* index) {
    IndexOptions o;
    o.imagesDir = dir.filePath(QStringLiteral("images")).toStdString();
    o.indexDir = dir.filePath(QLatin1String(index)).toStdString();
    o.batchSize = 4;
    o.threads = 1;
    o.blockRows = 8;
    return o;
}

}  // namespace

class TestIndexJob : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { test::makeImageFolder(m_dir.filePath(QStringLiteral("images")).toStdString(), 30, 4); }

    void slicesBuildTheSameIndexAsOneRun() {
        auto source = std::make_shared<test::FakeActivationSource>();
        Feedback whole;
        runIndexing(optionsFor(m_dir, "whole"), *source, whole);

        IndexJob job(optionsFor(m_dir, "sliced"), source, /*sliceMs=*/0);  // stop after every batch
        Feedback feedback;
        int slices = 1;
        while (job.step(feedback) == Job::Step::MoreWork) ++slices;
        QVERIFY2(slices >= 8, qPrintable(QString::number(slices)));  // 30 images, batches of 4
        const auto* out = dynamic_cast<const IndexOutput*>(job.takeResult().get());
        QVERIFY(out);
        QCOMPARE(out->report.totalImages, qint64(30));
        QCOMPARE(test::indexFingerprint(optionsFor(m_dir, "sliced").indexDir), test::indexFingerprint(optionsFor(m_dir, "whole").indexDir));
    }

    void interactiveRequestsRunBetweenSlicesAndCancelResumes() {
        ComputeWorker worker;
        auto source = std::make_shared<test::FakeActivationSource>();
        QSignalSpy finished(&worker, &ComputeWorker::jobFinished);
        const JobId index = worker.submit(std::make_unique<IndexJob>(optionsFor(m_dir, "worker"), source, 0));
        const JobId quick = worker.submit(std::make_unique<FunctionJob>(
            "quick", [](Feedback&) { return Job::Step::Done; }, [] { return std::make_shared<JobOutput>(); },
            JobPriority::Interactive));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 60'000);
        QCOMPARE(finished.at(0).at(0).value<JobId>(), quick);  // served before the index finished
        QCOMPARE(finished.at(1).at(0).value<JobId>(), index);

        // Cancel a run after its first slices; a new job resumes to the same index.
        QSignalSpy progress(&worker, &ComputeWorker::jobProgress);
        const JobId first = worker.submit(std::make_unique<IndexJob>(optionsFor(m_dir, "canceled"), source, 0));
        QVERIFY(progress.wait(30'000));
        worker.cancel(first);
        QSignalSpy done(&worker, &ComputeWorker::jobFinished);
        worker.submit(std::make_unique<IndexJob>(optionsFor(m_dir, "canceled"), source, 0));
        QVERIFY(done.wait(60'000));
        QCOMPARE(test::indexFingerprint(optionsFor(m_dir, "canceled").indexDir), test::indexFingerprint(optionsFor(m_dir, "worker").indexDir));
    }
};

QTEST_GUILESS_MAIN(TestIndexJob)
#include "tst_index_job.moc"
