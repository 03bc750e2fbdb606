#pragma once
// The writing side of an index folder: creates it or opens it (recovering what an interrupted
// run left behind), records runs and their work lists, and commits batches.
//
// Commit protocol (per batch): rows are appended to every layer's matrix files and synced;
// then one SQLite transaction records the images, errors, the batch and the new row count;
// then tails of sealed blocks are deleted. A crash (kill -9, power cut) before the
// transaction leaves garbage past the recorded row count, which open() truncates; after it,
// the batch is durable. A run therefore always resumes at a batch boundary.
//
// One writer per folder: an exclusive lock on DIR/index.lock. Readers (IndexReader) can query
// while a writer works and see the batches committed before they opened.

#include "index/IndexSchema.h"
#include "index/IndexTypes.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ms {

class MatrixWriter;
class SqliteDb;
class SqliteStatement;

// One entry of a run's work list (files in bytewise order of path, in fixed batches).
struct PlanEntry {
    std::string path;  // relative to the indexed folder, raw bytes
    uint64_t size = 0;
    int64_t mtimeNs = 0;
    int64_t batch = 0;  // the run's batch number (global: shards keep the unsharded numbers)
    std::optional<IndexIssue> problem;  // already known bad from the walk (broken symlink...)
};

// The outcome of one entry, as the index records it.
struct FileRecord {
    enum class Status { Image, Error, Ignored };
    Status status = Status::Error;
    std::string path;
    uint64_t size = 0;
    int64_t mtimeNs = 0;
    std::string hash;  // content hash (kContentHashAlgorithm), empty when unread
    int64_t width = 0;
    int64_t height = 0;
    std::string format;
    IssueKind kind = IssueKind::Corrupt;
    std::string reason;
};

// What a run records about itself.
struct RunRecord {
    std::string kind = "index";  // or "merge"
    std::string imagesRoot;
    std::string planHash;  // hash of the whole (unsharded) work list: shards of one job agree
    std::string modelSource;
    int decodeThreads = 0;
    int computeThreads = 0;
    ShardSpec shard;
    int64_t planBatches = 0;  // batches of the whole work list
};

// A run that was started and not finished: its work list and how far it got.
struct PendingRun {
    int64_t id = 0;
    RunRecord record;
    std::vector<PlanEntry> entries;  // this index's part of the work list, in order
    int64_t committedBatches = 0;    // batches of `entries` already committed (in order)
};

// What the index knows about a file, to decide whether it changed.
struct StoredFile {
    uint64_t size = 0;
    int64_t mtimeNs = 0;
    std::string hash;
};

// What a run produced, read back from the database (a resumed run included).
struct RunSummary {
    int64_t images = 0;
    int64_t ignored = 0;
    std::vector<IndexIssue> errors;  // in path order
};

// A file whose size or mtime changed but whose content did not.
struct TouchedFile {
    std::string path;
    uint64_t size = 0;
    int64_t mtimeNs = 0;
};

class IndexWriter {
public:
    // Whether DIR holds an index database with its identity recorded.
    static bool exists(const std::string& dir);
    // A new index (the folder is created; a half-created database is replaced). Throws
    // ms::Error when DIR already holds an index or cannot be written.
    static std::unique_ptr<IndexWriter> create(const std::string& dir, const IndexIdentity& identity);
    // An existing index, recovered to its last committed batch.
    static std::unique_ptr<IndexWriter> open(const std::string& dir);
    ~IndexWriter();

    const IndexIdentity& identity() const { return mIdentity; }
    const std::string& dir() const { return mDir; }
    int64_t rows() const { return mRows; }
    int64_t liveRows() const { return mLiveRows; }

    std::optional<PendingRun> pendingRun();
    int64_t completedRuns();
    std::unordered_map<std::string, StoredFile> storedFiles();

    // Records a new run and its work list; drops `removed` files and updates `touched` ones,
    // all in one transaction. Returns the run id.
    int64_t beginRun(const RunRecord& run, const std::vector<PlanEntry>& entries,
                     const std::vector<std::string>& removed, const std::vector<TouchedFile>& touched);
    // Commits one batch: `files` in plan order; layerRows[i] holds the rows (tail layout,
    // LayerMatrix.h) of layer i for the Image records, in order.
    void commitBatch(int64_t run, int64_t batch, const std::vector<FileRecord>& files,
                     const std::vector<std::vector<uint8_t>>& layerRows,
                     const std::function<void(IndexHook, int64_t)>& hook = {});
    void finishRun(int64_t run);
    RunSummary runSummary(int64_t run);

private:
    IndexWriter(std::string dir, int lockFd);
    void load();
    void recordFiles(const std::vector<FileRecord>& files);

    std::string mDir;
    int mLockFd = -1;
    std::unique_ptr<SqliteDb> mDb;
    IndexIdentity mIdentity;
    std::vector<std::unique_ptr<MatrixWriter>> mMatrices;
    int64_t mRows = 0;
    int64_t mLiveRows = 0;
};

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string utcTimestamp();

}  // namespace ms
