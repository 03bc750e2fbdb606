// The feature-visualization disk cache: hit and miss, least-recently-used eviction under a
// size limit, clear(), damaged entries counting as misses, the XDG location, and the unit
// thumbnails' lookup.

#include "featurevis/FeatureVisCache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

FeatureVisRequest request(int unit) {
    FeatureVisRequest r;
    r.modelHash = "feedbeef";
    r.objective = "visual.layer4.2.add:" + std::to_string(unit);
    r.size = 64;
    return r;
}

// A noisy picture (so that PNG cannot squeeze it to nothing), different per seed.
QImage picture(int seed, int side = 64) {
    QImage image(side, side, QImage::Format_RGB888);
    quint32 x = 2463534242u + quint32(seed) * 977u;
    for (int y = 0; y < side; ++y)
        for (int c = 0; c < side; ++c) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            image.setPixel(c, y, qRgb(x & 255, (x >> 8) & 255, (x >> 16) & 255));
        }
    return image;
}

FeatureVisResult result(int unit, int images = 1) {
    FeatureVisResult r{request(unit), {}, -1.5 - unit};
    for (int i = 0; i < images; ++i) r.images.push_back(picture(unit * 10 + i));
    return r;
}

}  // namespace

class TestFvCache : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init() {
        mDir = std::make_unique<QTemporaryDir>();
        mNow = 1000;
    }

    void hitAndMiss() {
        FeatureVisCache cache(mDir->filePath("fv"), FeatureVisCache::kDefaultMaxBytes, clock());
        QVERIFY(!cache.find(request(1)));
        QVERIFY(!cache.contains(request(1)));
        QVERIFY(cache.store(result(1, 3)));
        QVERIFY(cache.contains(request(1)));
        const std::optional<FeatureVisResult> hit = cache.find(request(1));
        QVERIFY(hit);
        QVERIFY(hit->request == request(1));
        QCOMPARE(hit->loss, -2.5);
        QCOMPARE(int(hit->images.size()), 3);
        for (int i = 0; i < 3; ++i) QCOMPARE(hit->images[i], picture(10 + i));
        // Another request (here: another seed) is a miss.
        FeatureVisRequest other = request(1);
        other.seed = 5;
        QVERIFY(!cache.find(other));
        // A second instance over the same folder sees it (the GUI and the worker).
        FeatureVisCache again(mDir->filePath("fv"));
        QVERIFY(again.find(request(1)));
        QCOMPARE(cache.entryCount(), 1);
    }

    // Thumbnails: the default-settings picture of a unit, whichever precision made it (the dock
    // visualizes in bfloat16 by default where the CPU has it natively, the CLI in float32).
    void unitPictureInEitherPrecision() {
        FeatureVisCache cache(mDir->filePath("fv"), FeatureVisCache::kDefaultMaxBytes, clock());
        ModelDescriptor model;
        model.contentHash = "feedbeef";
        model.inputResolution = 64;
        QVERIFY(cachedUnitPicture(cache, model, "visual.layer4.2.add", 1).isNull());
        FeatureVisResult bf16 = result(1);
        bf16.request.precision = "bfloat16";
        QVERIFY(cache.store(bf16));
        QCOMPARE(cachedUnitPicture(cache, model, "visual.layer4.2.add", 1), picture(10));
        QVERIFY(cache.store(result(2)));  // float32
        QCOMPARE(cachedUnitPicture(cache, model, "visual.layer4.2.add", 2), picture(20));
        QVERIFY(cachedUnitPicture(cache, model, "visual.layer4.2.add", 3).isNull());
    }

    void replacingAnEntry() {
        FeatureVisCache cache(mDir->path(), FeatureVisCache::kDefaultMaxBytes, clock());
        QVERIFY(cache.store(result(1, 3)));
        FeatureVisResult smaller = result(1, 1);
        smaller.images[0] = picture(99);
        QVERIFY(cache.store(smaller));
        const auto hit = cache.find(request(1));
        QVERIFY(hit);
        QCOMPARE(int(hit->images.size()), 1);
        QCOMPARE(hit->images[0], picture(99));
        QCOMPARE(QDir(mDir->path()).entryList({"*.png"}).size(), 1);
    }

    // Least recently used goes first: A, B, C stored; A read; D stored → B evicted.
    void evictsLeastRecentlyUsed() {
        FeatureVisCache probe(mDir->filePath("probe"));
        QVERIFY(probe.store(result(1)));
        const std::int64_t entry = probe.sizeBytes();
        QVERIFY(entry > 64 * 64);

        FeatureVisCache cache(mDir->filePath("lru"), entry * 3 + entry / 2, clock());
        for (int unit : {1, 2, 3}) QVERIFY(cache.store(result(unit)));
        QCOMPARE(cache.entryCount(), 3);
        QVERIFY(cache.find(request(1)));
        QVERIFY(cache.store(result(4)));
        QCOMPARE(cache.entryCount(), 3);
        QVERIFY(cache.contains(request(1)));
        QVERIFY(!cache.contains(request(2)));
        QVERIFY(cache.contains(request(3)));
        QVERIFY(cache.contains(request(4)));
        QVERIFY(cache.sizeBytes() <= cache.maxBytes());
        // Lowering the limit evicts at once, oldest first.
        cache.setMaxBytes(entry + entry / 2);
        QCOMPARE(cache.entryCount(), 1);
        QVERIFY(cache.contains(request(4)));
    }

    // The order survives a restart: access times live in the JSON, not in memory.
    void accessTimesArePersistent() {
        {
            FeatureVisCache cache(mDir->path(), FeatureVisCache::kDefaultMaxBytes, clock());
            for (int unit : {1, 2}) QVERIFY(cache.store(result(unit)));
            QVERIFY(cache.find(request(1)));
        }
        FeatureVisCache probe(mDir->filePath("probe"));
        QVERIFY(probe.store(result(1)));
        FeatureVisCache cache(mDir->path(), FeatureVisCache::kDefaultMaxBytes, clock());
        cache.setMaxBytes(probe.sizeBytes() + 10);
        QVERIFY(cache.contains(request(1)));
        QVERIFY(!cache.contains(request(2)));
    }

    void anEntryLargerThanTheLimitIsKept() {
        FeatureVisCache cache(mDir->path(), 100, clock());
        QVERIFY(cache.store(result(1)));
        QVERIFY(cache.store(result(2)));
        QCOMPARE(cache.entryCount(), 1);
        QVERIFY(cache.find(request(2)));
    }

    void clear() {
        FeatureVisCache cache(mDir->path(), FeatureVisCache::kDefaultMaxBytes, clock());
        for (int unit : {1, 2, 3}) QVERIFY(cache.store(result(unit, 2)));
        QFile stray(mDir->filePath("notes.txt"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        cache.clear();
        QCOMPARE(cache.entryCount(), 0);
        QCOMPARE(cache.sizeBytes(), std::int64_t(0));
        QVERIFY(!cache.find(request(1)));
        QVERIFY(QFile::exists(mDir->filePath("notes.txt")));  // not ours: left alone
        FeatureVisCache(mDir->filePath("never-created")).clear();
    }

    void damagedEntriesAreMisses() {
        FeatureVisCache cache(mDir->path(), FeatureVisCache::kDefaultMaxBytes, clock());
        QVERIFY(cache.store(result(1, 2)));
        const QString key = QString::fromStdString(request(1).key());
        QVERIFY(QFile::remove(mDir->filePath(key + "-1.png")));
        QVERIFY(!cache.find(request(1)));
        QVERIFY(cache.store(result(2)));
        const QString key2 = QString::fromStdString(request(2).key());
        QFile json(mDir->filePath(key2 + ".json"));
        QVERIFY(json.open(QIODevice::WriteOnly | QIODevice::Truncate));
        json.write("{ not json");
        json.close();
        QVERIFY(!cache.find(request(2)));
    }

    void xdgCacheHome() {
        const QByteArray saved = qgetenv("XDG_CACHE_HOME");
        qputenv("XDG_CACHE_HOME", mDir->path().toUtf8());
        QCOMPARE(FeatureVisCache::defaultDirectory(), mDir->path() + "/multiscope/featurevis");
        qunsetenv("XDG_CACHE_HOME");
        QVERIFY(FeatureVisCache::defaultDirectory().endsWith("/multiscope/featurevis"));
        if (!saved.isEmpty()) qputenv("XDG_CACHE_HOME", saved);
    }

private:
    FeatureVisCache::Clock clock() {
        return [this] { return mNow += 10; };
    }

    std::unique_ptr<QTemporaryDir> mDir;
    std::int64_t mNow = 0;
};

QTEST_GUILESS_MAIN(TestFvCache)
#include "tst_fv_cache.moc"
