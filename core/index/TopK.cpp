#include "index/TopK.h"

namespace ms {

std::vector<uint64_t> keyHistogram(const uint16_t* keys, int64_t n, const uint8_t* alive) {
    std::vector<uint64_t> counts(65536, 0);
    if (alive) {
        for (int64_t i = 0; i < n; ++i) counts[keys[i]] += alive[i] != 0;
    } else {
        // 32-bit counters in four interleaved tables: fewer store-to-load stalls on runs of
        // equal keys, which are common (a dead unit, a ReLU's zeros).
        std::vector<uint32_t> part(4 * 65536, 0);
        int64_t i = 0;
        for (; i + 4 <= n; i += 4) {
            ++part[keys[i]];
            ++part[65536 + keys[i + 1]];
            ++part[2 * 65536 + keys[i + 2]];
            ++part[3 * 65536 + keys[i + 3]];
        }
        for (; i < n; ++i) ++part[keys[i]];
        for (int t = 0; t < 4; ++t)
            for (int key = 0; key < 65536; ++key) counts[key] += part[t * 65536 + key];
    }
    return counts;
}

KeySelection selectByKey(const uint16_t* keys, int64_t n, int64_t k, bool bottom, const uint8_t* alive) {
    KeySelection sel;
    if (k <= 0 || n <= 0) return sel;
    const std::vector<uint64_t> counts = keyHistogram(keys, n, alive);
    // Walk keys from the best end until k rows are covered.
    uint64_t covered = 0;
    int boundary = -1;
    for (int step = 0; step < 65536; ++step) {
        const int key = bottom ? step : 65535 - step;
        if (counts[key] == 0) continue;
        if (covered + counts[key] >= static_cast<uint64_t>(k)) {
            boundary = key;
            break;
        }
        covered += counts[key];
    }
    if (boundary < 0) {  // fewer than k rows in all: every row is "better"
        for (int64_t i = 0; i < n; ++i)
            if (!alive || alive[i]) sel.better.push_back(i);
        return sel;
    }
    sel.boundary = static_cast<uint16_t>(boundary);
    sel.fromTied = k - static_cast<int64_t>(covered);
    sel.better.reserve(covered);
    sel.tied.reserve(counts[boundary]);
    const auto b = static_cast<uint16_t>(boundary);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t key = keys[i];
        const bool beyond = bottom ? key <= b : key >= b;
        if (!beyond || (alive && !alive[i])) continue;
        (key == b ? sel.tied : sel.better).push_back(i);
    }
    return sel;
}

}  // namespace ms
