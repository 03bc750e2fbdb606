#pragma once
// The values the activation index's public API trades in: the options of an indexing run,
// its report, and query results. Free of LibTorch and SQLite so that the CLI and the GUI can
// include it anywhere.
//
// Paths are the images' paths relative to the indexed folder, as raw bytes (file names need
// not be valid UTF-8); jsonPath() (index/JsonPath.h) makes them printable.

#include "image/ImageOptions.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ms {

// Which per-image score of a unit a query ranks by.
enum class ScoreKind { Max, Mean };
const char* scoreKindName(ScoreKind kind);  // "max" / "mean"
// "max" or "mean"; throws ms::Error otherwise.
ScoreKind parseScoreKind(const std::string& text);

// `--shard I/N`: this run takes every N-th batch, starting with batch I − 1 (I counts from 1).
struct ShardSpec {
    int index = 1;
    int count = 1;
    bool active() const { return count > 1; }
    bool operator==(const ShardSpec& o) const { return index == o.index && count == o.count; }
};
// "I/N" with 1 ≤ I ≤ N; throws ms::Error naming the text otherwise.
ShardSpec parseShardSpec(const std::string& text);
std::string shardSpecText(const ShardSpec& spec);  // "I/N", or "" when not sharded

// Why a file is not in the index. The reason text says it for people; the kind for code.
enum class IssueKind {
    Empty,          // zero bytes
    Corrupt,        // truncated or malformed data
    NotImage,       // an image extension, other content
    Unsupported,    // an image, in a format Multiscope does not read (GIF, HEIF...)
    TooLarge,       // header dimensions above the pixel limit (a decompression bomb)
    Unreadable,     // cannot be opened or read (permissions, I/O errors)
    BrokenSymlink,  // a symbolic link to nothing
    SymlinkLoop,    // a symbolic link that resolves to itself or to a folder above it
    NotRegular,     // a FIFO, socket or device with an image extension
};
const char* issueKindName(IssueKind kind);  // "empty", "corrupt", "not-image"...

// A bad file and why it was refused.
struct IndexIssue {
    std::string path;
    IssueKind kind = IssueKind::Corrupt;
    std::string reason;  // e.g. "truncated JPEG data (no end-of-image marker)"
};

// Where a test may interrupt a run (IndexOptions::hook) to check crash safety.
enum class IndexHook {
    BatchDecoded,     // a batch's images are decoded, before the forward pass
    MatricesWritten,  // its activations are in the matrix files and synced; not yet committed
    BatchCommitted,   // the database transaction recording the batch is committed
};

constexpr int kDefaultIndexBatchSize = 32;
// Rows per unit-major block of the matrix files (see LayerMatrix.h).
constexpr int kDefaultIndexBlockRows = 8192;

// Everything an indexing run needs besides the model (the ActivationSource) and feedback.
struct IndexOptions {
    std::string model;      // where the model came from, recorded for people
    std::string imagesDir;  // the folder to index (walked recursively)
    std::string indexDir;   // the index folder (created when missing)
    // Capture points (names or aliases). Empty: the existing index's layers, or for a new
    // index the model's default studied layer.
    std::vector<std::string> layers;
    int batchSize = 0;  // 0: the existing index's, else kDefaultIndexBatchSize
    int threads = 0;    // decoding threads; 0: one per core
    ShardSpec shard;    // a fresh index folder per shard; merge them with mergeIndexes()
    uint64_t maxPixels = kDefaultMaxImagePixels;  // larger headers are refused before decoding
    int blockRows = 0;  // 0: the existing index's, else kDefaultIndexBlockRows (tests: small)
    // Called after each committed batch; returning true stops the run there, as a cancel
    // does (the next call resumes). The worker job uses it to run the index in slices.
    std::function<bool()> stopAfterBatch;
    // Tests only: called at each IndexHook point with the run's batch number (e.g. to raise
    // SIGKILL there). Empty in production.
    std::function<void(IndexHook point, int64_t batch)> hook;
};

// What a run did. Counts are of this call (a resumed run counts its earlier part too).
struct IndexReport {
    int64_t filesFound = 0;     // entries the walk found (0 when a pending run was resumed)
    int64_t planned = 0;        // entries this call's run(s) had to process
    int64_t indexed = 0;        // images whose activations were stored
    int64_t unchanged = 0;      // skipped: same size and mtime (or same content)
    int64_t changed = 0;        // processed again because their content changed
    int64_t removed = 0;        // dropped because the file is gone
    int64_t ignored = 0;        // not images, without an image extension
    int64_t batches = 0;        // batches committed by this call
    bool resumed = false;       // an interrupted run was continued
    bool canceled = false;      // stopped by Feedback::cancel(); run again to resume
    bool alreadyComplete = false;  // a finished shard: nothing to do
    double seconds = 0.0;
    double imagesPerSecond = 0.0;  // indexed / seconds of the processing phase
    int64_t totalImages = 0;    // images in the index afterwards
    std::vector<IndexIssue> errors;  // bad files met by this call's run(s)
};

// One capture point stored in an index.
struct IndexLayerInfo {
    std::string name;  // canonical capture-point name, e.g. "visual.layer4.2.add"
    int64_t units = 0;
    int64_t gridHeight = 1;  // the activation grid argmax positions refer to
    int64_t gridWidth = 1;
    int argmaxBytes = 1;  // 1 when the grid has at most 256 cells, else 2
};

// What an index records about itself.
struct IndexInfo {
    std::string dir;
    std::string modelHash;    // the model's content hash: its identity
    std::string modelSource;  // where the model was loaded from
    std::string preprocessing;  // a description of the preprocessing (resolution, constants)
    std::string appVersion;   // Multiscope version that created the index
    std::string imagesRoot;   // the folder last indexed
    int batchSize = 0;
    int blockRows = 0;
    uint64_t maxPixels = 0;
    ShardSpec shard;
    std::vector<IndexLayerInfo> layers;
    int64_t images = 0;  // images that can be queried
    int64_t errors = 0;  // bad files recorded
    bool complete = false;  // no run is pending
};

// One image in a top-k / bottom-k answer.
struct TopHit {
    std::string path;  // relative to the indexed folder (raw bytes)
    float score = 0.f;
    int x = 0;  // argmax position in the activation grid (column, row)
    int y = 0;
    int64_t row = -1;  // the image's row in the index
};

// The distribution of one unit's scores over the index: `counts.size()` equal-width bins
// from `min` to `max` (the last bin includes `max`).
struct UnitHistogram {
    double min = 0.0;
    double max = 0.0;
    std::vector<uint64_t> counts;
    uint64_t total = 0;
};

// All units of one layer for one image.
struct ImageVector {
    std::string path;
    std::vector<float> max;
    std::vector<float> mean;
    std::vector<int32_t> argmax;  // flat grid position y·gridWidth + x
    int64_t gridWidth = 1;
};

}  // namespace ms
