#include "index/LayerMatrix.h"

#include "index/Half.h"
#include "index/PosixFile.h"
#include "util/Error.h"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <cstring>

namespace ms {
namespace {

inline uint16_t load16(const uint8_t* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

inline int32_t loadArgmax(const uint8_t* p, int bytes) { return bytes == 1 ? p[0] : load16(p); }

// One of the three arrays of a row/block: where it starts in a tail row, in a block, and
// the size of its elements.
struct ArrayPart {
    int64_t rowOffset;
    int64_t blockOffset;
    int64_t elementBytes;
};

std::vector<ArrayPart> arrayParts(const MatrixGeometry& g) {
    return {{0, 0, 2},
            {g.units * 2, g.units * g.blockRows * 2, 2},
            {g.units * 4, g.units * g.blockRows * 4, g.argmaxBytes}};
}

// Row-major tail rows → the unit-major block (tiles of 64 rows keep both sides in cache).
void transposeToBlock(const MatrixGeometry& g, const uint8_t* tail, uint8_t* block) {
    constexpr int64_t kTile = 64;
    for (const ArrayPart& part : arrayParts(g)) {
        const int64_t es = part.elementBytes;
        for (int64_t r0 = 0; r0 < g.blockRows; r0 += kTile) {
            const int64_t r1 = std::min(g.blockRows, r0 + kTile);
            for (int64_t u = 0; u < g.units; ++u) {
                uint8_t* dst = block + part.blockOffset + (u * g.blockRows + r0) * es;
                const uint8_t* src = tail + r0 * g.rowBytes() + part.rowOffset + u * es;
                for (int64_t r = r0; r < r1; ++r, dst += es, src += g.rowBytes()) std::memcpy(dst, src, es);
            }
        }
    }
}

// Tail files of a layer present in `dir`, by block number.
std::vector<int64_t> tailBlocksIn(const std::string& dir, int layerId) {
    std::vector<int64_t> blocks;
    const std::string prefix = "layer" + std::to_string(layerId) + ".tail";
    DIR* d = ::opendir(dir.c_str());
    if (!d) return blocks;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.compare(0, prefix.size(), prefix) != 0 || name.size() == prefix.size()) continue;
        const std::string digits = name.substr(prefix.size());
        if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
        blocks.push_back(std::stoll(digits));
    }
    ::closedir(d);
    return blocks;
}

}  // namespace

int64_t MatrixGeometry::blockColumn(ScoreKind kind, int64_t unit) const {
    return (kind == ScoreKind::Max ? 0 : units * blockRows * 2) + unit * blockRows * 2;
}

void packRow(const MatrixGeometry& g, const float* max, const float* mean, const int64_t* argmax, uint8_t* out) {
    for (int64_t u = 0; u < g.units; ++u) {
        const uint16_t hMax = half::fromFloat(max[u]);
        const uint16_t hMean = half::fromFloat(mean[u]);
        std::memcpy(out + g.rowValue(ScoreKind::Max, u), &hMax, 2);
        std::memcpy(out + g.rowValue(ScoreKind::Mean, u), &hMean, 2);
        const auto position = static_cast<uint16_t>(argmax[u]);
        if (g.argmaxBytes == 1) out[g.rowArgmax(u)] = static_cast<uint8_t>(position);
        else std::memcpy(out + g.rowArgmax(u), &position, 2);
    }
}

std::string blocksFileName(int layerId) { return "layer" + std::to_string(layerId) + ".blocks"; }

std::string tailFileName(int layerId, int64_t block) {
    return "layer" + std::to_string(layerId) + ".tail" + std::to_string(block);
}

// ---- MatrixWriter ---------------------------------------------------------------------------

MatrixWriter::MatrixWriter(std::string dir, int layerId, MatrixGeometry geometry)
    : mDir(std::move(dir)), mLayerId(layerId), mGeometry(geometry) {}

MatrixWriter::~MatrixWriter() {
    posix::closeFile(mTailFd);
    posix::closeFile(mBlocksFd);
}

