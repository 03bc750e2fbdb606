#include "jobs/Job.h"

namespace ms {

const char* jobStatusName(JobStatus status) {
    switch (status) {
    case JobStatus::Queued: return "queued";
    case JobStatus::Running: return "running";
    case JobStatus::Complete: return "complete";
    case JobStatus::Canceled: return "canceled";
    case JobStatus::Failed: return "failed";
    }
    return "unknown";
}

JobOutput::~JobOutput() = default;
Job::~Job() = default;

FunctionJob::FunctionJob(std::string description, SliceFn slice, ResultFn result,
                         JobPriority priority, std::string supersedeKey)
    : m_description(std::move(description)),
      m_slice(std::move(slice)),
      m_result(std::move(result)),
      m_priority(priority),
      m_supersedeKey(std::move(supersedeKey)) {}

}  // namespace ms
