#include "index/IndexMerge.h"

#include "index/IndexPlan.h"
#include "index/IndexSchema.h"
#include "index/IndexWriter.h"
#include "index/LayerMatrix.h"
#include "index/PosixFile.h"
#include "index/Sqlite.h"
#include "jobs/Feedback.h"
#include "util/Error.h"

#include <algorithm>
#include <memory>

namespace ms {
namespace {

// One shard, open for reading.
struct Shard {
    std::string dir;
    std::unique_ptr<SqliteDb> db;
    IndexIdentity identity;
    int64_t run = 0;
    std::string planHash;
    int64_t planBatches = 0;
    int64_t rows = 0;
    std::vector<std::unique_ptr<MatrixView>> views;
};

std::unique_ptr<Shard> openShard(const std::string& dir) {
    auto s = std::make_unique<Shard>();
    s->dir = dir;
    const std::string path = dir + "/" + kIndexDatabaseName;
    if (!posix::exists(path)) throw Error(dir + ": no index here (" + kIndexDatabaseName + " is missing)");
    s->db = std::make_unique<SqliteDb>(path, SqliteDb::Mode::ReadOnly);
    s->identity = readIndexIdentity(*s->db);
    if (!s->identity.shard.active()) throw Error(dir + ": not a shard index (it was not made with --shard I/N)");
    if (s->db->queryInt("SELECT count(*) FROM runs WHERE status = 'running'") > 0)
        throw Error(dir + ": shard " + shardSpecText(s->identity.shard) + " is unfinished; run its index command again to complete it");
    SqliteStatement r = s->db->prepare("SELECT id, plan_hash, plan_batches FROM runs WHERE kind = 'index' ORDER BY id");
    if (!r.step()) throw Error(dir + ": shard " + shardSpecText(s->identity.shard) + " has not run yet");
    s->run = r.columnInt(0);
    s->planHash = r.columnText(1);
    s->planBatches = r.columnInt(2);
    if (r.step()) throw Error(dir + ": shard index was updated after its sharded run; shards cannot be merged then");
    s->rows = readMetaInt(*s->db, "rows");
    for (size_t i = 0; i < s->identity.layers.size(); ++i) {
        const IndexLayerInfo& l = s->identity.layers[i];
        const MatrixGeometry g{l.units, l.argmaxBytes, s->identity.blockRows};
        s->views.push_back(std::make_unique<MatrixView>(dir, static_cast<int>(i), g, s->rows));
    }
    return s;
}

// Checks that the shards are the N parts of one job; returns them ordered by shard index.
std::vector<std::unique_ptr<Shard>> openShards(const std::vector<std::string>& dirs) {
    if (dirs.empty()) throw Error("merge needs the shard index folders");
    std::vector<std::unique_ptr<Shard>> shards;
    for (const std::string& dir : dirs) shards.push_back(openShard(dir));
    std::sort(shards.begin(), shards.end(), [](const auto& a, const auto& b) { return a->identity.shard.index < b->identity.shard.index; });
    const Shard& first = *shards.front();
    const int count = first.identity.shard.count;
    if (static_cast<int>(shards.size()) != count)
        throw Error("the job has " + std::to_string(count) + " shards (" + first.dir + " is " + shardSpecText(first.identity.shard) +
                    "), " + std::to_string(shards.size()) + " were given");
    for (int i = 0; i < count; ++i) {
        const Shard& s = *shards[static_cast<size_t>(i)];
        IndexIdentity expected = first.identity;
        expected.shard = ShardSpec{i + 1, count};
        const std::string why = identityMismatch(s.identity, expected);
        if (!why.empty()) throw Error(s.dir + ": does not belong with " + first.dir + ": " + why);
        if (s.planHash != first.planHash || s.planBatches != first.planBatches)
            throw Error(s.dir + ": indexed another list of files than " + first.dir + " (the folder changed between shards?)");
    }
    return shards;
}

// The shard's part of batch `batch`: records in plan order and the rows of each layer.
void readBatch(Shard& s, int64_t batch, std::vector<PlanEntry>& entries, std::vector<FileRecord>& records,
               std::vector<std::vector<uint8_t>>& rows) {
    records.clear();
    SqliteStatement img = s.db->prepare("SELECT row, size, mtime_ns, hash, width, height, format FROM images WHERE path = ?");
    SqliteStatement err = s.db->prepare("SELECT size, mtime_ns, hash, kind, reason FROM errors WHERE path = ?");
    SqliteStatement ign = s.db->prepare("SELECT size, mtime_ns, hash FROM ignored WHERE path = ?");
    int64_t firstRow = -1, images = 0;
    for (const PlanEntry& e : entries) {
        FileRecord r;
        r.path = e.path;
        if (img.bindBlob(1, e.path).step()) {
            r.status = FileRecord::Status::Image;
            if (firstRow < 0) firstRow = img.columnInt(0);
            if (img.columnInt(0) != firstRow + images++) throw Error(s.dir + ": rows of batch " + std::to_string(batch) + " are not consecutive (damaged index)");
            r.size = static_cast<uint64_t>(img.columnInt(1));
            r.mtimeNs = img.columnInt(2);
            r.hash = img.columnText(3);
            r.width = img.columnInt(4);
            r.height = img.columnInt(5);
            r.format = img.columnText(6);
        } else if (err.bindBlob(1, e.path).step()) {
            r.status = FileRecord::Status::Error;
            r.size = static_cast<uint64_t>(err.columnInt(0));
            r.mtimeNs = err.columnInt(1);
            r.hash = err.columnText(2);
            r.kind = issueKindFromName(err.columnText(3));
            r.reason = err.columnText(4);
        } else if (ign.bindBlob(1, e.path).step()) {
            r.status = FileRecord::Status::Ignored;
            r.size = static_cast<uint64_t>(ign.columnInt(0));
            r.mtimeNs = ign.columnInt(1);
            r.hash = ign.columnText(2);
        } else {
            throw Error(s.dir + ": '" + e.path + "' is in the work list but has no record (damaged index)");
        }
        img.reset();
        err.reset();
        ign.reset();
        records.push_back(std::move(r));
    }
    rows.assign(s.views.size(), {});
    for (size_t l = 0; l < s.views.size(); ++l) {
        rows[l].resize(static_cast<size_t>(images * s.views[l]->geometry().rowBytes()));
        if (images > 0) s.views[l]->readRows(firstRow, images, rows[l].data());
    }
}

// The shards' work lists joined in batch order (each shard's list is in order already).
std::vector<PlanEntry> mergedPlan(const std::vector<std::unique_ptr<Shard>>& shards) {
    std::vector<PlanEntry> all;
    for (const auto& s : shards) {
        SqliteStatement p = s->db->prepare("SELECT batch, path, size, mtime_ns, problem_kind, problem FROM plan WHERE run = ? ORDER BY seq");
        p.bind(1, s->run);
        while (p.step()) {
            PlanEntry e;
            e.batch = p.columnInt(0);
            e.path = p.columnBlob(1);
            e.size = static_cast<uint64_t>(p.columnInt(2));
            e.mtimeNs = p.columnInt(3);
            if (!p.isNull(4)) e.problem = IndexIssue{e.path, issueKindFromName(p.columnText(4)), p.columnText(5)};
            all.push_back(std::move(e));
        }
    }
    std::stable_sort(all.begin(), all.end(), [](const PlanEntry& a, const PlanEntry& b) { return a.batch < b.batch; });
    return all;
}

// The merged index's writer and its merge run: a new one, or the interrupted one to resume.
std::unique_ptr<IndexWriter> openOutput(const std::string& outDir, const std::vector<std::unique_ptr<Shard>>& shards,
                                        PendingRun& run, bool& resumed) {
    const Shard& first = *shards.front();
    IndexIdentity identity = first.identity;
    identity.shard = ShardSpec{};
    std::unique_ptr<IndexWriter> out;
    std::optional<PendingRun> pending;
    if (IndexWriter::exists(outDir)) {
        out = IndexWriter::open(outDir);
        pending = out->pendingRun();
        const std::string why = identityMismatch(out->identity(), identity);
        const bool sameMerge = why.empty() && pending && pending->record.kind == "merge" && pending->record.planHash == first.planHash;
        // A merge killed between creating the folder and recording its run left no run at all.
        const bool emptyIndex = why.empty() && !pending && out->completedRuns() == 0 && out->rows() == 0;
        if (!sameMerge && !emptyIndex) throw Error(outDir + ": already holds an index; merge into a new folder");
        resumed = sameMerge;
    } else {
        out = IndexWriter::create(outDir, identity);
    }
    if (pending) {
        run = std::move(*pending);
        return out;
    }
    run.record.kind = "merge";
    run.record.planHash = first.planHash;
    run.record.planBatches = first.planBatches;
    run.record.modelSource = identity.modelSource;
    run.record.imagesRoot = readMeta(*first.db, "images_root");
    run.entries = mergedPlan(shards);
    run.id = out->beginRun(run.record, run.entries, {}, {});
    return out;
}

}  // namespace

MergeReport mergeIndexes(const std::string& outDir, const std::vector<std::string>& shardDirs, Feedback* feedback) {
    std::vector<std::unique_ptr<Shard>> shards = openShards(shardDirs);
    const int64_t batches = shards.front()->planBatches;
    MergeReport report;
    report.shards = static_cast<int>(shards.size());
    PendingRun run;
    const std::unique_ptr<IndexWriter> out = openOutput(outDir, shards, run, report.resumed);

    std::vector<PlanEntry> batchEntries;
    std::vector<FileRecord> records;
    std::vector<std::vector<uint8_t>> rows;
    size_t cursor = 0;
    for (int64_t batch = 0; batch < batches; ++batch) {
        batchEntries.clear();
        while (cursor < run.entries.size() && run.entries[cursor].batch == batch) batchEntries.push_back(run.entries[cursor++]);
        if (batch < run.committedBatches) continue;
        if (feedback && feedback->isCanceled()) {
            report.canceled = true;
            return report;
        }
        // Shard I holds batches I − 1, I − 1 + N, ... (IndexPlan.h).
        Shard& shard = *shards[static_cast<size_t>(batch % report.shards)];
        readBatch(shard, batch, batchEntries, records, rows);
        out->commitBatch(run.id, batch, records, rows);
        ++report.batches;
        if (feedback)
            feedback->setProgress(static_cast<double>(batch + 1) / static_cast<double>(batches),
                                  "merged batch " + std::to_string(batch + 1) + " / " + std::to_string(batches));
    }
    out->finishRun(run.id);
    report.images = out->liveRows();
    report.errors = static_cast<int64_t>(out->runSummary(run.id).errors.size());
    return report;
}

}  // namespace ms
