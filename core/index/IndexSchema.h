#pragma once
// The index database: its tables, and the identity an index records about itself (model,
// preprocessing, batch size, capture points...). Shared by the writer, the reader and merge.
//
// Folder layout:  DIR/index.sqlite  (WAL mode)   DIR/layer<ID>.blocks, .tail<b>  (LayerMatrix.h)
//                 DIR/index.lock    (held by the one process writing)
//
// Tables:
//   meta(key, value)          identity and counters (rows appended, rows live)
//   layers(id, name, units, grid_h, grid_w, argmax_bytes)
//   runs(id, kind, status, ...)          one per indexing run or merge; status running/complete
//   plan(run, seq, batch, path, size, mtime_ns, problem_kind, problem)  the run's work list
//   batches(run, batch, first_row, rows) committed batches and their rows
//   images(row, path, size, mtime_ns, hash, width, height, format)     queryable images
//   errors(path, size, mtime_ns, hash, kind, reason)                    bad files
//   ignored(path, size, mtime_ns, hash)                                 files that are not images
// Paths are BLOBs (raw bytes), so SQLite orders them bytewise.

#include "index/IndexTypes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ms {

class SqliteDb;

constexpr const char* kIndexDatabaseName = "index.sqlite";
constexpr const char* kIndexFormatName = "multiscope-activation-index";
constexpr int kIndexFormatVersion = 1;
constexpr const char* kContentHashAlgorithm = "blake2b-256";

// What must match for a run to add to an existing index.
struct IndexIdentity {
    std::string modelHash;
    std::string modelSource;
    std::string preprocessing;
    int batchSize = kDefaultIndexBatchSize;
    int blockRows = kDefaultIndexBlockRows;
    uint64_t maxPixels = kDefaultMaxImagePixels;
    ShardSpec shard;
    std::vector<IndexLayerInfo> layers;
};

// Creates the tables and records the identity in a new database.
void createIndexSchema(SqliteDb& db, const IndexIdentity& identity);
// Reads the identity back; throws ms::Error when the file is not a Multiscope index (or a
// newer format).
IndexIdentity readIndexIdentity(SqliteDb& db);

std::string readMeta(SqliteDb& db, const std::string& key, const std::string& fallback = {});
void writeMeta(SqliteDb& db, const std::string& key, const std::string& value);
int64_t readMetaInt(SqliteDb& db, const std::string& key, int64_t fallback = 0);

// Opening connections the way the index wants them (WAL, full sync, foreign keys off).
void configureConnection(SqliteDb& db, bool writer);

// argmax bytes for a grid of h × w cells.
int argmaxBytesFor(int64_t gridHeight, int64_t gridWidth);

// Why two identities differ, for people ("model a1b2… vs c3d4…"); empty when compatible.
std::string identityMismatch(const IndexIdentity& stored, const IndexIdentity& wanted);

IssueKind issueKindFromName(const std::string& name);  // inverse of issueKindName

}  // namespace ms
