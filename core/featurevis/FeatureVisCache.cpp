#include "featurevis/FeatureVisCache.h"

#include "util/CacheDir.h"
#include "util/CpuFeatures.h"
#include "util/Log.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ms {

namespace {

using Json = nlohmann::ordered_json;

std::optional<Json> readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    const Json j = Json::parse(file.readAll().toStdString(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    return j;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    file.write(bytes);
    return file.commit();
}

bool writePng(const QString& path, const QImage& image) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return false;
    }
    return file.commit();
}

template <typename T>
T field(const Json& j, const char* name, T fallback) {
    const auto it = j.find(name);
    if (it == j.end()) return fallback;
    try {
        return it->get<T>();
    } catch (const Json::exception&) {
        return fallback;
    }
}

}  // namespace

QString FeatureVisCache::defaultDirectory() {
    return multiscopeCacheDir(QStringLiteral("featurevis"));
}

FeatureVisCache::FeatureVisCache(QString directory, std::int64_t maxBytes, Clock clock)
    : mDirectory(std::move(directory)),
      mMaxBytes(maxBytes),
      mClock(clock ? std::move(clock) : Clock([] { return QDateTime::currentMSecsSinceEpoch(); })) {}

QString FeatureVisCache::jsonPath(const QString& key) const { return QDir(mDirectory).filePath(key + ".json"); }

QString FeatureVisCache::pngPath(const QString& key, int index) const {
    return QDir(mDirectory).filePath(key + "-" + QString::number(index) + ".png");
}

std::int64_t FeatureVisCache::stamp() {
    // Strictly increasing, so that two accesses in one millisecond still order.
    mLastStamp = std::max(mClock(), mLastStamp + 1);
    return mLastStamp;
}

std::optional<FeatureVisResult> FeatureVisCache::find(const FeatureVisRequest& request) {
    const QString key = QString::fromStdString(request.key());
    std::optional<Json> j = readJson(jsonPath(key));
    if (!j || !j->contains("request")) return std::nullopt;
    FeatureVisResult result;
    try {
        result.request = FeatureVisRequest::fromJson((*j)["request"].dump());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (result.request != request) return std::nullopt;  // a key collision or a stale format
    result.loss = field<double>(*j, "loss", 0.0);
    const int count = field<int>(*j, "images", 0);
    for (int i = 0; i < count; ++i) {
        QImage image(pngPath(key, i));
        if (image.isNull()) return std::nullopt;
        result.images.push_back(image.convertToFormat(QImage::Format_RGB888));
    }
    (*j)["lastAccess"] = stamp();
    writeFile(jsonPath(key), QByteArray::fromStdString(j->dump(2)));
    return result;
}

bool FeatureVisCache::contains(const FeatureVisRequest& request) const {
    return QFileInfo::exists(jsonPath(QString::fromStdString(request.key())));
}

bool FeatureVisCache::writeJson(const QString& key, const FeatureVisResult& result, int imageCount, std::int64_t access) {
    Json j;
    j["request"] = Json::parse(result.request.toJson());
    j["loss"] = result.loss;
    j["images"] = imageCount;
    j["lastAccess"] = access;
    return writeFile(jsonPath(key), QByteArray::fromStdString(j.dump(2)));
}

bool FeatureVisCache::store(const FeatureVisResult& result) {
    const QString key = QString::fromStdString(result.request.key());
    if (!QDir().mkpath(mDirectory)) {
        logWarning("feature visualization cache: cannot create " + mDirectory.toStdString());
        return false;
    }
    remove(result.request);
    // Images first: the JSON's presence marks a complete entry.
    for (size_t i = 0; i < result.images.size(); ++i) {
        if (!writePng(pngPath(key, static_cast<int>(i)), result.images[i])) {
            logWarning("feature visualization cache: cannot write " + pngPath(key, int(i)).toStdString());
            remove(result.request);
            return false;
        }
    }
    if (!writeJson(key, result, static_cast<int>(result.images.size()), stamp())) {
        logWarning("feature visualization cache: cannot write " + jsonPath(key).toStdString());
        remove(result.request);
        return false;
    }
    evict(key);
    return true;
}

void FeatureVisCache::remove(const FeatureVisRequest& request) {
    const QString key = QString::fromStdString(request.key());
    QFile::remove(jsonPath(key));
    const QDir dir(mDirectory);
    for (const QString& name : dir.entryList({key + "-*.png"}, QDir::Files)) QFile::remove(dir.filePath(name));
}

void FeatureVisCache::clear() {
    QDir dir(mDirectory);
    if (!dir.exists()) return;
    // Only our own files: *.json, *-N.png and QSaveFile's leftovers.
    for (const QString& name : dir.entryList({"*.json", "*.png", "*.json.*", "*.png.*"}, QDir::Files))
        QFile::remove(dir.filePath(name));
}

std::vector<FeatureVisCache::Entry> FeatureVisCache::scan() const {
    std::vector<Entry> entries;
    const QDir dir(mDirectory);
    for (const QFileInfo& info : dir.entryInfoList({"*.json"}, QDir::Files)) {
        Entry e;
        e.key = info.completeBaseName();
        const std::optional<Json> j = readJson(info.filePath());
        e.lastAccess = j ? field<std::int64_t>(*j, "lastAccess", 0) : 0;
        e.bytes = info.size();
        for (const QFileInfo& png : dir.entryInfoList({e.key + "-*.png"}, QDir::Files)) e.bytes += png.size();
        entries.push_back(e);
    }
    return entries;
}

void FeatureVisCache::evict(const QString& keep) {
    std::vector<Entry> entries = scan();
    std::int64_t total = 0;
    for (const Entry& e : entries) total += e.bytes;
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.lastAccess != b.lastAccess ? a.lastAccess < b.lastAccess : a.key < b.key;
    });
    const QDir dir(mDirectory);
    for (const Entry& e : entries) {
        if (total <= mMaxBytes) break;
        if (e.key == keep) continue;
        QFile::remove(jsonPath(e.key));
        for (const QString& name : dir.entryList({e.key + "-*.png"}, QDir::Files)) QFile::remove(dir.filePath(name));
        total -= e.bytes;
    }
}

std::int64_t FeatureVisCache::sizeBytes() const {
    std::int64_t total = 0;
    for (const Entry& e : scan()) total += e.bytes;
    return total;
}

int FeatureVisCache::entryCount() const { return static_cast<int>(scan().size()); }

void FeatureVisCache::setMaxBytes(std::int64_t bytes) {
    mMaxBytes = bytes;
    evict({});
}

QImage cachedUnitPicture(FeatureVisCache& cache, const ModelDescriptor& descriptor, const std::string& layer, int unit) {
    FeatureVisRequest request;
    request.objective = layer + ":" + std::to_string(unit);
    // The dock's default precision first (bfloat16 where the CPU has it natively), then the
    // other: a unit visualized either way has a thumbnail.
    const bool bf16First = cpuHasNativeBf16();
    for (const char* precision : {bf16First ? "bfloat16" : "float32", bf16First ? "float32" : "bfloat16"}) {
        request.precision = precision;
        const auto cached = cache.find(request.resolvedFor(descriptor));
        if (cached && !cached->images.empty()) return cached->images.front();
    }
    return QImage();
}

}  // namespace ms