void MatrixWriter::recover(int64_t committedRows) {
    const MatrixGeometry& g = mGeometry;
    const std::string blocksPath = path(blocksFileName(mLayerId));
    if (mBlocksFd < 0) mBlocksFd = posix::openFile(blocksPath, O_RDWR | O_CREAT);
    const int64_t sealed = committedRows / g.blockRows;
    if (posix::fileSize(mBlocksFd, blocksPath) < sealed * g.blockBytes())
        throw Error(blocksPath + ": the index records " + std::to_string(committedRows) +
                    " rows but the file is shorter (damaged index)");
    posix::truncateTo(mBlocksFd, sealed * g.blockBytes(), blocksPath);

    posix::closeFile(mTailFd);
    mTailFd = -1;
    mTailBlock = -1;
    for (int64_t b : tailBlocksIn(mDir, mLayerId))
        if (b != sealed) posix::removeIfExists(path(tailFileName(mLayerId, b)));
    const int64_t tailRows = committedRows % g.blockRows;
    const std::string tailPath = path(tailFileName(mLayerId, sealed));
    if (tailRows > 0 || posix::exists(tailPath)) {
        openTail(sealed, tailRows == 0);
        if (posix::fileSize(mTailFd, tailPath) < tailRows * g.rowBytes())
            throw Error(tailPath + ": the index records " + std::to_string(committedRows) +
                        " rows but the file is shorter (damaged index)");
        posix::truncateTo(mTailFd, tailRows * g.rowBytes(), tailPath);
    }
    posix::syncData(mBlocksFd, blocksPath);
    if (mTailFd >= 0) posix::syncData(mTailFd, tailPath);
    mRows = committedRows;
    mSealedTails.clear();
    mUnsyncedFds.clear();
}

void MatrixWriter::openTail(int64_t block, bool create) {
    posix::closeFile(mTailFd);
    mTailFd = -1;
    const std::string tailPath = path(tailFileName(mLayerId, block));
    mTailFd = posix::openFile(tailPath, O_RDWR | (create ? O_CREAT : 0));
    mTailBlock = block;
}

void MatrixWriter::append(const uint8_t* rows, int64_t n) {
    const MatrixGeometry& g = mGeometry;
    while (n > 0) {
        const int64_t block = mRows / g.blockRows;
        const int64_t inBlock = mRows % g.blockRows;
        if (mTailBlock != block || mTailFd < 0) {
            openTail(block, true);
            mUnsyncedFds.push_back(-1);  // -1: the folder (a new directory entry)
        }
        const int64_t take = std::min(n, g.blockRows - inBlock);
        posix::writeAt(mTailFd, rows, static_cast<size_t>(take * g.rowBytes()), inBlock * g.rowBytes(),
                       path(tailFileName(mLayerId, block)));
        mUnsyncedFds.push_back(mTailFd);
        mRows += take;
        rows += take * g.rowBytes();
        n -= take;
        if (mRows % g.blockRows == 0) sealBlock(block);
    }
}

void MatrixWriter::sealBlock(int64_t block) {
    const MatrixGeometry& g = mGeometry;
    std::vector<uint8_t> tail(static_cast<size_t>(g.blockBytes()));
    std::vector<uint8_t> columns(tail.size());
    posix::readAt(mTailFd, tail.data(), tail.size(), 0, path(tailFileName(mLayerId, block)));
    transposeToBlock(g, tail.data(), columns.data());
    posix::writeAt(mBlocksFd, columns.data(), columns.size(), block * g.blockBytes(),
                   path(blocksFileName(mLayerId)));
    mUnsyncedFds.push_back(mBlocksFd);
    // The sealed tail's new rows need no sync: until the commit, recovery discards them
    // along with the block; after it, the block holds them.
    mUnsyncedFds.erase(std::remove(mUnsyncedFds.begin(), mUnsyncedFds.end(), mTailFd), mUnsyncedFds.end());
    posix::closeFile(mTailFd);
    mTailFd = -1;
    mTailBlock = -1;
    mSealedTails.push_back(block);
}

void MatrixWriter::sync() {
    std::sort(mUnsyncedFds.begin(), mUnsyncedFds.end());
    mUnsyncedFds.erase(std::unique(mUnsyncedFds.begin(), mUnsyncedFds.end()), mUnsyncedFds.end());
    for (int fd : mUnsyncedFds) {
        if (fd < 0) posix::syncDirectory(mDir);
        else posix::syncData(fd, mDir + "/layer" + std::to_string(mLayerId) + " matrix files");
    }
    mUnsyncedFds.clear();
}

void MatrixWriter::afterCommit() {
    for (int64_t block : mSealedTails) posix::removeIfExists(path(tailFileName(mLayerId, block)));
    mSealedTails.clear();
}

// ---- MatrixView -----------------------------------------------------------------------------

MatrixView::MatrixView(const std::string& dir, int layerId, MatrixGeometry geometry, int64_t rows)
    : mGeometry(geometry), mRows(rows) {
    mSealedBlocks = rows / geometry.blockRows;
    mTailRows = rows % geometry.blockRows;
    mBlocksLength = static_cast<size_t>(mSealedBlocks * geometry.blockBytes());
    mTailLength = static_cast<size_t>(mTailRows * geometry.rowBytes());
    mBlocks = posix::mapReadOnly(dir + "/" + blocksFileName(layerId), mBlocksLength);
    try {
        mTail = posix::mapReadOnly(dir + "/" + tailFileName(layerId, mSealedBlocks), mTailLength);
    } catch (...) {
        posix::unmapFile(mBlocks, mBlocksLength);
        throw;
    }
}

