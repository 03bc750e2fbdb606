#pragma once
// The bounded producer/consumer stage of indexing: worker threads decode and preprocess the
// files of upcoming batches while the calling thread runs the model on the current one, so
// decoding hides behind compute. Workers never run more than `lookahead` batches ahead of the
// consumer (memory stays bounded); batches are handed out complete and in order.

#include "index/ImageIngest.h"

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace ms {

class DecodePipeline {
public:
    using Work = std::function<IngestResult(size_t item)>;

    // batchSizes[g]: items of batch g; items are numbered consecutively across batches.
    // `work` must not throw (ingestFile does not); if it does, the item becomes an error.
    DecodePipeline(std::vector<size_t> batchSizes, Work work, int threads, int lookahead = 2);
    ~DecodePipeline();  // stops the workers and joins them
    DecodePipeline(const DecodePipeline&) = delete;
    DecodePipeline& operator=(const DecodePipeline&) = delete;

    // Blocks until the next batch is complete and moves it into `out`; false after the last
    // batch or once stopped.
    bool next(std::vector<IngestResult>& out);
    // Workers finish the file they hold and exit; next() returns false.
    void stop();

private:
    struct Batch {
        std::vector<IngestResult> items;
        size_t done = 0;
    };
    void workerLoop();

    std::vector<size_t> mBatchBegin;  // first item of each batch, plus the total at the end
    Work mWork;
    size_t mLookahead;
    std::mutex mMutex;
    std::condition_variable mChanged;
    size_t mNextItem = 0;
    size_t mNextBatchOut = 0;
    std::map<size_t, Batch> mBatches;  // in flight
    bool mStopping = false;
    std::vector<std::thread> mThreads;
};

}  // namespace ms
