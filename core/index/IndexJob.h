#pragma once
// Indexing a folder as a compute-worker job, in slices: each slice runs the index for about
// a second and stops after a committed batch; the next slice resumes exactly there (the
// index is crash-safe and resumable, so stopping between batches costs nothing). Interactive
// requests (probe, feature visualization) are served between slices. Torch-free header.

#include "index/IndexTypes.h"
#include "jobs/Job.h"

#include <memory>

namespace ms {

class ActivationSource;

class IndexOutput : public JobOutput {
public:
    std::string indexDir;
    std::string imagesDir;
    IndexReport report;  // the last slice's (totalImages and errors are the index's)
};

class IndexJob : public Job {
public:
    IndexJob(IndexOptions options, std::shared_ptr<ActivationSource> source, std::int64_t sliceMs = 1000);
    ~IndexJob() override;
    std::string description() const override { return "Indexing " + m_options.imagesDir; }
    std::string supersedeKey() const override { return "index:" + m_options.indexDir; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    IndexOptions m_options;
    std::shared_ptr<ActivationSource> m_source;
    std::int64_t m_sliceMs;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
