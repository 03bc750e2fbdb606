#pragma once
// Combines the shard indexes of one sharded job (`multiscope-cli index --shard I/N` on each
// machine) into one index that is identical to a single-machine run: the same images with the
// same rows, the same errors, byte-identical matrix files. The merged index is an ordinary
// index (re-runs update it incrementally). An interrupted merge resumes when called again.

#include <cstdint>
#include <string>
#include <vector>

namespace ms {

class Feedback;

struct MergeReport {
    int shards = 0;
    int64_t batches = 0;   // batches copied by this call
    int64_t images = 0;    // images in the merged index
    int64_t errors = 0;    // bad files recorded
    bool resumed = false;  // an interrupted merge was continued
    bool canceled = false;  // stopped by Feedback::cancel(); call again to resume
};

// Throws ms::Error naming the shard and the problem when the shards do not form one complete
// job: a missing or duplicate shard, another model or settings, another work list (the
// folder changed between shards), a shard whose run is unfinished; or when `outDir` already
// holds an index other than this merge.
MergeReport mergeIndexes(const std::string& outDir, const std::vector<std::string>& shardDirs,
                         Feedback* feedback = nullptr);

}  // namespace ms
