#include "featurevis/FeatureVisRun.h"

#include "featurevis/FeatureVisSession.h"
#include "image/TensorImage.h"

#include <ATen/ATen.h>

#include <cstdio>

namespace ms {

SnapshotThrottle::SnapshotThrottle(const FeatureVisRunOptions& options)
    : mInterval(options.snapshotIntervalMs),
      mClock(options.clock ? options.clock : Feedback::Clock(steadyMilliseconds)),
      mLast(mClock()) {}

bool SnapshotThrottle::due() {
    const std::int64_t now = mClock();
    if (now - mLast < mInterval) return false;
    mLast = now;
    return true;
}

FeatureVisSnapshot takeSnapshot(const FeatureVisSession& session, bool final) {
    FeatureVisSnapshot s;
    s.step = session.stepsDone();
    s.steps = session.totalSteps();
    s.loss = session.loss();
    s.final = final;
    s.tensor = session.image();
    for (int64_t i = 0; i < s.tensor.size(0); ++i) s.images.push_back(tensorToQImage(s.tensor[i]));
    return s;
}

FeatureVisOutcome runFeatureVis(FeatureVisSession& session, Feedback& feedback, const FeatureVisSnapshotFn& onSnapshot,
                                const FeatureVisRunOptions& options) {
    SnapshotThrottle throttle(options);
    const int total = session.totalSteps();
    while (!session.finished()) {
        if (feedback.isCanceled()) return FeatureVisOutcome::Canceled;
        session.step();
        char message[96];
        std::snprintf(message, sizeof message, "step %d / %d, loss %.4g", session.stepsDone(), total, session.loss());
        feedback.setProgress(double(session.stepsDone()) / total, message);
        if (onSnapshot && !session.finished() && throttle.due()) onSnapshot(takeSnapshot(session, false));
    }
    if (onSnapshot) onSnapshot(takeSnapshot(session, true));
    return FeatureVisOutcome::Completed;
}

}  // namespace ms
