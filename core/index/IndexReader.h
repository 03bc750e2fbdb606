#pragma once
// Queries over an index folder: the top-k / bottom-k images of a unit (by spatial max or
// mean) with their argmax positions, a unit's histogram, one image's vector of all units.
// Sees the batches committed when it was opened (a writer may go on meanwhile).
//
// Ordering: best first; equal scores (equal binary16 values) in bytewise order of path, for
// top and bottom alike. Thread-safe: queries may run concurrently.

#include "index/IndexTypes.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace ms {

class MatrixView;
class SqliteDb;
struct IndexIdentity;

class IndexReader {
public:
    // Opens DIR read-only. With `expectedModelHash`, throws ms::Error when the index was built
    // with another model. Throws ms::Error for a folder that holds no index.
    static std::unique_ptr<IndexReader> open(const std::string& dir, const std::string& expectedModelHash = {});
    ~IndexReader();

    const IndexInfo& info() const { return mInfo; }
    // The layer of that name (canonical, a unique suffix such as "layer4.2.add", or a
    // Microscope alias); throws ms::Error listing the index's layers.
    const IndexLayerInfo& layer(const std::string& name) const;

    // The k images with the highest (bottom: lowest) scores of `unit`; fewer when the index
    // holds fewer. Throws ms::Error for an unknown layer or a unit out of range.
    std::vector<TopHit> top(const std::string& layer, int64_t unit, int k, bool bottom = false,
                            ScoreKind by = ScoreKind::Max) const;
    // The distribution of the unit's (finite) scores in `bins` equal bins.
    UnitHistogram histogram(const std::string& layer, int64_t unit, int bins = 64, ScoreKind by = ScoreKind::Max) const;
    // The unit's score on every row, in row order ([rowCount()]); NaN for rows that cannot be
    // queried (replaced or deleted images).
    std::vector<float> unitColumn(const std::string& layer, int64_t unit, ScoreKind by = ScoreKind::Max) const;
    // The queryable images as (row, path), in row order.
    std::vector<std::pair<int64_t, std::string>> rowPaths() const;
    int64_t rowCount() const { return mRows; }
    // All units of the layer for one image (path relative to the indexed folder); throws
    // ms::Error when the image is not in the index.
    ImageVector imageVector(const std::string& layer, const std::string& path) const;

    // Bad files recorded, in path order.
    std::vector<IndexIssue> errors() const;
    // Paths of the queryable images, in row order.
    std::vector<std::string> imagePaths() const;

private:
    IndexReader() = default;
    struct Layer;
    void readInfo(const std::string& dir, const IndexIdentity& id);
    void readCounters();
    void mapLayers(const std::string& dir, const IndexIdentity& id);
    const Layer& findLayer(const std::string& name, int64_t unit) const;
    std::vector<uint16_t> keys(const Layer& layer, int64_t unit, ScoreKind by) const;
    std::vector<std::string> pathsOfRows(const std::vector<int64_t>& rows) const;  // caller holds mDbMutex
    const std::vector<uint32_t>& pathRanks() const;  // caller holds mDbMutex
    std::vector<int64_t> smallestPaths(std::vector<int64_t> rows, int64_t count) const;

    IndexInfo mInfo;
    int64_t mRows = 0;
    std::vector<std::unique_ptr<Layer>> mLayers;
    std::vector<uint8_t> mAlive;  // empty when every row is alive
    std::unique_ptr<SqliteDb> mDb;
    mutable std::mutex mDbMutex;
    mutable std::vector<uint32_t> mPathRanks;  // rank of each row's path, built on demand
};

}  // namespace ms
