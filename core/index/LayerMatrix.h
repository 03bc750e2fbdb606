#pragma once
// The per-layer activation matrices of an index: for every image (row) and unit, the spatial
// max and mean as binary16 and the argmax grid position as a 1- or 2-byte integer.
//
// Layout — why two shapes. Indexing produces rows (a batch of images × all units), queries
// read columns (one unit × all images). Rows are therefore appended to a row-major *tail*
// file, and every `blockRows` rows the tail is transposed into a unit-major *block* appended
// to the blocks file; the tail file of that block is then deleted. A top-k query for one unit
// reads one contiguous run of blockRows values per block (8192 × 2 bytes = 16 KiB; 123 runs
// for a million images) plus the last, partial tail — a few MB in all, whatever the index
// size — and the index holds each value once (no full second copy, no final transpose).
//
//   layer<ID>.blocks   block b (rows b·R .. b·R+R−1), R = blockRows, U = units:
//                        max    [U][R] binary16 | mean [U][R] binary16 | argmax [U][R] uint8/16
//   layer<ID>.tail<b>  the rows of block b not yet sealed, row-major, each row:
//                        max [U] binary16 | mean [U] binary16 | argmax [U] uint8/16
// All little-endian. Bytes past the committed row count (database) are garbage from an
// interrupted write: recover() truncates them.

#include "index/IndexTypes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ms {

// Sizes of one layer's matrices.
struct MatrixGeometry {
    int64_t units = 0;
    int argmaxBytes = 1;
    int64_t blockRows = kDefaultIndexBlockRows;

    int64_t rowBytes() const { return units * (4 + argmaxBytes); }
    int64_t blockBytes() const { return rowBytes() * blockRows; }
    // Offsets of a unit's column inside a block, and of a unit's value inside a tail row.
    int64_t blockColumn(ScoreKind kind, int64_t unit) const;
    int64_t blockArgmaxColumn(int64_t unit) const { return units * blockRows * 4 + unit * blockRows * argmaxBytes; }
    int64_t rowValue(ScoreKind kind, int64_t unit) const { return (kind == ScoreKind::Max ? 0 : units * 2) + unit * 2; }
    int64_t rowArgmax(int64_t unit) const { return units * 4 + unit * argmaxBytes; }
};

// One row in tail layout from a unit's float scores and flat argmax positions.
void packRow(const MatrixGeometry& geometry, const float* max, const float* mean, const int64_t* argmax,
             uint8_t* out);

std::string blocksFileName(int layerId);        // "layer3.blocks"
std::string tailFileName(int layerId, int64_t block);  // "layer3.tail12"

// Appends rows to one layer's files. Single-threaded; crash-safe together with the caller's
// commit protocol: append → sync → (database commit) → afterCommit.
class MatrixWriter {
public:
    MatrixWriter(std::string dir, int layerId, MatrixGeometry geometry);
    ~MatrixWriter();
    MatrixWriter(const MatrixWriter&) = delete;
    MatrixWriter& operator=(const MatrixWriter&) = delete;

    // Makes the files hold exactly `committedRows` rows: truncates what an interrupted run
    // left beyond them and deletes stray tail files. Throws ms::Error when rows are missing.
    void recover(int64_t committedRows);
    // Appends n rows in tail layout, sealing every block that fills up. Nothing is durable
    // before sync().
    void append(const uint8_t* rows, int64_t n);
    void sync();
    // After the database recorded the rows: deletes the tails of sealed blocks.
    void afterCommit();
    int64_t rows() const { return mRows; }

private:
    void openTail(int64_t block, bool create);
    void sealBlock(int64_t block);
    std::string path(const std::string& name) const { return mDir + "/" + name; }

    std::string mDir;
    int mLayerId;
    MatrixGeometry mGeometry;
    int64_t mRows = 0;
    int mBlocksFd = -1;
    int mTailFd = -1;
    int64_t mTailBlock = -1;
    std::vector<int64_t> mSealedTails;  // tails to delete after the commit
    std::vector<int> mUnsyncedFds;
};

// Read-only, memory-mapped view of one layer's first `rows` rows. Thread-safe.
class MatrixView {
public:
    MatrixView(const std::string& dir, int layerId, MatrixGeometry geometry, int64_t rows);
    ~MatrixView();
    MatrixView(const MatrixView&) = delete;
    MatrixView& operator=(const MatrixView&) = delete;

    int64_t rows() const { return mRows; }
    const MatrixGeometry& geometry() const { return mGeometry; }

    // The sort keys (half::sortKey) of a unit's scores for every row. Prefetches the runs it
    // needs and lets go of them afterwards so that resident memory stays small.
    void columnKeys(int64_t unit, ScoreKind kind, uint16_t* out) const;
    uint16_t value(int64_t unit, ScoreKind kind, int64_t row) const;  // binary16 bits
    int32_t argmax(int64_t unit, int64_t row) const;
    // The argmax of several rows, fetched together (a cold index reads them in parallel).
    std::vector<int32_t> argmaxOf(int64_t unit, const std::vector<int64_t>& rows) const;
    // Rows [first, first + n) in tail layout (n · rowBytes bytes).
    void readRows(int64_t first, int64_t n, uint8_t* out) const;

private:
    const uint8_t* blockPtr(int64_t row, int64_t& inBlock) const;

    MatrixGeometry mGeometry;
    int64_t mRows = 0;
    int64_t mSealedBlocks = 0;
    int64_t mTailRows = 0;
    const uint8_t* mBlocks = nullptr;
    size_t mBlocksLength = 0;
    const uint8_t* mTail = nullptr;
    size_t mTailLength = 0;
};

}  // namespace ms
