#include "index/IndexReader.h"

#include "index/Half.h"
#include "index/IndexSchema.h"
#include "index/LayerMatrix.h"
#include "index/PosixFile.h"
#include "index/Sqlite.h"
#include "index/TopK.h"
#include "model/ModelDescriptor.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace ms {
namespace {

// Beyond this many rows tied on the boundary score, ties are broken with a rank table of all
// paths (built once per reader: ~0.5 s and 4 bytes per image for a million images) instead of
// one database lookup per row (~3 µs each). Ties are common: binary16 has 1,024 values per
// octave, and a dead unit ties every image.
constexpr size_t kTieLookupLimit = 512;

float scoreOfKey(uint16_t key) { return half::toFloat(half::fromSortKey(key)); }

}  // namespace

struct IndexReader::Layer {
    IndexLayerInfo info;
    std::unique_ptr<MatrixView> view;
};

IndexReader::~IndexReader() = default;

std::unique_ptr<IndexReader> IndexReader::open(const std::string& dir, const std::string& expectedModelHash) {
    const std::string dbPath = dir + "/" + kIndexDatabaseName;
    if (!posix::exists(dbPath)) throw Error(dir + ": no index here (" + kIndexDatabaseName + " is missing)");
    std::unique_ptr<IndexReader> r(new IndexReader());
    // Path look-ups hit the database at random: read it ahead in the background so that the
    // first queries on a cold cache do not wait for one page at a time.
    posix::adviseFileWillNeed(dbPath);
    r->mDb = std::make_unique<SqliteDb>(dbPath, SqliteDb::Mode::ReadOnly);
    configureConnection(*r->mDb, false);
    const IndexIdentity id = readIndexIdentity(*r->mDb);
    if (!expectedModelHash.empty() && id.modelHash != expectedModelHash)
        throw Error(dir + ": this index was built with another model (content hash " + id.modelHash + ", from " +
                    id.modelSource + "); the model in use has hash " + expectedModelHash);
    r->readInfo(dir, id);
    // A writer may commit (and delete a sealed tail) between reading the row count and
    // mapping the files: read the count again and retry.
    for (int attempt = 0;; ++attempt) {
        r->readCounters();
        try {
            r->mapLayers(dir, id);
            break;
        } catch (const Error&) {
            if (attempt >= 4) throw;
        }
    }
    return r;
}

void IndexReader::readInfo(const std::string& dir, const IndexIdentity& id) {
    mInfo.dir = dir;
    mInfo.modelHash = id.modelHash;
    mInfo.modelSource = id.modelSource;
    mInfo.preprocessing = id.preprocessing;
    mInfo.appVersion = readMeta(*mDb, "app_version");
    mInfo.imagesRoot = readMeta(*mDb, "images_root");
    mInfo.batchSize = id.batchSize;
    mInfo.blockRows = id.blockRows;
    mInfo.maxPixels = id.maxPixels;
    mInfo.shard = id.shard;
    mInfo.layers = id.layers;
}

void IndexReader::readCounters() {
    SqliteDb& db = *mDb;
    SqliteTransaction snapshot(db, SqliteTransaction::Kind::Read);  // one view of the counters
    mRows = readMetaInt(db, "rows");
    mInfo.images = readMetaInt(db, "live_rows");
    mInfo.errors = db.queryInt("SELECT count(*) FROM errors");
    mInfo.complete = db.queryInt("SELECT count(*) FROM runs WHERE status = 'running'") == 0;
    mAlive.clear();
    if (mInfo.images < mRows) {  // rows of replaced or deleted images are skipped
        mAlive.assign(static_cast<size_t>(mRows), 0);
        SqliteStatement s = db.prepare("SELECT row FROM images");
        while (s.step()) {
            const int64_t row = s.columnInt(0);
            if (row >= 0 && row < mRows) mAlive[static_cast<size_t>(row)] = 1;
        }
    }
    snapshot.commit();
}

void IndexReader::mapLayers(const std::string& dir, const IndexIdentity& id) {
    mLayers.clear();
    for (size_t i = 0; i < id.layers.size(); ++i) {
        auto layer = std::make_unique<Layer>();
        layer->info = id.layers[i];
        const MatrixGeometry g{layer->info.units, layer->info.argmaxBytes, id.blockRows};
        layer->view = std::make_unique<MatrixView>(dir, static_cast<int>(i), g, mRows);
        mLayers.push_back(std::move(layer));
    }
}

const IndexLayerInfo& IndexReader::layer(const std::string& name) const { return findLayer(name, -1).info; }

