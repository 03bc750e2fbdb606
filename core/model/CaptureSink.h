#pragma once
// Internal: collects the requested capture points while a tower runs its forward pass, and
// tells the tower when it may stop early (everything captured, no embedding wanted).
// Protocol for the towers: call record() at each point with the tensor in the point's layout;
// when it returns true, return an undefined tensor at once, and so must every caller up the
// chain.

#include "model/CaptureRequest.h"
#include "model/CaptureResult.h"
#include "model/ModelDescriptor.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ms::detail {

class CaptureSink {
public:
    // A sink that captures nothing: the plain encode path.
    CaptureSink() = default;
    // `requested` are resolved points (pointers into the descriptor); `needOutput` whether
    // the tower's embedding is wanted.
    CaptureSink(std::vector<std::pair<const CapturePointInfo*, PointCapture>> requested, bool needOutput);

    // Text towers: the end-of-text position of each row ([N] int64), set before the blocks run;
    // text reductions use positions 0..end and the token is the row at `end`.
    void setTextEnd(const at::Tensor& endIndex) { mTextEnd = endIndex; }

    // Points (canonical names) whose units are switched off as the forward passes them.
    void setAblations(std::map<std::string, UnitAblation> ablations) { mAblations = std::move(ablations); }
    bool hasAblations() const { return !mAblations.empty(); }

    // Applies the point's ablation to `value` in place (the tower continues with it), then
    // records it when `name` is requested. Returns true when the forward should stop.
    bool record(const std::string& name, const at::Tensor& value);

    bool wants(const std::string& name) const;
    // Everything requested has been captured.
    bool complete() const { return mRemaining == 0; }
    CaptureResult take() { return std::move(mResult); }

private:
    struct Slot {
        const CapturePointInfo* info;
        PointCapture what;
        bool done = false;
    };
    void capture(const Slot& slot, const at::Tensor& value);
    void reduceTokens(const Slot& slot, const at::Tensor& value, CapturedTensor& out) const;

    std::vector<Slot> mSlots;
    size_t mRemaining = 0;
    bool mNeedOutput = true;
    at::Tensor mTextEnd;
    std::map<std::string, UnitAblation> mAblations;
    CaptureResult mResult;
};

}  // namespace ms::detail
