// The indexing pipeline with a deterministic fake model: folder walk order, every kind of bad
// file, top-k against brute force, shards + merge against a single run, incremental re-runs,
// cancel and resume, identity checks, progress.

#include "FakeActivationSource.h"
#include "IndexTestSupport.h"

#include "image/ClipPreprocess.h"
#include "index/FolderWalk.h"
#include "index/Half.h"
#include "index/IndexMerge.h"
#include "index/IndexReader.h"
#include "index/IndexRun.h"
#include "index/JsonPath.h"
#include "index/PosixFile.h"
#include "jobs/Feedback.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <map>

using namespace ms;
using ms::test::FakeActivationSource;

namespace {

IndexOptions optionsFor(const std::string& images, const std::string& index, int batch = 4) {
    IndexOptions o;
    o.imagesDir = images;
    o.indexDir = index;
    o.batchSize = batch;
    o.threads = 2;
    o.blockRows = 8;  // small blocks: sealing is exercised
    return o;
}

IndexReport index(const IndexOptions& o, FakeActivationSource& source) {
    Feedback feedback;
    return runIndexing(o, source, feedback);
}

template <typename F>
QString errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

std::string describe(const std::vector<TopHit>& hits) {
    std::string out;
    for (const TopHit& h : hits)
        out += h.path + "=" + std::to_string(h.score) + "@" + std::to_string(h.x) + "," + std::to_string(h.y) + " ";
    return out;
}

void setMtime(const std::string& path, int64_t seconds) {
    const timeval times[2] = {{static_cast<time_t>(seconds), 0}, {static_cast<time_t>(seconds), 0}};
    QVERIFY(::utimes(path.c_str(), times) == 0);
}

// A minimal GIF (a 1×1 image).
std::vector<uint8_t> tinyGif() {
    return {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';'};
}

// A PNG whose header claims 100000 × 100000 pixels, with no image data behind it.
std::vector<uint8_t> bombPng() {
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    const uint32_t side = 100000;
    for (int i = 0; i < 2; ++i)
        for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<uint8_t>(side >> s));
    png.insert(png.end(), {8, 2, 0, 0, 0, 0, 0, 0, 0});  // depth, colour, ..., (unchecked) CRC
    png.insert(png.end(), 200, 0x42);
    return png;
}

}  // namespace

