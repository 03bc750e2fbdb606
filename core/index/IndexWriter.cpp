#include "index/IndexWriter.h"

#include "index/LayerMatrix.h"
#include "index/PosixFile.h"
#include "index/Sqlite.h"
#include "util/Error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace ms {
namespace {

int lockFolder(const std::string& dir) {
    const std::string path = dir + "/index.lock";
    const int fd = posix::openFile(path, O_RDWR | O_CREAT);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        posix::closeFile(fd);
        throw Error(dir + ": the index is being written by another process");
    }
    return fd;
}

// Deletes the database and matrix files of a half-created index.
void removeIndexFiles(const std::string& dir) {
    for (const char* suffix : {"", "-wal", "-shm"})
        posix::removeIfExists(dir + "/" + kIndexDatabaseName + suffix);
}

std::string databasePath(const std::string& dir) { return dir + "/" + kIndexDatabaseName; }

}  // namespace

std::string utcTimestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

bool IndexWriter::exists(const std::string& dir) {
    if (!posix::exists(databasePath(dir))) return false;
    try {
        SqliteDb db(databasePath(dir), SqliteDb::Mode::ReadOnly);
        readIndexIdentity(db);
        return true;
    } catch (const Error&) {
        return false;
    }
}

IndexWriter::IndexWriter(std::string dir, int lockFd) : mDir(std::move(dir)), mLockFd(lockFd) {}

IndexWriter::~IndexWriter() {
    mMatrices.clear();
    mDb.reset();
    posix::closeFile(mLockFd);  // releases the lock
}

std::unique_ptr<IndexWriter> IndexWriter::create(const std::string& dir, const IndexIdentity& identity) {
    posix::makeDirectories(dir);
    std::unique_ptr<IndexWriter> w(new IndexWriter(dir, lockFolder(dir)));
    if (exists(dir)) throw Error(dir + ": already holds an index");
    removeIndexFiles(dir);
    w->mDb = std::make_unique<SqliteDb>(databasePath(dir), SqliteDb::Mode::Create);
    configureConnection(*w->mDb, true);
    SqliteTransaction t(*w->mDb);
    createIndexSchema(*w->mDb, identity);
    t.commit();
    posix::syncDirectory(dir);
    w->load();
    return w;
}

std::unique_ptr<IndexWriter> IndexWriter::open(const std::string& dir) {
    if (!posix::exists(databasePath(dir))) throw Error(dir + ": no index here (" + kIndexDatabaseName + " is missing)");
    std::unique_ptr<IndexWriter> w(new IndexWriter(dir, lockFolder(dir)));
    w->mDb = std::make_unique<SqliteDb>(databasePath(dir), SqliteDb::Mode::ReadWrite);
    configureConnection(*w->mDb, true);
    w->load();
    return w;
}

void IndexWriter::load() {
    mIdentity = readIndexIdentity(*mDb);
    mRows = readMetaInt(*mDb, "rows");
    mLiveRows = readMetaInt(*mDb, "live_rows");
    mMatrices.clear();
    for (size_t i = 0; i < mIdentity.layers.size(); ++i) {
        const IndexLayerInfo& l = mIdentity.layers[i];
        const MatrixGeometry g{l.units, l.argmaxBytes, mIdentity.blockRows};
        auto m = std::make_unique<MatrixWriter>(mDir, static_cast<int>(i), g);
        m->recover(mRows);  // drops whatever an interrupted batch wrote past the commit
        mMatrices.push_back(std::move(m));
    }
}

std::optional<PendingRun> IndexWriter::pendingRun() {
    SqliteStatement r = mDb->prepare(
        "SELECT id, kind, images_root, plan_hash, model_source, decode_threads, compute_threads, shard, "
        "plan_batches, committed_batches FROM runs WHERE status = 'running' ORDER BY id DESC LIMIT 1");
    if (!r.step()) return std::nullopt;
    PendingRun p;
    p.id = r.columnInt(0);
    p.record.kind = r.columnText(1);
    p.record.imagesRoot = r.columnBlob(2);
    p.record.planHash = r.columnText(3);
    p.record.modelSource = r.columnText(4);
    p.record.decodeThreads = static_cast<int>(r.columnInt(5));
    p.record.computeThreads = static_cast<int>(r.columnInt(6));
    if (!r.columnText(7).empty()) p.record.shard = parseShardSpec(r.columnText(7));
    p.record.planBatches = r.columnInt(8);
    p.committedBatches = r.columnInt(9);
    SqliteStatement e = mDb->prepare(
        "SELECT batch, path, size, mtime_ns, problem_kind, problem FROM plan WHERE run = ? ORDER BY seq");
    e.bind(1, p.id);
    while (e.step()) {
        PlanEntry entry;
        entry.batch = e.columnInt(0);
        entry.path = e.columnBlob(1);
        entry.size = static_cast<uint64_t>(e.columnInt(2));
        entry.mtimeNs = e.columnInt(3);
        if (!e.isNull(4)) entry.problem = IndexIssue{entry.path, issueKindFromName(e.columnText(4)), e.columnText(5)};
        p.entries.push_back(std::move(entry));
    }
    return p;
}