const IndexReader::Layer& IndexReader::findLayer(const std::string& name, int64_t unit) const {
    const Layer* found = nullptr;
    const std::string alias = microscopeAliasTarget(name);
    for (const auto& l : mLayers)
        if (l->info.name == name || (!alias.empty() && l->info.name == alias)) found = l.get();
    if (!found) {  // a unique suffix at a dot: "layer4.2.add" for "visual.layer4.2.add"
        for (const auto& l : mLayers) {
            const std::string& full = l->info.name;
            const bool suffix = full.size() > name.size() && full.compare(full.size() - name.size(), name.size(), name) == 0 &&
                                full[full.size() - name.size() - 1] == '.';
            if (!suffix) continue;
            if (found) throw Error("layer '" + name + "' is ambiguous in index " + mInfo.dir);
            found = l.get();
        }
    }
    if (!found) {
        std::string names;
        for (const auto& l : mLayers) names += (names.empty() ? "" : ", ") + l->info.name;
        throw Error("index " + mInfo.dir + " has no layer '" + name + "' (it holds: " + names + ")");
    }
    if (unit >= found->info.units || unit < -1)
        throw Error("unit " + std::to_string(unit) + " is out of range: layer " + found->info.name + " has " +
                    std::to_string(found->info.units) + " units");
    return *found;
}

std::vector<uint16_t> IndexReader::keys(const Layer& layer, int64_t unit, ScoreKind by) const {
    std::vector<uint16_t> out(static_cast<size_t>(mRows));
    layer.view->columnKeys(unit, by, out.data());
    return out;
}

std::vector<std::string> IndexReader::pathsOfRows(const std::vector<int64_t>& rows) const {
    std::vector<std::string> paths;
    paths.reserve(rows.size());
    SqliteStatement s = mDb->prepare("SELECT path FROM images WHERE row = ?");  // prepared once
    for (int64_t row : rows) {
        s.bind(1, row);
        if (!s.step()) throw Error(mInfo.dir + ": row " + std::to_string(row) + " has no image (damaged index)");
        paths.push_back(s.columnBlob(0));
        s.reset();
    }
    return paths;
}

const std::vector<uint32_t>& IndexReader::pathRanks() const {
    if (mPathRanks.empty() && mRows > 0) {
        mPathRanks.assign(static_cast<size_t>(mRows), UINT32_MAX);
        SqliteStatement s = mDb->prepare("SELECT row FROM images ORDER BY path");
        uint32_t rank = 0;
        while (s.step()) {
            const int64_t row = s.columnInt(0);
            if (row >= 0 && row < mRows) mPathRanks[static_cast<size_t>(row)] = rank++;
        }
    }
    return mPathRanks;
}

// The `count` rows of `rows` whose paths come first bytewise. Caller holds mDbMutex.
std::vector<int64_t> IndexReader::smallestPaths(std::vector<int64_t> rows, int64_t count) const {
    count = std::min<int64_t>(count, static_cast<int64_t>(rows.size()));
    if (rows.size() > kTieLookupLimit) {
        const std::vector<uint32_t>& rank = pathRanks();
        const auto byRank = [&](int64_t a, int64_t b) { return rank[static_cast<size_t>(a)] < rank[static_cast<size_t>(b)]; };
        std::nth_element(rows.begin(), rows.begin() + count, rows.end(), byRank);
        rows.resize(static_cast<size_t>(count));
        return rows;
    }
    const std::vector<std::string> paths = pathsOfRows(rows);
    std::vector<std::pair<std::string, int64_t>> named;
    named.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) named.emplace_back(paths[i], rows[i]);
    std::partial_sort(named.begin(), named.begin() + count, named.end());
    std::vector<int64_t> out;
    for (int64_t i = 0; i < count; ++i) out.push_back(named[static_cast<size_t>(i)].second);
    return out;
}

std::vector<TopHit> IndexReader::top(const std::string& layerName, int64_t unit, int k, bool bottom, ScoreKind by) const {
    if (unit < 0) throw Error("unit " + std::to_string(unit) + " is out of range");
    const Layer& layer = findLayer(layerName, unit);
    if (k <= 0 || mRows == 0) return {};
    const std::vector<uint16_t> columnKeys = keys(layer, unit, by);
    const KeySelection sel =
        selectByKey(columnKeys.data(), mRows, k, bottom, mAlive.empty() ? nullptr : mAlive.data());

    std::vector<TopHit> hits;
    std::lock_guard<std::mutex> lock(mDbMutex);
    std::vector<int64_t> chosen = sel.better;
    if (sel.fromTied > 0) {
        const std::vector<int64_t> ties = smallestPaths(sel.tied, sel.fromTied);
        chosen.insert(chosen.end(), ties.begin(), ties.end());
    }
    const int64_t gridWidth = std::max<int64_t>(1, layer.info.gridWidth);
    const std::vector<int32_t> positions = layer.view->argmaxOf(unit, chosen);
    const std::vector<std::string> paths = pathsOfRows(chosen);
    for (size_t i = 0; i < chosen.size(); ++i) {
        const int64_t row = chosen[i];
        TopHit hit;
        hit.row = row;
        hit.path = paths[i];
        hit.score = scoreOfKey(columnKeys[static_cast<size_t>(row)]);
        const int32_t position = positions[i];
        hit.x = static_cast<int>(position % gridWidth);
        hit.y = static_cast<int>(position / gridWidth);
        hits.push_back(std::move(hit));
    }
    std::sort(hits.begin(), hits.end(), [&](const TopHit& a, const TopHit& b) {
        const uint16_t ka = columnKeys[static_cast<size_t>(a.row)];
        const uint16_t kb = columnKeys[static_cast<size_t>(b.row)];
        if (ka != kb) return bottom ? ka < kb : ka > kb;
        return a.path < b.path;
    });
    return hits;
}

