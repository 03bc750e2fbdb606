#include "index/IndexJob.h"

#include "index/ActivationSource.h"
#include "index/IndexRun.h"
#include "jobs/Feedback.h"

namespace ms {

IndexJob::IndexJob(IndexOptions options, std::shared_ptr<ActivationSource> source, std::int64_t sliceMs)
    : m_options(std::move(options)), m_source(std::move(source)), m_sliceMs(sliceMs) {}

IndexJob::~IndexJob() = default;

Job::Step IndexJob::step(Feedback& feedback) {
    const std::int64_t start = steadyMilliseconds();
    Feedback run([&](double fraction, const std::string& message) { feedback.setProgress(fraction, message); });
    IndexOptions options = m_options;
    // After each committed batch: the job's cancel reaches the run, and past the time budget
    // the slice ends (the next one resumes there).
    options.stopAfterBatch = [&] {
        if (feedback.isCanceled()) run.cancel();
        return steadyMilliseconds() - start >= m_sliceMs;
    };
    const IndexReport report = runIndexing(options, *m_source, run);
    if (report.canceled && !feedback.isCanceled()) return Step::MoreWork;  // the next slice resumes
    auto out = std::make_shared<IndexOutput>();
    out->indexDir = m_options.indexDir;
    out->imagesDir = m_options.imagesDir;
    out->report = report;
    m_result = out;
    return Step::Done;
}

}  // namespace ms
