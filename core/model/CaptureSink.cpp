#include "model/CaptureSink.h"

#include <ATen/ATen.h>

#include <limits>

namespace ms::detail {

CaptureSink::CaptureSink(std::vector<std::pair<const CapturePointInfo*, PointCapture>> requested,
                         bool needOutput)
    : mNeedOutput(needOutput) {
    for (auto& [info, what] : requested) mSlots.push_back(Slot{info, what});
    mRemaining = mSlots.size();
}

bool CaptureSink::wants(const std::string& name) const {
    for (const Slot& s : mSlots)
        if (!s.done && s.info->name == name) return true;
    return false;
}

bool CaptureSink::record(const std::string& name, const at::Tensor& value) {
    if (const auto a = mAblations.find(name); a != mAblations.end()) {
        // The unit axis: channels of [N, C, H, W], features of [N, L, D] and [N, D].
        const int64_t axis = value.dim() == 3 ? 2 : 1;
        for (size_t i = 0; i < a->second.units.size(); ++i)
            value.select(axis, a->second.units[i]).fill_(a->second.values.empty() ? 0.0f : a->second.values[i]);
    }
    if (mRemaining == 0) return !mNeedOutput;
    for (Slot& s : mSlots) {
        if (s.done || s.info->name != name) continue;
        capture(s, value);
        s.done = true;
        --mRemaining;
    }
    return mRemaining == 0 && !mNeedOutput;
}

void CaptureSink::capture(const Slot& slot, const at::Tensor& value) {
    CapturedTensor& out = mResult.points[slot.info->name];
    if (slot.what.full) out.full = value;
    switch (slot.info->layout) {
    case PointLayout::Conv: {
        const at::Tensor flat = value.flatten(2);
        if (slot.what.mean) out.mean = flat.mean(2);
        if (slot.what.max) std::tie(out.max, out.argmax) = flat.max(2);
        break;
    }
    case PointLayout::Tokens:
        reduceTokens(slot, value, out);
        break;
    case PointLayout::Vector:
        // A vector has a 1×1 grid: its reductions are the values themselves.
        if (slot.what.mean) out.mean = value;
        if (slot.what.max) {
            out.max = value;
            out.argmax = at::zeros(value.sizes(), value.options().dtype(at::kLong).requires_grad(false));
        }
        break;
    }
}

void CaptureSink::reduceTokens(const Slot& slot, const at::Tensor& value, CapturedTensor& out) const {
    if (slot.info->hasClassToken) {
        out.token = value.select(1, 0);
        const at::Tensor patches = value.slice(1, 1);  // the patch grid, row-major
        if (slot.what.mean) out.mean = patches.mean(1);
        if (slot.what.max) std::tie(out.max, out.argmax) = patches.max(1);
        return;
    }
    // Text: positions after the end-of-text token only see padding; reduce over 0..end.
    const int64_t n = value.size(0), length = value.size(1), d = value.size(2);
    const at::Tensor end = mTextEnd.to(at::kLong);
    out.token = value.gather(1, end.view({n, 1, 1}).expand({n, 1, d})).squeeze(1);
    if (!slot.what.mean && !slot.what.max) return;
    const at::Tensor positions = at::arange(length, end.options());
    const at::Tensor valid = (positions.unsqueeze(0) <= end.unsqueeze(1)).unsqueeze(2);  // [N, L, 1]
    if (slot.what.mean) {
        const at::Tensor count = (end + 1).to(value.scalar_type()).unsqueeze(1);
        out.mean = (value * valid.to(value.scalar_type())).sum(1) / count;
    }
    if (slot.what.max)
        std::tie(out.max, out.argmax) =
            value.masked_fill(valid.logical_not(), -std::numeric_limits<float>::infinity()).max(1);
}

}  // namespace ms::detail