UnitHistogram IndexReader::histogram(const std::string& layerName, int64_t unit, int bins, ScoreKind by) const {
    if (unit < 0) throw Error("unit " + std::to_string(unit) + " is out of range");
    if (bins < 1) throw Error("a histogram needs at least one bin");
    const Layer& layer = findLayer(layerName, unit);
    UnitHistogram h;
    h.counts.assign(static_cast<size_t>(bins), 0);
    if (mRows == 0) return h;
    const std::vector<uint16_t> columnKeys = keys(layer, unit, by);
    const std::vector<uint64_t> counts = keyHistogram(columnKeys.data(), mRows, mAlive.empty() ? nullptr : mAlive.data());
    bool any = false;
    for (int key = 0; key < 65536; ++key) {
        const float v = scoreOfKey(static_cast<uint16_t>(key));
        if (counts[key] == 0 || !std::isfinite(v)) continue;
        if (!any) h.min = v;
        h.max = v;
        any = true;
    }
    if (!any) return h;
    const double width = (h.max - h.min) / bins;
    for (int key = 0; key < 65536; ++key) {
        const float v = scoreOfKey(static_cast<uint16_t>(key));
        if (counts[key] == 0 || !std::isfinite(v)) continue;
        const int bin = width > 0 ? std::min(bins - 1, static_cast<int>((v - h.min) / width)) : 0;
        h.counts[static_cast<size_t>(bin)] += counts[key];
        h.total += counts[key];
    }
    return h;
}

ImageVector IndexReader::imageVector(const std::string& layerName, const std::string& path) const {
    const Layer& layer = findLayer(layerName, -1);
    int64_t row = -1;
    {
        std::lock_guard<std::mutex> lock(mDbMutex);
        SqliteStatement s = mDb->prepare("SELECT row FROM images WHERE path = ?");
        s.bindBlob(1, path);
        if (s.step()) row = s.columnInt(0);
    }
    if (row < 0 || row >= mRows) throw Error("index " + mInfo.dir + " holds no image '" + path + "'");
    ImageVector v;
    v.path = path;
    v.gridWidth = layer.info.gridWidth;
    const int64_t units = layer.info.units;
    v.max.resize(static_cast<size_t>(units));
    v.mean.resize(static_cast<size_t>(units));
    v.argmax.resize(static_cast<size_t>(units));
    for (int64_t u = 0; u < units; ++u) {
        v.max[static_cast<size_t>(u)] = half::toFloat(layer.view->value(u, ScoreKind::Max, row));
        v.mean[static_cast<size_t>(u)] = half::toFloat(layer.view->value(u, ScoreKind::Mean, row));
        v.argmax[static_cast<size_t>(u)] = layer.view->argmax(u, row);
    }
    return v;
}

std::vector<IndexIssue> IndexReader::errors() const {
    std::lock_guard<std::mutex> lock(mDbMutex);
    std::vector<IndexIssue> out;
    SqliteStatement s = mDb->prepare("SELECT path, kind, reason FROM errors ORDER BY path");
    while (s.step()) out.push_back(IndexIssue{s.columnBlob(0), issueKindFromName(s.columnText(1)), s.columnText(2)});
    return out;
}

std::vector<float> IndexReader::unitColumn(const std::string& layerName, int64_t unit, ScoreKind by) const {
    if (unit < 0) throw Error("unit " + std::to_string(unit) + " is out of range");
    const std::vector<uint16_t> columnKeys = keys(findLayer(layerName, unit), unit, by);
    std::vector<float> out(columnKeys.size());
    for (size_t row = 0; row < out.size(); ++row)
        out[row] = !mAlive.empty() && !mAlive[row] ? NAN : scoreOfKey(columnKeys[row]);
    return out;
}

std::vector<std::pair<int64_t, std::string>> IndexReader::rowPaths() const {
    std::lock_guard<std::mutex> lock(mDbMutex);
    std::vector<std::pair<int64_t, std::string>> out;
    SqliteStatement s = mDb->prepare("SELECT row, path FROM images WHERE row < ? ORDER BY row");
    s.bind(1, mRows);
    while (s.step()) out.emplace_back(s.columnInt(0), s.columnBlob(1));
    return out;
}

std::vector<std::string> IndexReader::imagePaths() const {
    std::lock_guard<std::mutex> lock(mDbMutex);
    std::vector<std::string> out;
    SqliteStatement s = mDb->prepare("SELECT path FROM images WHERE row < ? ORDER BY row");
    s.bind(1, mRows);
    while (s.step()) out.push_back(s.columnBlob(0));
    return out;
}

}  // namespace ms
