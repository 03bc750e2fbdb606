#pragma once
// The loop around a FeatureVisSession, for the compute worker and the CLI: steps until done,
// checks cancellation between steps, reports progress, and publishes snapshots of the image
// as it forms — at least every `snapshotIntervalMs` (after every step when a step takes
// longer) and once at the end.

#include "jobs/Feedback.h"

#include <ATen/core/Tensor.h>

#include <QImage>

#include <cstdint>
#include <functional>
#include <vector>

namespace ms {

class FeatureVisSession;

// The image at one moment of the optimisation.
struct FeatureVisSnapshot {
    int step = 0;    // steps done
    int steps = 0;   // steps requested
    double loss = 0.0;
    bool final = false;          // the finished image
    at::Tensor tensor;           // [N, 3, H, W] in [0, 1]
    std::vector<QImage> images;  // one RGB888 picture per batch image
};

using FeatureVisSnapshotFn = std::function<void(const FeatureVisSnapshot&)>;

struct FeatureVisRunOptions {
    std::int64_t snapshotIntervalMs = 500;  // "at least twice a second"
    Feedback::Clock clock;                  // monotonic ms; default steadyMilliseconds
};

// Decides when the next live snapshot is due (shared by runFeatureVis and the job).
class SnapshotThrottle {
public:
    explicit SnapshotThrottle(const FeatureVisRunOptions& options = {});
    // Call after each step: true when a snapshot should be published now.
    bool due();

private:
    std::int64_t mInterval;
    Feedback::Clock mClock;
    std::int64_t mLast;
};

// The session's current state as a snapshot.
FeatureVisSnapshot takeSnapshot(const FeatureVisSession& session, bool final);

enum class FeatureVisOutcome { Completed, Canceled };

// Runs the remaining steps. Progress goes to feedback.setProgress ("step 120 / 512"); a
// cancellation is noticed before the next step and returns Canceled without a final
// snapshot. Exceptions from the session propagate.
FeatureVisOutcome runFeatureVis(FeatureVisSession& session, Feedback& feedback, const FeatureVisSnapshotFn& onSnapshot,
                                const FeatureVisRunOptions& options = {});

}  // namespace ms