class TestIndexPipeline : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void walkListsFilesInBytewiseOrder() {
        QTemporaryDir tmp;
        const test::TreeRemover cleanup{tmp.path().toStdString()};
        const std::string root = tmp.path().toStdString();
        for (const char* name : {"a/b.png", "a-b.png", "B.png", "a.png", "\xff.png", "a/c/d.png", "\xc3\xa9.png"})
            test::writeImage(root + "/" + name, 1);
        std::vector<std::string> paths;
        for (const WalkEntry& e : walkFolder(root)) paths.push_back(e.path);
        const std::vector<std::string> expected = {"B.png", "a-b.png", "a.png", "a/b.png", "a/c/d.png", "\xc3\xa9.png", "\xff.png"};
        QCOMPARE(paths, expected);
    }

    void jsonPathPercentEncodesInvalidBytes_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("json");
        QTest::newRow("ascii") << QByteArray("dir/a.jpg") << "dir/a.jpg";
        QTest::newRow("valid utf-8") << QByteArray("caf\xc3\xa9.jpg") << QString::fromUtf8("caf\xc3\xa9.jpg");
        QTest::newRow("latin-1 byte") << QByteArray("caf\xe9.jpg") << "caf%E9.jpg";
        QTest::newRow("lone 0xFF") << QByteArray("\xff") << "%FF";
        QTest::newRow("truncated sequence") << QByteArray("\xe2\x82.png") << "%E2%82.png";
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << "%ED%A0%80";
        QTest::newRow("overlong") << QByteArray("\xc0\xaf") << "%C0%AF";
        QTest::newRow("four bytes") << QByteArray("\xf0\x9f\x98\x80") << QString::fromUtf8("\xf0\x9f\x98\x80");
    }
    void jsonPathPercentEncodesInvalidBytes() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, json);
        QCOMPARE(QString::fromUtf8(jsonPath(bytes.toStdString())), json);
    }

    void badFilesAreRecordedAndEveryGoodImageIsIndexed() {
        QTemporaryDir tmp;
        const test::TreeRemover cleanup{tmp.path().toStdString()};
        const std::string root = tmp.filePath("images").toStdString();
        const std::string idx = tmp.filePath("index").toStdString();
        std::vector<std::string> good = {"a.jpg", "b.png", "c.bmp", "d.webp", "e.tiff", "nested/deep/f.jpg",
                                         "caf\xe9.png", "really_a_png.txt", "link_to_a.jpg"};
        for (size_t i = 0; i + 2 < good.size(); ++i) test::writeImage(root + "/" + good[i], static_cast<int>(i));
        test::writeBytes(root + "/really_a_png.txt", test::encodedImage(".png", 42));
        QVERIFY(::symlink("a.jpg", (root + "/link_to_a.jpg").c_str()) == 0);

        const std::vector<uint8_t> jpeg = test::encodedImage(".jpg", 7, 64, 48);
        const std::vector<uint8_t> png = test::encodedImage(".png", 8, 64, 48);
        test::writeBytes(root + "/zero.jpg", {});
        test::writeBytes(root + "/truncated.jpg", std::vector<uint8_t>(jpeg.begin(), jpeg.begin() + static_cast<long>(jpeg.size() / 2)));
        test::writeBytes(root + "/truncated.png", std::vector<uint8_t>(png.begin(), png.begin() + static_cast<long>(png.size() * 2 / 3)));
        test::writeText(root + "/text.png", "this is not a picture\n");
        test::writeBytes(root + "/anim.gif", tinyGif());
        test::writeBytes(root + "/photo.heic", {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1'});
        test::writeBytes(root + "/bomb.png", bombPng());
        test::writeImage(root + "/locked.jpg", 9);
        QVERIFY(::chmod((root + "/locked.jpg").c_str(), 0) == 0);
        QVERIFY(::symlink("missing.jpg", (root + "/dangling.jpg").c_str()) == 0);
        QVERIFY(::symlink("loop.jpg", (root + "/loop.jpg").c_str()) == 0);
        QVERIFY(::symlink(".", (root + "/nested/up").c_str()) == 0);
        QVERIFY(::mkfifo((root + "/fifo.jpg").c_str(), 0644) == 0);
        test::writeText(root + "/notes.txt", "not an image and not named like one\n");

        FakeActivationSource source;
        IndexReport report;
        {
            // Root reads through permission bits: drop that privilege so locked.jpg is locked.
            test::PermissionsEnforced enforced;
            QVERIFY2(enforced.active(), "cannot make permission bits bind (no CAP_DAC_* control)");
            report = index(optionsFor(root, idx, 3), source);
        }
        QVERIFY(::chmod((root + "/locked.jpg").c_str(), 0644) == 0);

        std::map<std::string, IndexIssue> errors;
        for (const IndexIssue& e : report.errors) errors[e.path] = e;
        const std::map<std::string, IssueKind> expected = {
            {"zero.jpg", IssueKind::Empty},           {"truncated.jpg", IssueKind::Corrupt},
            {"truncated.png", IssueKind::Corrupt},    {"text.png", IssueKind::NotImage},
            {"anim.gif", IssueKind::Unsupported},     {"photo.heic", IssueKind::Unsupported},
            {"bomb.png", IssueKind::TooLarge},        {"locked.jpg", IssueKind::Unreadable},
            {"dangling.jpg", IssueKind::BrokenSymlink}, {"loop.jpg", IssueKind::SymlinkLoop},
            {"nested/up", IssueKind::SymlinkLoop},    {"fifo.jpg", IssueKind::NotRegular},
        };
        QString listing;
        for (const auto& [path, e] : errors) listing += QString::fromStdString(path + ": " + issueKindName(e.kind) + ": " + e.reason + "\n");
        QCOMPARE(errors.size(), expected.size());
        for (const auto& [path, kind] : expected) {
            QVERIFY2(errors.count(path), qPrintable("missing " + QString::fromStdString(path) + "\n" + listing));
            QVERIFY2(errors[path].kind == kind, qPrintable(listing));
            QVERIFY(!errors[path].reason.empty());
        }
        QVERIFY(errors["bomb.png"].reason.find("100000") != std::string::npos);
        QVERIFY(errors["locked.jpg"].reason.find("Permission denied") != std::string::npos);
        QVERIFY(errors["anim.gif"].reason.find("GIF") != std::string::npos);

        QCOMPARE(report.indexed, static_cast<int64_t>(good.size()));
        QCOMPARE(report.ignored, int64_t{1});  // notes.txt
        QVERIFY(!report.canceled);
        const auto reader = IndexReader::open(idx);
        std::vector<std::string> paths = reader->imagePaths();
        std::sort(paths.begin(), paths.end());
        std::sort(good.begin(), good.end());
        QCOMPARE(paths, good);
        QCOMPARE(reader->errors().size(), expected.size());
        // The non-UTF-8 name is indexed under its bytes and prints percent-encoded.
        QCOMPARE(reader->imageVector("fake.layer2", "caf\xe9.png").max.size(), size_t{6});
        QCOMPARE(jsonPath("caf\xe9.png"), std::string("caf%E9.png"));
    }

    void aLowPixelLimitRefusesByHeader() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        test::writeImage(root + "/small.png", 1, 10, 10);
        test::writeImage(root + "/large.png", 2, 50, 40);
        IndexOptions o = optionsFor(root, tmp.filePath("index").toStdString());
        o.maxPixels = 1000;
        FakeActivationSource source;
        const IndexReport r = index(o, source);
        QCOMPARE(r.indexed, int64_t{1});
        QCOMPARE(r.errors.size(), size_t{1});
        QCOMPARE(r.errors[0].kind, IssueKind::TooLarge);
        QVERIFY(r.errors[0].reason.find("50×40") != std::string::npos);
    }

    void topKAgreesWithBruteForce() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        const std::string idx = tmp.filePath("index").toStdString();
        const std::vector<std::string> paths = test::makeImageFolder(root, 23);
        IndexOptions o = optionsFor(root, idx, 5);
        o.layers = {"fake.layer1", "fake.layer2"};
        FakeActivationSource source;
        QCOMPARE(index(o, source).indexed, int64_t{23});
        const auto reader = IndexReader::open(idx);
        for (const std::string layer : {"fake.layer1", "fake.layer2"}) {
            const SourceLayer l = source.layer(layer);
            // Brute force: the full maps of every image, reduced and ranked here.
            std::vector<std::vector<std::vector<float>>> maps;
            for (const std::string& p : paths) maps.push_back(source.fullMap(preprocessImageFile(root + "/" + p, 32), layer));
            for (int64_t u = 0; u < l.units; ++u) {
                for (ScoreKind by : {ScoreKind::Max, ScoreKind::Mean}) {
                    std::vector<TopHit> all;
                    for (size_t i = 0; i < paths.size(); ++i) {
                        const auto& cells = maps[i][static_cast<size_t>(u)];
                        const auto best = std::max_element(cells.begin(), cells.end()) - cells.begin();
                        float sum = 0;
                        for (float v : cells) sum += v;
                        TopHit h;
                        h.path = paths[i];
                        h.score = half::toFloat(half::fromFloat(by == ScoreKind::Max ? cells[static_cast<size_t>(best)]
                                                                                     : sum / static_cast<float>(cells.size())));
                        h.x = static_cast<int>(best % l.gridWidth);
                        h.y = static_cast<int>(best / l.gridWidth);
                        all.push_back(h);
                    }
                    for (bool bottom : {false, true}) {
                        std::sort(all.begin(), all.end(), [&](const TopHit& a, const TopHit& b) {
                            if (a.score != b.score) return bottom ? a.score < b.score : a.score > b.score;
                            return a.path < b.path;
                        });
                        const std::vector<TopHit> want(all.begin(), all.begin() + 7);
                        QCOMPARE(describe(reader->top(layer, u, 7, bottom, by)), describe(want));
                    }
                }
            }
        }
    }

    void threeShardsMergeToTheSingleRun() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        test::makeImageFolder(root, 29);
        test::writeText(root + "/dir1/bad.jpg", "broken");
        test::writeText(root + "/readme.md", "hello");
        FakeActivationSource source;
        const std::string single = tmp.filePath("single").toStdString();
        index(optionsFor(root, single, 3), source);

        std::vector<std::string> shardDirs;
        int64_t shardImages = 0;
        for (int i = 1; i <= 3; ++i) {
            IndexOptions o = optionsFor(root, tmp.filePath(QString("shard%1").arg(i)).toStdString(), 3);
            o.shard = ShardSpec{i, 3};
            const IndexReport r = index(o, source);
            shardImages += r.indexed;
            shardDirs.push_back(o.indexDir);
            // A finished shard is left alone.
            QVERIFY(index(o, source).alreadyComplete);
        }
        QCOMPARE(shardImages, int64_t{29});
        std::reverse(shardDirs.begin(), shardDirs.end());  // order of arguments does not matter
        const std::string merged = tmp.filePath("merged").toStdString();
        const MergeReport m = mergeIndexes(merged, shardDirs);
        QCOMPARE(m.shards, 3);
        QCOMPARE(m.images, int64_t{29});
        QCOMPARE(m.errors, int64_t{1});
        QCOMPARE(QString::fromStdString(test::indexFingerprint(merged)), QString::fromStdString(test::indexFingerprint(single)));

        // An interrupted merge resumes when called again, to the same result.
        const std::string merged2 = tmp.filePath("merged2").toStdString();
        Feedback stopEarly([&](double fraction, const std::string&) {
            if (fraction > 0.3) stopEarly.cancel();
        });
        QVERIFY(mergeIndexes(merged2, shardDirs, &stopEarly).canceled);
        const MergeReport resumed = mergeIndexes(merged2, shardDirs);
        QVERIFY(resumed.resumed && !resumed.canceled);
        QVERIFY(resumed.batches > 0 && resumed.batches < 11);
        QCOMPARE(QString::fromStdString(test::indexFingerprint(merged2)), QString::fromStdString(test::indexFingerprint(single)));

        // Incomplete or mismatched shard sets are refused with a reason.
        QVERIFY(errorOf([&] { mergeIndexes(tmp.filePath("m2").toStdString(), {shardDirs[0], shardDirs[1]}); }).contains("3 shards"));
        QVERIFY(errorOf([&] { mergeIndexes(tmp.filePath("m3").toStdString(), {single}); }).contains("not a shard"));
        QVERIFY(errorOf([&] { mergeIndexes(merged, shardDirs); }).contains("already holds an index"));
    }

    void incrementalRunProcessesOnlyWhatChanged() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        const std::string idx = tmp.filePath("index").toStdString();
        const std::vector<std::string> paths = test::makeImageFolder(root, 12);
        FakeActivationSource source;
        QCOMPARE(index(optionsFor(root, idx), source).indexed, int64_t{12});
        QCOMPARE(source.imagesSeen.load(), int64_t{12});

        // Unchanged folder: nothing to do.
        IndexReport again = index(optionsFor(root, idx), source);
        QCOMPARE(again.planned, int64_t{0});
        QCOMPARE(again.unchanged, int64_t{12});
        QCOMPARE(source.imagesSeen.load(), int64_t{12});

        const std::string changed = root + "/" + paths[3], touched = root + "/" + paths[5], removed = root + "/" + paths[7];
        test::writeImage(changed, 999, 30, 30);
        setMtime(changed, 2000000000);
        setMtime(touched, 2000000000);  // same bytes, new mtime: confirmed unchanged by hash
        QVERIFY(::unlink(removed.c_str()) == 0);
        test::writeImage(root + "/new/added.png", 555);
        const IndexReport r = index(optionsFor(root, idx), source);
        QCOMPARE(source.imagesSeen.load(), int64_t{12 + 2});  // the changed and the new file only
        QCOMPARE(r.planned, int64_t{2});
        QCOMPARE(r.changed, int64_t{1});
        QCOMPARE(r.removed, int64_t{1});
        QCOMPARE(r.unchanged, int64_t{10});
        QCOMPARE(r.totalImages, int64_t{12});

        // The result equals a fresh index of the changed folder, query for query.
        const std::string fresh = tmp.filePath("fresh").toStdString();
        index(optionsFor(root, fresh), source);
        const auto a = IndexReader::open(idx), b = IndexReader::open(fresh);
        for (int64_t u = 0; u < 6; ++u)
            for (bool bottom : {false, true})
                QCOMPARE(describe(a->top("fake.layer2", u, 12, bottom)), describe(b->top("fake.layer2", u, 12, bottom)));
        // The touched file's new mtime was recorded: a further run has nothing to do.
        QCOMPARE(index(optionsFor(root, idx), source).planned, int64_t{0});
    }

    void canceledRunResumesToTheSameIndex() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        test::makeImageFolder(root, 26);
        FakeActivationSource source;
        const std::string reference = tmp.filePath("reference").toStdString();
        index(optionsFor(root, reference, 3), source);

        const std::string idx = tmp.filePath("index").toStdString();
        Feedback feedback;
        IndexOptions o = optionsFor(root, idx, 3);
        o.hook = [&](IndexHook point, int64_t batch) {
            if (point == IndexHook::BatchCommitted && batch == 4) feedback.cancel();
        };
        const IndexReport first = runIndexing(o, source, feedback);
        QVERIFY(first.canceled);
        QCOMPARE(first.batches, int64_t{5});
        QVERIFY(!IndexReader::open(idx)->info().complete);
        // An exception between the matrix write and the commit (a crash, in-process) leaves
        // uncommitted rows behind; the next run discards them.
        o.hook = [](IndexHook point, int64_t batch) {
            if (point == IndexHook::MatricesWritten && batch == 6) throw std::runtime_error("simulated crash");
        };
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, index(o, source));
        o.hook = {};
        const IndexReport rest = index(o, source);
        QVERIFY(rest.resumed);
        QCOMPARE(rest.batches, int64_t{9 - 6});
        QCOMPARE(rest.indexed, int64_t{26});  // the whole run's images
        QVERIFY(IndexReader::open(idx)->info().complete);
        QCOMPARE(QString::fromStdString(test::indexFingerprint(idx)), QString::fromStdString(test::indexFingerprint(reference)));
    }

    void anotherModelOrSettingIsRefused() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        const std::string idx = tmp.filePath("index").toStdString();
        test::makeImageFolder(root, 3);
        FakeActivationSource source("model-A");
        index(optionsFor(root, idx), source);
        FakeActivationSource other("model-B");
        QString e = errorOf([&] { index(optionsFor(root, idx), other); });
        QVERIFY2(e.contains("another model") && e.contains("model-A") && e.contains("model-B"), qPrintable(e));
        e = errorOf([&] { index(optionsFor(root, idx, 7), source); });
        QVERIFY2(e.contains("batches of 4"), qPrintable(e));
        IndexOptions layers = optionsFor(root, idx);
        layers.layers = {"fake.layer1"};
        e = errorOf([&] { index(layers, source); });
        QVERIFY2(e.contains("holds layers fake.layer2"), qPrintable(e));
        QVERIFY(errorOf([&] { IndexReader::open(idx, "model-B"); }).contains("another model"));
        layers.layers = {"fake.nope"};
        layers.indexDir = tmp.filePath("other").toStdString();
        QVERIFY(errorOf([&] { index(layers, source); }).contains("no layer 'fake.nope'"));
    }

    void defaultLayerAndIdentityAreRecorded() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        const std::string idx = tmp.filePath("index").toStdString();
        test::makeImageFolder(root, 2);
        FakeActivationSource source;
        IndexOptions o = optionsFor(root, idx);
        o.batchSize = 0;
        index(o, source);
        const IndexInfo info = IndexReader::open(idx)->info();
        QCOMPARE(info.layers.size(), size_t{1});
        QCOMPARE(info.layers[0].name, std::string("fake.layer2"));
        QCOMPARE(info.layers[0].gridWidth, int64_t{17});
        QCOMPARE(info.layers[0].argmaxBytes, 2);
        QCOMPARE(info.batchSize, kDefaultIndexBatchSize);
        QCOMPARE(info.modelHash, std::string("fake-model-1"));
        QVERIFY(info.preprocessing.find("32") != std::string::npos);
        QVERIFY(!info.appVersion.empty());
        QVERIFY(info.complete);
    }

    void progressCarriesRateAndEta() {
        QTemporaryDir tmp;
        const std::string root = tmp.filePath("images").toStdString();
        test::makeImageFolder(root, 10);
        FakeActivationSource source;
        source.sleepMsPerBatch = 120;  // beyond the feedback throttle
        QStringList messages;
        Feedback feedback([&](double, const std::string& m) { messages << QString::fromStdString(m); });
        runIndexing(optionsFor(root, tmp.filePath("index").toStdString(), 2), source, feedback);
        QVERIFY2(messages.filter("images/s").size() >= 2, qPrintable(messages.join('\n')));
        QVERIFY2(!messages.filter(QRegularExpression("/ 10 files.*ETA")).isEmpty(), qPrintable(messages.join('\n')));
        QCOMPARE(feedback.progress(), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestIndexPipeline)
#include "tst_index_pipeline.moc"
