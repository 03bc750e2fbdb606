#pragma once
// The unit of work the compute worker runs. A concrete job holds its request as a value
// struct (model id, layer, unit, seed, …) and does its work in slices: step() performs one
// short slice (aim for ≤ 100 ms) and says whether more remains, so that an interactive
// request can run between two slices of a long job.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <QMetaType>

namespace ms {

class Feedback;

using JobId = std::uint64_t;

enum class JobStatus { Queued, Running, Complete, Canceled, Failed };
enum class JobPriority { Background, Interactive };

const char* jobStatusName(JobStatus status);

// Base of every job result. Results are immutable once published and shared between
// threads as std::shared_ptr<const JobOutput>; receivers dynamic_cast to the type they expect.
class JobOutput {
public:
    virtual ~JobOutput();
};

class Job {
public:
    enum class Step { MoreWork, Done };

    virtual ~Job();

    // Shown in the status bar and the log ("Indexing ~/Pictures").
    virtual std::string description() const = 0;
    virtual JobPriority priority() const { return JobPriority::Background; }
    // Jobs that share a non-empty key supersede each other: submitting a new one cancels
    // the older ones (queued or running), and those never deliver a result.
    virtual std::string supersedeKey() const { return {}; }

    // One slice of work on the worker thread. Poll feedback.isCanceled() at safe points;
    // throw std::exception to fail the job with its message.
    virtual Step step(Feedback& feedback) = 0;

    // The final result, taken once after step() returned Done. May be null.
    virtual std::shared_ptr<const JobOutput> takeResult() { return nullptr; }
};

// A job made from a function that runs one slice per call, for small jobs and tests.
class FunctionJob : public Job {
public:
    using SliceFn = std::function<Step(Feedback&)>;
    using ResultFn = std::function<std::shared_ptr<const JobOutput>()>;

    FunctionJob(std::string description, SliceFn slice, ResultFn result = {},
                JobPriority priority = JobPriority::Background, std::string supersedeKey = {});

    std::string description() const override { return m_description; }
    JobPriority priority() const override { return m_priority; }
    std::string supersedeKey() const override { return m_supersedeKey; }
    Step step(Feedback& feedback) override { return m_slice(feedback); }
    std::shared_ptr<const JobOutput> takeResult() override { return m_result ? m_result() : nullptr; }

private:
    std::string m_description;
    SliceFn m_slice;
    ResultFn m_result;
    JobPriority m_priority;
    std::string m_supersedeKey;
};

}  // namespace ms

Q_DECLARE_METATYPE(ms::JobStatus)
Q_DECLARE_METATYPE(std::shared_ptr<const ms::JobOutput>)
