#include "index/DecodePipeline.h"

#include <algorithm>

namespace ms {

DecodePipeline::DecodePipeline(std::vector<size_t> batchSizes, Work work, int threads, int lookahead)
    : mWork(std::move(work)), mLookahead(static_cast<size_t>(std::max(1, lookahead))) {
    mBatchBegin.push_back(0);
    for (size_t n : batchSizes) mBatchBegin.push_back(mBatchBegin.back() + n);
    const int count = std::max(1, threads);
    for (int i = 0; i < count; ++i) mThreads.emplace_back([this] { workerLoop(); });
}

DecodePipeline::~DecodePipeline() {
    stop();
    for (std::thread& t : mThreads) t.join();
}

void DecodePipeline::stop() {
    std::lock_guard<std::mutex> lock(mMutex);
    mStopping = true;
    mChanged.notify_all();
}

void DecodePipeline::workerLoop() {
    const size_t total = mBatchBegin.back();
    std::unique_lock<std::mutex> lock(mMutex);
    for (;;) {
        const auto batchOf = [&](size_t item) {
            return static_cast<size_t>(std::upper_bound(mBatchBegin.begin(), mBatchBegin.end(), item) - mBatchBegin.begin()) - 1;
        };
        mChanged.wait(lock, [&] {
            return mStopping || mNextItem >= total || batchOf(mNextItem) < mNextBatchOut + mLookahead;
        });
        if (mStopping || mNextItem >= total) return;
        const size_t item = mNextItem++;
        const size_t batch = batchOf(item);
        Batch& slot = mBatches[batch];
        if (slot.items.empty()) slot.items.resize(mBatchBegin[batch + 1] - mBatchBegin[batch]);
        lock.unlock();

        IngestResult result;
        try {
            result = mWork(item);
        } catch (const std::exception& e) {
            result.record.status = FileRecord::Status::Error;
            result.record.kind = IssueKind::Unreadable;
            result.record.reason = std::string("cannot process: ") + e.what();
        }

        lock.lock();
        Batch& done = mBatches[batch];  // std::map references stay valid while others insert
        done.items[item - mBatchBegin[batch]] = std::move(result);
        if (++done.done == done.items.size()) mChanged.notify_all();
    }
}

bool DecodePipeline::next(std::vector<IngestResult>& out) {
    std::unique_lock<std::mutex> lock(mMutex);
    const size_t batches = mBatchBegin.size() - 1;
    if (mStopping || mNextBatchOut >= batches) return false;
    const size_t batch = mNextBatchOut;
    const size_t size = mBatchBegin[batch + 1] - mBatchBegin[batch];
    mChanged.wait(lock, [&] {
        if (mStopping) return true;
        if (size == 0) return true;
        const auto it = mBatches.find(batch);
        return it != mBatches.end() && it->second.done == size;
    });
    if (mStopping) return false;
    out.clear();
    if (size > 0) {
        out = std::move(mBatches[batch].items);
        mBatches.erase(batch);
    }
    ++mNextBatchOut;
    mChanged.notify_all();  // workers may move on to a further batch
    return true;
}

}  // namespace ms