MatrixView::~MatrixView() {
    posix::unmapFile(mBlocks, mBlocksLength);
    posix::unmapFile(mTail, mTailLength);
}

void MatrixView::columnKeys(int64_t unit, ScoreKind kind, uint16_t* out) const {
    const MatrixGeometry& g = mGeometry;
    const int64_t column = g.blockColumn(kind, unit);
    const auto runBytes = static_cast<size_t>(g.blockRows * 2);
    for (int64_t b = 0; b < mSealedBlocks; ++b)
        posix::adviseWillNeed(mBlocks, mBlocksLength, static_cast<size_t>(b * g.blockBytes() + column), runBytes);
    for (int64_t b = 0; b < mSealedBlocks; ++b) {
        const uint8_t* src = mBlocks + b * g.blockBytes() + column;
        uint16_t* dst = out + b * g.blockRows;
        for (int64_t r = 0; r < g.blockRows; ++r) dst[r] = half::sortKey(load16(src + 2 * r));
        posix::adviseDontNeed(mBlocks, mBlocksLength, static_cast<size_t>(b * g.blockBytes() + column), runBytes);
    }
    const uint8_t* src = mTail + g.rowValue(kind, unit);
    uint16_t* dst = out + mSealedBlocks * g.blockRows;
    for (int64_t r = 0; r < mTailRows; ++r) dst[r] = half::sortKey(load16(src + r * g.rowBytes()));
}

const uint8_t* MatrixView::blockPtr(int64_t row, int64_t& inBlock) const {
    const int64_t block = row / mGeometry.blockRows;
    inBlock = row % mGeometry.blockRows;
    return block < mSealedBlocks ? mBlocks + block * mGeometry.blockBytes() : nullptr;
}

uint16_t MatrixView::value(int64_t unit, ScoreKind kind, int64_t row) const {
    int64_t inBlock = 0;
    if (const uint8_t* block = blockPtr(row, inBlock))
        return load16(block + mGeometry.blockColumn(kind, unit) + inBlock * 2);
    return load16(mTail + inBlock * mGeometry.rowBytes() + mGeometry.rowValue(kind, unit));
}

int32_t MatrixView::argmax(int64_t unit, int64_t row) const {
    const MatrixGeometry& g = mGeometry;
    int64_t inBlock = 0;
    if (const uint8_t* block = blockPtr(row, inBlock))
        return loadArgmax(block + g.blockArgmaxColumn(unit) + inBlock * g.argmaxBytes, g.argmaxBytes);
    return loadArgmax(mTail + inBlock * g.rowBytes() + g.rowArgmax(unit), g.argmaxBytes);
}

std::vector<int32_t> MatrixView::argmaxOf(int64_t unit, const std::vector<int64_t>& rows) const {
    const MatrixGeometry& g = mGeometry;
    const auto where = [&](int64_t row) {
        return static_cast<size_t>((row / g.blockRows) * g.blockBytes() + g.blockArgmaxColumn(unit) +
                                   (row % g.blockRows) * g.argmaxBytes);
    };
    for (int64_t row : rows)
        if (row < mSealedBlocks * g.blockRows) posix::adviseWillNeed(mBlocks, mBlocksLength, where(row), 2);
    std::vector<int32_t> out;
    for (int64_t row : rows) out.push_back(argmax(unit, row));
    for (int64_t row : rows)
        if (row < mSealedBlocks * g.blockRows) posix::adviseDontNeed(mBlocks, mBlocksLength, where(row), 2);
    return out;
}

void MatrixView::readRows(int64_t first, int64_t n, uint8_t* out) const {
    const MatrixGeometry& g = mGeometry;
    if (first < 0 || first + n > mRows) throw Error("index rows out of range");
    int64_t row = first;
    while (row < first + n) {
        int64_t inBlock = 0;
        const uint8_t* block = blockPtr(row, inBlock);
        const int64_t run = block ? std::min(first + n - row, g.blockRows - inBlock) : first + n - row;
        uint8_t* dst = out + (row - first) * g.rowBytes();
        if (!block) {
            std::memcpy(dst, mTail + inBlock * g.rowBytes(), static_cast<size_t>(run * g.rowBytes()));
        } else {
            for (const ArrayPart& part : arrayParts(g)) {
                const int64_t es = part.elementBytes;
                for (int64_t u = 0; u < g.units; ++u) {
                    const uint8_t* src = block + part.blockOffset + (u * g.blockRows + inBlock) * es;
                    uint8_t* d = dst + part.rowOffset + u * es;
                    for (int64_t r = 0; r < run; ++r) std::memcpy(d + r * g.rowBytes(), src + r * es, es);
                }
            }
        }
        row += run;
    }
}

}  // namespace ms
