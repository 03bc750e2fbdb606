#include "index/IndexSchema.h"

#include "index/Sqlite.h"
#include "util/Error.h"

#include <array>

namespace ms {
namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE layers(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, units INTEGER NOT NULL,
                    grid_h INTEGER NOT NULL, grid_w INTEGER NOT NULL, argmax_bytes INTEGER NOT NULL);
CREATE TABLE runs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL,
                  started TEXT, finished TEXT, app_version TEXT, decode_threads INTEGER,
                  compute_threads INTEGER, images_root BLOB, shard TEXT, plan_entries INTEGER,
                  plan_batches INTEGER, committed_batches INTEGER NOT NULL DEFAULT 0,
                  plan_hash TEXT, model_source TEXT);
CREATE TABLE plan(run INTEGER NOT NULL, seq INTEGER NOT NULL, batch INTEGER NOT NULL,
                  path BLOB NOT NULL, size INTEGER, mtime_ns INTEGER, problem_kind TEXT,
                  problem TEXT, PRIMARY KEY(run, seq)) WITHOUT ROWID;
CREATE TABLE batches(run INTEGER NOT NULL, batch INTEGER NOT NULL, first_row INTEGER NOT NULL,
                     rows INTEGER NOT NULL, PRIMARY KEY(run, batch)) WITHOUT ROWID;
CREATE TABLE images(row INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE, size INTEGER,
                    mtime_ns INTEGER, hash TEXT, width INTEGER, height INTEGER, format TEXT);
CREATE TABLE errors(path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT,
                    kind TEXT NOT NULL, reason TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE ignored(path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT) WITHOUT ROWID;
)SQL";

constexpr std::array<std::pair<IssueKind, const char*>, 9> kIssueNames{{
    {IssueKind::Empty, "empty"},
    {IssueKind::Corrupt, "corrupt"},
    {IssueKind::NotImage, "not-image"},
    {IssueKind::Unsupported, "unsupported"},
    {IssueKind::TooLarge, "too-large"},
    {IssueKind::Unreadable, "unreadable"},
    {IssueKind::BrokenSymlink, "broken-symlink"},
    {IssueKind::SymlinkLoop, "symlink-loop"},
    {IssueKind::NotRegular, "not-a-file"},
}};

std::string layersText(const std::vector<IndexLayerInfo>& layers) {
    std::string out;
    for (const IndexLayerInfo& l : layers) out += (out.empty() ? "" : ", ") + l.name;
    return out.empty() ? "(none)" : out;
}

}  // namespace

const char* issueKindName(IssueKind kind) {
    for (const auto& [k, name] : kIssueNames)
        if (k == kind) return name;
    return "?";
}

IssueKind issueKindFromName(const std::string& name) {
    for (const auto& [k, n] : kIssueNames)
        if (name == n) return k;
    return IssueKind::Corrupt;
}

int argmaxBytesFor(int64_t gridHeight, int64_t gridWidth) { return gridHeight * gridWidth <= 256 ? 1 : 2; }

void configureConnection(SqliteDb& db, bool writer) {
    if (writer) {
        db.exec("PRAGMA journal_mode=WAL");
        // FULL: a commit survives a power cut, not only a killed process.
        db.exec("PRAGMA synchronous=FULL");
    }
    db.exec("PRAGMA foreign_keys=OFF");
}

std::string readMeta(SqliteDb& db, const std::string& key, const std::string& fallback) {
    SqliteStatement s = db.prepare("SELECT value FROM meta WHERE key = ?");
    s.bindText(1, key);
    return s.step() ? s.columnText(0) : fallback;
}

int64_t readMetaInt(SqliteDb& db, const std::string& key, int64_t fallback) {
    const std::string text = readMeta(db, key);
    return text.empty() ? fallback : std::stoll(text);
}

void writeMeta(SqliteDb& db, const std::string& key, const std::string& value) {
    SqliteStatement s = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    s.bindText(1, key).bindText(2, value).run();
}

