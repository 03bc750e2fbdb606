#include "featurevis/FeatureVisJob.h"

#include "analysis/ModelText.h"
#include "featurevis/FeatureVisSession.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"

#include <cstdio>

namespace ms {

std::shared_ptr<const FeatureVisContext> featureVisContextFor(std::shared_ptr<const ModelBundle> bundle) {
    auto context = std::make_shared<FeatureVisContext>();
    context->textEncoder = [bundle, tokenize = tokenizeFnFor(*bundle)](const std::string& text) {
        return bundle->model().network().encodeText(tokenize({text}))[0];
    };
    return context;
}

FeatureVisJob::FeatureVisJob(ClipModel model, FeatureVisRequest request, std::shared_ptr<const FeatureVisContext> context,
                             std::shared_ptr<FeatureVisCache> cache, std::int64_t snapshotIntervalMs)
    : mModel(std::move(model)),
      mRequest(std::move(request)),
      mContext(std::move(context)),
      mCache(std::move(cache)),
      mSnapshotIntervalMs(snapshotIntervalMs) {}

FeatureVisJob::~FeatureVisJob() = default;

std::string FeatureVisJob::description() const {
    return (mPrefetch ? "Preparing the feature visualization of " : "Feature visualization of ") + mRequest.objective;
}

std::shared_ptr<FeatureVisOutput> FeatureVisJob::output(bool final) const {
    auto out = std::make_shared<FeatureVisOutput>();
    out->request = mSession->request();
    out->description = mSession->objective().description();
    out->images = mSession->images();
    out->loss = mSession->loss();
    out->step = mSession->stepsDone();
    out->steps = mSession->totalSteps();
    out->final = final;
    return out;
}

Job::Step FeatureVisJob::step(Feedback& feedback) {
    if (!mSession) {
        const FeatureVisRequest resolved = mRequest.resolvedFor(mModel.descriptor());
        if (mCache) {
            if (std::optional<FeatureVisResult> hit = mCache->find(resolved)) {
                auto out = std::make_shared<FeatureVisOutput>();
                out->request = resolved;
                out->description = resolved.objective;
                out->images = std::move(hit->images);
                out->loss = hit->loss;
                out->step = out->steps = resolved.steps;
                out->final = out->fromCache = true;
                mResult = out;
                feedback.setProgress(1.0, "from the cache");
                return Step::Done;
            }
        }
        mSession = std::make_unique<FeatureVisSession>(mModel, resolved, mContext ? *mContext : FeatureVisContext{});
        mLastSnapshot = steadyMilliseconds();
    }
    mSession->step();
    char message[96];
    std::snprintf(message, sizeof message, "step %d / %d, loss %.4g", mSession->stepsDone(), mSession->totalSteps(),
                  mSession->loss());
    feedback.setProgress(double(mSession->stepsDone()) / mSession->totalSteps(), message);
    if (!mSession->finished()) {
        const std::int64_t now = steadyMilliseconds();
        if (!mPrefetch && now - mLastSnapshot >= mSnapshotIntervalMs) {
            mLastSnapshot = now;
            feedback.publishPartial(output(false));
        }
        return Step::MoreWork;
    }
    auto result = output(true);
    if (mCache) mCache->store(FeatureVisResult{result->request, result->images, result->loss});
    mResult = result;
    return Step::Done;
}

}  // namespace ms
