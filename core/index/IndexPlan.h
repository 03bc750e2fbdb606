#pragma once
// Turns a folder listing and what an index already holds into a run's work list: new files
// and files whose content changed (size or mtime differ, and the content hash confirms it),
// in bytewise path order, cut into fixed batches; shards keep every N-th batch. Files gone
// from the folder are dropped; files touched without a content change only get their size
// and mtime updated.

#include "index/FolderWalk.h"
#include "index/IndexWriter.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace ms {

struct RunPlan {
    std::vector<PlanEntry> entries;  // this shard's batches, in order
    int64_t totalEntries = 0;        // all shards together
    int64_t totalBatches = 0;
    std::string planHash;            // identifies the whole work list (shards of one job agree)
    std::vector<std::string> removed;
    std::vector<TouchedFile> touched;
    int64_t unchanged = 0;
    int64_t changed = 0;
};

// `root`: the images folder (to hash files whose size or mtime changed).
RunPlan planRun(const std::vector<WalkEntry>& listing, const std::unordered_map<std::string, StoredFile>& stored,
                const std::string& root, int batchSize, const ShardSpec& shard);

// Whether batch `batch` belongs to the shard (round robin: batch mod N = I − 1).
bool shardOwnsBatch(const ShardSpec& shard, int64_t batch);

}  // namespace ms
