#pragma once
// Finished feature visualizations on disk, keyed by the request (FeatureVisRequest::key), so
// that revisiting a unit shows its picture at once. Each entry is <key>.json (the request,
// the final loss, the access time) and <key>-<i>.png per batch image. The folder has a size
// limit; storing evicts the least recently used entries (by the access time in the JSON,
// which find() refreshes). Torch-free.
//
// Thread-safety: one instance per thread. Several instances (GUI and worker, two processes)
// may share a folder: files are replaced atomically, and an entry whose files are missing or
// unreadable counts as a miss.

#include "featurevis/FeatureVisRequest.h"

#include <QImage>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ms {

// A finished visualization.
struct FeatureVisResult {
    FeatureVisRequest request;   // resolved (FeatureVisSession::request())
    std::vector<QImage> images;  // one per batch image
    double loss = 0.0;           // final loss (−score)
};

class FeatureVisCache {
public:
    static constexpr std::int64_t kDefaultMaxBytes = 256LL * 1024 * 1024;
    using Clock = std::function<std::int64_t()>;  // milliseconds since the epoch

    // $XDG_CACHE_HOME/multiscope/featurevis when XDG_CACHE_HOME is set, else the generic cache
    // location (~/.cache) + /multiscope/featurevis.
    static QString defaultDirectory();

    // The folder is created when first written.
    explicit FeatureVisCache(QString directory = defaultDirectory(), std::int64_t maxBytes = kDefaultMaxBytes,
                             Clock clock = {});

    // The stored result for this request (its access time refreshed), or nothing.
    std::optional<FeatureVisResult> find(const FeatureVisRequest& request);
    bool contains(const FeatureVisRequest& request) const;
    // Writes the entry (replacing an older one), then evicts least recently used entries until
    // the folder fits the limit; the new entry itself is kept even when it alone is larger.
    // Returns false (and logs a warning) when the files cannot be written.
    bool store(const FeatureVisResult& result);
    void remove(const FeatureVisRequest& request);
    // Removes every entry (and stray temporary files) from the folder.
    void clear();

    std::int64_t sizeBytes() const;  // all entries' files
    int entryCount() const;
    std::int64_t maxBytes() const { return mMaxBytes; }
    // Takes effect at once (evicts when the folder is over the new limit).
    void setMaxBytes(std::int64_t bytes);
    const QString& directory() const { return mDirectory; }

private:
    struct Entry {
        QString key;
        std::int64_t lastAccess = 0;
        std::int64_t bytes = 0;
    };
    std::vector<Entry> scan() const;
    void evict(const QString& keep);
    std::int64_t stamp();
    QString jsonPath(const QString& key) const;
    QString pngPath(const QString& key, int index) const;
    bool writeJson(const QString& key, const FeatureVisResult& result, int imageCount, std::int64_t access);

    QString mDirectory;
    std::int64_t mMaxBytes;
    Clock mClock;
    std::int64_t mLastStamp = 0;
};

// The first picture of a unit's visualization made with the default settings, in either
// precision (what the panels show as its thumbnail), or a null image when none is cached.
QImage cachedUnitPicture(FeatureVisCache& cache, const ModelDescriptor& descriptor, const std::string& layer, int unit);

}  // namespace ms
