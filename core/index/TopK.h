#pragma once
// Selection of the k best rows of one unit from 16-bit sort keys (index/Half.h), in two
// linear passes: a 65,536-bin histogram finds the boundary key, a second pass collects the
// rows at or beyond it. Rows tied on the boundary key are returned apart so that the caller
// can break the tie by path.

#include <cstdint>
#include <vector>

namespace ms {

struct KeySelection {
    std::vector<int64_t> better;  // rows strictly beyond the boundary (fewer than k)
    std::vector<int64_t> tied;    // rows on the boundary key
    int64_t fromTied = 0;         // how many of `tied` complete the k
    uint16_t boundary = 0;
};

// The k largest (or, with `bottom`, smallest) keys of rows [0, n). `alive` (nullable): one
// byte per row, 0 for rows to skip (images dropped from the index).
KeySelection selectByKey(const uint16_t* keys, int64_t n, int64_t k, bool bottom, const uint8_t* alive);

// Counts per key value over rows [0, n) (65,536 counters), skipping dead rows.
std::vector<uint64_t> keyHistogram(const uint16_t* keys, int64_t n, const uint8_t* alive);

}  // namespace ms