void createIndexSchema(SqliteDb& db, const IndexIdentity& id) {
    db.exec(kSchema);
    writeMeta(db, "format", kIndexFormatName);
    writeMeta(db, "format_version", std::to_string(kIndexFormatVersion));
    writeMeta(db, "app_version", MULTISCOPE_VERSION);
    writeMeta(db, "model_hash", id.modelHash);
    writeMeta(db, "model_source", id.modelSource);
    writeMeta(db, "preprocessing", id.preprocessing);
    writeMeta(db, "batch_size", std::to_string(id.batchSize));
    writeMeta(db, "block_rows", std::to_string(id.blockRows));
    writeMeta(db, "max_pixels", std::to_string(id.maxPixels));
    writeMeta(db, "shard", shardSpecText(id.shard));
    writeMeta(db, "content_hash", kContentHashAlgorithm);
    writeMeta(db, "rows", "0");
    writeMeta(db, "live_rows", "0");
    SqliteStatement s = db.prepare(
        "INSERT INTO layers(id, name, units, grid_h, grid_w, argmax_bytes) VALUES(?, ?, ?, ?, ?, ?)");
    int layerId = 0;
    for (const IndexLayerInfo& l : id.layers) {
        s.bind(1, layerId++).bindText(2, l.name).bind(3, l.units).bind(4, l.gridHeight).bind(5, l.gridWidth);
        s.bind(6, l.argmaxBytes).run();
    }
}

IndexIdentity readIndexIdentity(SqliteDb& db) {
    const bool hasMeta = db.queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'meta'") > 0;
    if (!hasMeta || readMeta(db, "format") != kIndexFormatName)
        throw Error(db.path() + ": not a Multiscope activation index");
    if (readMetaInt(db, "format_version") > kIndexFormatVersion)
        throw Error(db.path() + ": index format version " + readMeta(db, "format_version") +
                    " is newer than this Multiscope reads (" + std::to_string(kIndexFormatVersion) + ")");
    IndexIdentity id;
    id.modelHash = readMeta(db, "model_hash");
    id.modelSource = readMeta(db, "model_source");
    id.preprocessing = readMeta(db, "preprocessing");
    id.batchSize = static_cast<int>(readMetaInt(db, "batch_size"));
    id.blockRows = static_cast<int>(readMetaInt(db, "block_rows"));
    id.maxPixels = static_cast<uint64_t>(readMetaInt(db, "max_pixels"));
    const std::string shard = readMeta(db, "shard");
    if (!shard.empty()) id.shard = parseShardSpec(shard);
    SqliteStatement s = db.prepare("SELECT name, units, grid_h, grid_w, argmax_bytes FROM layers ORDER BY id");
    while (s.step()) {
        IndexLayerInfo l;
        l.name = s.columnText(0);
        l.units = s.columnInt(1);
        l.gridHeight = s.columnInt(2);
        l.gridWidth = s.columnInt(3);
        l.argmaxBytes = static_cast<int>(s.columnInt(4));
        id.layers.push_back(l);
    }
    return id;
}

std::string identityMismatch(const IndexIdentity& stored, const IndexIdentity& wanted) {
    if (stored.modelHash != wanted.modelHash)
        return "it was built with another model (content hash " + stored.modelHash + ", from " +
               stored.modelSource + "); this model's hash is " + wanted.modelHash;
    if (stored.preprocessing != wanted.preprocessing)
        return "its preprocessing differs (index: " + stored.preprocessing + "; now: " + wanted.preprocessing + ")";
    if (stored.batchSize != wanted.batchSize)
        return "it uses batches of " + std::to_string(stored.batchSize) + " images, not " +
               std::to_string(wanted.batchSize) + " (the batch size decides resume points)";
    if (stored.blockRows != wanted.blockRows)
        return "its matrix blocks hold " + std::to_string(stored.blockRows) + " rows, not " +
               std::to_string(wanted.blockRows);
    if (stored.maxPixels != wanted.maxPixels)
        return "its pixel limit is " + std::to_string(stored.maxPixels) + ", not " + std::to_string(wanted.maxPixels);
    if (!(stored.shard == wanted.shard))
        return "it is shard '" + shardSpecText(stored.shard) + "', not '" + shardSpecText(wanted.shard) + "'";
    bool sameLayers = stored.layers.size() == wanted.layers.size();
    for (size_t i = 0; sameLayers && i < stored.layers.size(); ++i) {
        const IndexLayerInfo& a = stored.layers[i];
        const IndexLayerInfo& b = wanted.layers[i];
        sameLayers = a.name == b.name && a.units == b.units && a.gridHeight == b.gridHeight && a.gridWidth == b.gridWidth;
    }
    if (!sameLayers)
        return "it holds layers " + layersText(stored.layers) + ", not " + layersText(wanted.layers);
    return {};
}

}  // namespace ms
