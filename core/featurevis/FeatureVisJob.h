#pragma once
// A feature visualization as a compute-worker job (core/jobs): the GUI panel submits one and
// receives live snapshots (jobPartialResult) and the finished picture (jobFinished), both as
// FeatureVisOutput. One optimisation step per slice, so the worker can interleave other
// interactive work and cancel between steps. With a cache, a stored result is delivered at
// once and a new one is stored on completion. Torch-free header.

#include "featurevis/FeatureVisCache.h"
#include "featurevis/FeatureVisRequest.h"
#include "jobs/Job.h"
#include "model/ClipModel.h"

#include <QImage>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ms {

class FeatureVisSession;
class ModelBundle;
struct FeatureVisContext;

// The context for a loaded model: its text encoder (text("...") objectives), which keeps the
// bundle alive.
std::shared_ptr<const FeatureVisContext> featureVisContextFor(std::shared_ptr<const ModelBundle> bundle);

// A snapshot or the final result of a FeatureVisJob.
class FeatureVisOutput : public JobOutput {
public:
    FeatureVisRequest request;   // resolved (size and modelHash filled in)
    std::string description;     // the objective as the session reads it
    std::vector<QImage> images;  // one RGB888 picture per batch image
    double loss = 0.0;
    int step = 0;
    int steps = 0;
    bool final = false;
    bool fromCache = false;
};

class FeatureVisJob : public Job {
public:
    // Jobs share this supersede key: a newly selected unit replaces the running visualization.
    static constexpr const char* kSupersedeKey = "featurevis";

    // The session is built on the worker thread in the first slice (a bad objective fails the
    // job with its message). `context` may be null (no text encoder); `cache` may be null.
    FeatureVisJob(ClipModel model, FeatureVisRequest request, std::shared_ptr<const FeatureVisContext> context = {},
                  std::shared_ptr<FeatureVisCache> cache = {}, std::int64_t snapshotIntervalMs = 500);
    ~FeatureVisJob() override;

    // Prefetch (the unit the user will likely look at next): runs in the background under its
    // own supersede key and publishes no snapshots; its result only fills the cache.
    void setPrefetch() { mPrefetch = true; }

    std::string description() const override;
    JobPriority priority() const override { return mPrefetch ? JobPriority::Background : JobPriority::Interactive; }
    std::string supersedeKey() const override { return mPrefetch ? "featurevis-prefetch" : kSupersedeKey; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return mResult; }

private:
    std::shared_ptr<FeatureVisOutput> output(bool final) const;

    ClipModel mModel;
    FeatureVisRequest mRequest;
    std::shared_ptr<const FeatureVisContext> mContext;
    std::shared_ptr<FeatureVisCache> mCache;
    std::int64_t mSnapshotIntervalMs;
    std::int64_t mLastSnapshot = 0;
    bool mPrefetch = false;
    std::unique_ptr<FeatureVisSession> mSession;
    std::shared_ptr<const JobOutput> mResult;
};

}  // namespace ms
