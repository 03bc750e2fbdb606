#include "index/IndexPlan.h"

#include "index/ContentHash.h"

#include <QCryptographicHash>

#include <algorithm>
#include <unordered_set>

namespace ms {
namespace {

void hashField(QCryptographicHash& h, const std::string& bytes) {
    const auto n = static_cast<uint64_t>(bytes.size());
    h.addData(QByteArrayView(reinterpret_cast<const char*>(&n), sizeof n));
    h.addData(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

// Whether the listed file differs from what the index recorded about it.
bool contentChanged(const WalkEntry& e, const StoredFile& s, const std::string& root) {
    if (e.size == s.size && e.mtimeNs == s.mtimeNs) return false;
    if (e.problem || s.hash.empty() || e.size != s.size) return true;
    return fileContentHash(root + "/" + e.path) != s.hash;
}

}  // namespace

bool shardOwnsBatch(const ShardSpec& shard, int64_t batch) {
    return !shard.active() || batch % shard.count == shard.index - 1;
}

RunPlan planRun(const std::vector<WalkEntry>& listing, const std::unordered_map<std::string, StoredFile>& stored,
                const std::string& root, int batchSize, const ShardSpec& shard) {
    RunPlan plan;
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    hashField(hash, "batch " + std::to_string(batchSize));
    std::unordered_set<std::string> listed;
    int64_t seq = 0;
    for (const WalkEntry& e : listing) {
        listed.insert(e.path);
        const auto it = stored.find(e.path);
        if (it != stored.end()) {
            if (!contentChanged(e, it->second, root)) {
                ++plan.unchanged;
                if (e.size != it->second.size || e.mtimeNs != it->second.mtimeNs)
                    plan.touched.push_back(TouchedFile{e.path, e.size, e.mtimeNs});
                continue;
            }
            ++plan.changed;
        }
        hashField(hash, e.path);
        hashField(hash, std::to_string(e.size) + " " + std::to_string(e.mtimeNs));
        PlanEntry p;
        p.path = e.path;
        p.size = e.size;
        p.mtimeNs = e.mtimeNs;
        p.batch = seq++ / batchSize;
        p.problem = e.problem;
        if (shardOwnsBatch(shard, p.batch)) plan.entries.push_back(std::move(p));
    }
    plan.totalEntries = seq;
    plan.totalBatches = (seq + batchSize - 1) / batchSize;
    for (const auto& [path, file] : stored)
        if (!listed.count(path)) plan.removed.push_back(path);
    std::sort(plan.removed.begin(), plan.removed.end());
    plan.planHash = hash.result().toHex().toStdString();
    return plan;
}

}  // namespace ms