int64_t IndexWriter::completedRuns() { return mDb->queryInt("SELECT count(*) FROM runs WHERE status = 'complete'"); }

std::unordered_map<std::string, StoredFile> IndexWriter::storedFiles() {
    std::unordered_map<std::string, StoredFile> files;
    for (const char* table : {"images", "errors", "ignored"}) {
        SqliteStatement s = mDb->prepare(std::string("SELECT path, size, mtime_ns, hash FROM ") + table);
        while (s.step())
            files[s.columnBlob(0)] = StoredFile{static_cast<uint64_t>(s.columnInt(1)), s.columnInt(2), s.columnText(3)};
    }
    return files;
}

int64_t IndexWriter::beginRun(const RunRecord& run, const std::vector<PlanEntry>& entries,
                              const std::vector<std::string>& removed, const std::vector<TouchedFile>& touched) {
    SqliteTransaction t(*mDb);
    SqliteStatement r = mDb->prepare(
        "INSERT INTO runs(kind, status, started, app_version, decode_threads, compute_threads, images_root, shard, "
        "plan_entries, plan_batches, plan_hash, model_source) VALUES(?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    r.bindText(1, run.kind).bindText(2, utcTimestamp()).bindText(3, MULTISCOPE_VERSION);
    r.bind(4, run.decodeThreads).bind(5, run.computeThreads).bindBlob(6, run.imagesRoot);
    r.bindText(7, shardSpecText(run.shard)).bind(8, static_cast<int64_t>(entries.size()));
    r.bind(9, run.planBatches).bindText(10, run.planHash).bindText(11, run.modelSource).run();
    const int64_t id = mDb->queryInt("SELECT last_insert_rowid()");

    SqliteStatement p = mDb->prepare(
        "INSERT INTO plan(run, seq, batch, path, size, mtime_ns, problem_kind, problem) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    int64_t seq = 0;
    for (const PlanEntry& e : entries) {
        p.bind(1, id).bind(2, seq++).bind(3, e.batch).bindBlob(4, e.path);
        p.bind(5, static_cast<int64_t>(e.size)).bind(6, e.mtimeNs);
        if (e.problem) p.bindText(7, issueKindName(e.problem->kind)).bindText(8, e.problem->reason);
        else p.bindNull(7).bindNull(8);
        p.run();
    }
    for (const char* table : {"images", "errors", "ignored"}) {
        SqliteStatement d = mDb->prepare(std::string("DELETE FROM ") + table + " WHERE path = ?");
        for (const std::string& path : removed) {
            d.bindBlob(1, path).run();
            if (std::string(table) == "images") mLiveRows -= mDb->changes();
        }
        SqliteStatement u = mDb->prepare(std::string("UPDATE ") + table + " SET size = ?, mtime_ns = ? WHERE path = ?");
        for (const TouchedFile& f : touched)
            u.bind(1, static_cast<int64_t>(f.size)).bind(2, f.mtimeNs).bindBlob(3, f.path).run();
    }
    writeMeta(*mDb, "live_rows", std::to_string(mLiveRows));
    writeMeta(*mDb, "images_root", run.imagesRoot);
    t.commit();
    return id;
}

void IndexWriter::recordFiles(const std::vector<FileRecord>& files) {
    SqliteStatement del[3] = {mDb->prepare("DELETE FROM images WHERE path = ?"),
                              mDb->prepare("DELETE FROM errors WHERE path = ?"),
                              mDb->prepare("DELETE FROM ignored WHERE path = ?")};
    SqliteStatement img = mDb->prepare(
        "INSERT INTO images(row, path, size, mtime_ns, hash, width, height, format) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    SqliteStatement err = mDb->prepare(
        "INSERT INTO errors(path, size, mtime_ns, hash, kind, reason) VALUES(?, ?, ?, ?, ?, ?)");
    SqliteStatement ign = mDb->prepare("INSERT INTO ignored(path, size, mtime_ns, hash) VALUES(?, ?, ?, ?)");
    for (const FileRecord& f : files) {
        // A file seen before (changed since) loses its old record, and its old row.
        for (int i = 0; i < 3; ++i) {
            del[i].bindBlob(1, f.path).run();
            if (i == 0) mLiveRows -= mDb->changes();
        }
        const auto size = static_cast<int64_t>(f.size);
        switch (f.status) {
        case FileRecord::Status::Image:
            img.bind(1, mRows++).bindBlob(2, f.path).bind(3, size).bind(4, f.mtimeNs).bindText(5, f.hash);
            img.bind(6, f.width).bind(7, f.height).bindText(8, f.format).run();
            ++mLiveRows;
            break;
        case FileRecord::Status::Error:
            err.bindBlob(1, f.path).bind(2, size).bind(3, f.mtimeNs).bindText(4, f.hash);
            err.bindText(5, issueKindName(f.kind)).bindText(6, f.reason).run();
            break;
        case FileRecord::Status::Ignored:
            ign.bindBlob(1, f.path).bind(2, size).bind(3, f.mtimeNs).bindText(4, f.hash).run();
            break;
        }
    }
}

void IndexWriter::commitBatch(int64_t run, int64_t batch, const std::vector<FileRecord>& files,
                              const std::vector<std::vector<uint8_t>>& layerRows,
                              const std::function<void(IndexHook, int64_t)>& hook) {
    int64_t images = 0;
    for (const FileRecord& f : files) images += f.status == FileRecord::Status::Image;
    if (layerRows.size() != mMatrices.size()) throw Error(mDir + ": batch has the wrong number of layers");
    for (size_t i = 0; i < mMatrices.size(); ++i) {
        const IndexLayerInfo& l = mIdentity.layers[i];
        const MatrixGeometry g{l.units, l.argmaxBytes, mIdentity.blockRows};
        if (static_cast<int64_t>(layerRows[i].size()) != images * g.rowBytes())
            throw Error(mDir + ": batch rows of layer " + l.name + " have the wrong size");
        mMatrices[i]->append(layerRows[i].data(), images);
    }
    for (auto& m : mMatrices) m->sync();
    if (hook) hook(IndexHook::MatricesWritten, batch);

    const int64_t rowsBefore = mRows;
    const int64_t liveBefore = mLiveRows;
    try {
        SqliteTransaction t(*mDb);
        recordFiles(files);
        SqliteStatement b = mDb->prepare("INSERT INTO batches(run, batch, first_row, rows) VALUES(?, ?, ?, ?)");
        b.bind(1, run).bind(2, batch).bind(3, rowsBefore).bind(4, images).run();
        SqliteStatement r = mDb->prepare("UPDATE runs SET committed_batches = committed_batches + 1 WHERE id = ?");
        r.bind(1, run).run();
        writeMeta(*mDb, "rows", std::to_string(mRows));
        writeMeta(*mDb, "live_rows", std::to_string(mLiveRows));
        t.commit();
    } catch (...) {
        // The database is unchanged; put the matrices back to the committed rows too.
        mRows = rowsBefore;
        mLiveRows = liveBefore;
        for (auto& m : mMatrices) m->recover(mRows);
        throw;
    }
    for (auto& m : mMatrices) m->afterCommit();
    if (hook) hook(IndexHook::BatchCommitted, batch);
}

void IndexWriter::finishRun(int64_t run) {
    SqliteStatement s = mDb->prepare("UPDATE runs SET status = 'complete', finished = ? WHERE id = ?");
    s.bindText(1, utcTimestamp()).bind(2, run).run();
}

}  // namespace ms

namespace ms {

RunSummary IndexWriter::runSummary(int64_t run) {
    RunSummary out;
    SqliteStatement i = mDb->prepare("SELECT count(*) FROM plan p JOIN images i ON i.path = p.path WHERE p.run = ?");
    i.bind(1, run);
    if (i.step()) out.images = i.columnInt(0);
    SqliteStatement g = mDb->prepare("SELECT count(*) FROM plan p JOIN ignored g ON g.path = p.path WHERE p.run = ?");
    g.bind(1, run);
    if (g.step()) out.ignored = g.columnInt(0);
    SqliteStatement e = mDb->prepare(
        "SELECT e.path, e.kind, e.reason FROM plan p JOIN errors e ON e.path = p.path WHERE p.run = ? ORDER BY p.seq");
    e.bind(1, run);
    while (e.step()) out.errors.push_back(IndexIssue{e.columnBlob(0), issueKindFromName(e.columnText(1)), e.columnText(2)});
    return out;
}

}  // namespace ms
