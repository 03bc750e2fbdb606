// The index's storage and query layer without any model: binary16 conversion, the matrix
// files (row-major tails sealed into unit-major blocks), crash recovery, and top-k / bottom-k,
// histograms and image vectors against brute force over the values written.

#include "index/Half.h"
#include "index/IndexReader.h"
#include "index/IndexWriter.h"
#include "index/LayerMatrix.h"
#include "index/PosixFile.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

using namespace ms;

namespace {

// Values of one synthetic image row: few distinct scores, so that ties are common.
struct SyntheticRow {
    std::string path;
    std::vector<float> max, mean;
    std::vector<int64_t> argmax;
};

IndexIdentity testIdentity(int blockRows) {
    IndexIdentity id;
    id.modelHash = "feedc0de";
    id.modelSource = "synthetic";
    id.preprocessing = "none";
    id.batchSize = 3;
    id.blockRows = blockRows;
    id.layers = {{"visual.layer1", 5, 3, 3, argmaxBytesFor(3, 3)}, {"visual.layer2.0.add", 3, 20, 20, argmaxBytesFor(20, 20)}};
    return id;
}

SyntheticRow makeRow(int i, const IndexLayerInfo& layer, std::mt19937& rng) {
    SyntheticRow r;
    r.path = "img" + std::to_string((i * 37) % 101) + (i % 2 ? ".png" : ".jpg");
    std::uniform_int_distribution<int> level(-3, 3);
    std::uniform_int_distribution<int64_t> cell(0, layer.gridHeight * layer.gridWidth - 1);
    for (int64_t u = 0; u < layer.units; ++u) {
        r.max.push_back(static_cast<float>(level(rng)) * 0.75f + (u == 0 ? 0.f : 0.001f * static_cast<float>(i)));
        r.mean.push_back(static_cast<float>(level(rng)) * 0.25f);
        r.argmax.push_back(cell(rng));
    }
    return r;
}

// Writes `count` images (two layers) in batches of `batch`; returns each layer's rows.
std::vector<std::vector<SyntheticRow>> writeIndex(const std::string& dir, int count, int batch, int blockRows) {
    const IndexIdentity id = testIdentity(blockRows);
    auto w = IndexWriter::create(dir, id);
    std::mt19937 rng(7);
    std::vector<std::vector<SyntheticRow>> rows(id.layers.size());
    const int64_t run = w->beginRun(RunRecord{}, {}, {}, {});
    for (int first = 0, b = 0; first < count; first += batch, ++b) {
        std::vector<FileRecord> files;
        std::vector<std::vector<uint8_t>> packed(id.layers.size());
        for (int i = first; i < std::min(count, first + batch); ++i) {
            FileRecord f;
            f.status = FileRecord::Status::Image;
            for (size_t l = 0; l < id.layers.size(); ++l) {
                const IndexLayerInfo& info = id.layers[l];
                SyntheticRow r = makeRow(i, info, rng);
                const MatrixGeometry g{info.units, info.argmaxBytes, blockRows};
                std::vector<uint8_t> bytes(static_cast<size_t>(g.rowBytes()));
                packRow(g, r.max.data(), r.mean.data(), r.argmax.data(), bytes.data());
                packed[l].insert(packed[l].end(), bytes.begin(), bytes.end());
                f.path = r.path;
                rows[l].push_back(std::move(r));
            }
            files.push_back(f);
        }
        w->commitBatch(run, b, files, packed);
    }
    w->finishRun(run);
    return rows;
}

// Brute force: rows sorted by (binary16 score, path), best first.
std::vector<TopHit> bruteTop(const std::vector<SyntheticRow>& rows, int64_t unit, int k, bool bottom, ScoreKind by,
                             int64_t gridWidth) {
    std::vector<TopHit> all;
    for (size_t i = 0; i < rows.size(); ++i) {
        TopHit h;
        h.path = rows[i].path;
        const float v = (by == ScoreKind::Max ? rows[i].max : rows[i].mean)[static_cast<size_t>(unit)];
        h.score = half::toFloat(half::fromFloat(v));
        h.x = static_cast<int>(rows[i].argmax[static_cast<size_t>(unit)] % gridWidth);
        h.y = static_cast<int>(rows[i].argmax[static_cast<size_t>(unit)] / gridWidth);
        all.push_back(h);
    }
    std::sort(all.begin(), all.end(), [&](const TopHit& a, const TopHit& b) {
        if (a.score != b.score) return bottom ? a.score < b.score : a.score > b.score;
        return a.path < b.path;
    });
    all.resize(std::min(all.size(), static_cast<size_t>(k)));
    return all;
}

QString describe(const std::vector<TopHit>& hits) {
    QStringList parts;
    for (const TopHit& h : hits)
        parts << QString("%1=%2@%3,%4").arg(QString::fromStdString(h.path)).arg(h.score).arg(h.x).arg(h.y);
    return parts.join(' ');
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

}  // namespace

class TestIndexStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void halfConversionMatchesReference_data() {
        QTest::addColumn<float>("value");
        QTest::addColumn<int>("bits");
        QTest::newRow("zero") << 0.f << 0x0000;
        QTest::newRow("minus zero is plus zero") << -0.f << 0x0000;
        QTest::newRow("one") << 1.f << 0x3c00;
        QTest::newRow("minus two") << -2.f << 0xc000;
        QTest::newRow("max half") << 65504.f << 0x7bff;
        QTest::newRow("rounds to inf") << 65520.f << 0x7c00;
        QTest::newRow("below inf") << 65519.f << 0x7bff;
        QTest::newRow("smallest subnormal") << std::ldexp(1.f, -24) << 0x0001;
        QTest::newRow("half of smallest: to even 0") << std::ldexp(1.f, -25) << 0x0000;
        QTest::newRow("just above half of smallest") << std::ldexp(1.0001f, -25) << 0x0001;
        QTest::newRow("largest subnormal") << std::ldexp(1023.f, -24) << 0x03ff;
        QTest::newRow("smallest normal") << std::ldexp(1.f, -14) << 0x0400;
        QTest::newRow("tie to even down") << 1.f + std::ldexp(1.f, -11) << 0x3c00;
        QTest::newRow("tie to even up") << 1.f + 3 * std::ldexp(1.f, -11) << 0x3c02;
        QTest::newRow("one third") << 1.f / 3.f << 0x3555;
        QTest::newRow("infinity") << INFINITY << 0x7c00;
        QTest::newRow("minus infinity") << -INFINITY << 0xfc00;
    }
    void halfConversionMatchesReference() {
        QFETCH(float, value);
        QFETCH(int, bits);
        QCOMPARE(static_cast<int>(half::fromFloat(value)), bits);
        if ((bits & 0x7c00) != 0x7c00 && bits != 0) QCOMPARE(half::fromFloat(half::toFloat(static_cast<uint16_t>(bits))), bits);
    }

    void halfRoundTripsEveryFiniteValueAndKeysAreOrdered() {
        float previous = -INFINITY;
        for (int key = 0; key < 65536; ++key) {
            const uint16_t h = half::fromSortKey(static_cast<uint16_t>(key));
            QCOMPARE(half::sortKey(h), static_cast<uint16_t>(key));
            const float v = half::toFloat(h);
            if (std::isnan(v)) continue;
            QVERIFY2(v >= previous, qPrintable(QString("key %1").arg(key)));
            previous = v;
            if (std::isfinite(v) && h != 0x8000) QCOMPARE(half::fromFloat(v), h);
        }
    }

    void queriesAgreeWithBruteForce_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("blockRows");
        QTest::newRow("tail only") << 3 << 3 << 8;
        QTest::newRow("sealed blocks and a tail") << 43 << 5 << 8;
        QTest::newRow("batches span blocks") << 50 << 21 << 4;
        QTest::newRow("exact blocks, no tail") << 32 << 8 << 8;
    }
    void queriesAgreeWithBruteForce() {
        QFETCH(int, count);
        QFETCH(int, batch);
        QFETCH(int, blockRows);
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        const auto rows = writeIndex(dir, count, batch, blockRows);
        const auto reader = IndexReader::open(dir);
        QCOMPARE(reader->info().images, static_cast<int64_t>(count));
        QVERIFY(reader->info().complete);
        for (size_t l = 0; l < reader->info().layers.size(); ++l) {
            const IndexLayerInfo& layer = reader->info().layers[l];
            for (int64_t u = 0; u < layer.units; ++u)
                for (ScoreKind by : {ScoreKind::Max, ScoreKind::Mean})
                    for (bool bottom : {false, true})
                        for (int k : {1, 4, count, count + 3}) {
                            const auto got = reader->top(layer.name, u, k, bottom, by);
                            const auto want = bruteTop(rows[l], u, k, bottom, by, layer.gridWidth);
                            QCOMPARE(describe(got), describe(want));
                        }
        }
    }

    void histogramAndImageVectorMatchWrittenValues() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        const auto rows = writeIndex(dir, 30, 4, 8);
        const auto reader = IndexReader::open(dir);
        const UnitHistogram h = reader->histogram("visual.layer1", 2, 7);
        QCOMPARE(h.total, uint64_t{30});
        uint64_t sum = 0;
        for (uint64_t c : h.counts) sum += c;
        QCOMPARE(sum, uint64_t{30});
        float lo = INFINITY, hi = -INFINITY;
        for (const auto& r : rows[0]) {
            lo = std::min(lo, half::toFloat(half::fromFloat(r.max[2])));
            hi = std::max(hi, half::toFloat(half::fromFloat(r.max[2])));
        }
        QCOMPARE(h.min, static_cast<double>(lo));
        QCOMPARE(h.max, static_cast<double>(hi));
        QVERIFY(h.counts.front() > 0 && h.counts.back() > 0);

        const SyntheticRow& r = rows[1][17];
        const ImageVector v = reader->imageVector("layer2.0.add", r.path);
        QCOMPARE(v.max.size(), size_t{3});
        for (size_t u = 0; u < 3; ++u) {
            QCOMPARE(v.max[u], half::toFloat(half::fromFloat(r.max[u])));
            QCOMPARE(v.mean[u], half::toFloat(half::fromFloat(r.mean[u])));
            QCOMPARE(static_cast<int64_t>(v.argmax[u]), r.argmax[u]);
        }
        QVERIFY(errorOf([&] { reader->imageVector("visual.layer1", "nope.png"); }).contains("no image"));
        QVERIFY(errorOf([&] { reader->top("visual.layer9", 0, 3); }).contains("visual.layer1, visual.layer2.0.add"));
        QVERIFY(errorOf([&] { reader->top("visual.layer1", 5, 3); }).contains("has 5 units"));
    }

    void anotherModelIsAClearError() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        writeIndex(dir, 5, 2, 8);
        QVERIFY(IndexReader::open(dir, "feedc0de") != nullptr);
        const QString e = errorOf([&] { IndexReader::open(dir, "0123abcd"); });
        QVERIFY2(e.contains("another model") && e.contains("feedc0de") && e.contains("0123abcd"), qPrintable(e));
        QVERIFY(errorOf([&] { IndexReader::open(tmp.filePath("none").toStdString()); }).contains("no index"));
    }

    void garbageAfterTheLastCommitIsTruncated() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        writeIndex(dir, 13, 3, 4);  // 3 sealed blocks, 1 row in tail 3
        const auto before = IndexReader::open(dir)->top("visual.layer1", 1, 13);
        // What an interrupted batch may leave: rows appended to the tail, a half-written
        // block, a tail of the next block.
        std::ofstream(dir + "/layer0.tail3", std::ios::app) << std::string(100, '\x7b');
        std::ofstream(dir + "/layer0.blocks", std::ios::app) << std::string(77, '\x7c');
        std::ofstream(dir + "/layer1.tail4") << std::string(50, '\x7d');
        auto w = IndexWriter::open(dir);
        QCOMPARE(w->rows(), int64_t{13});
        const MatrixGeometry g{5, 1, 4};
        QFile tail(QString::fromStdString(dir + "/layer0.tail3"));
        QCOMPARE(tail.size(), qint64(g.rowBytes()));
        QCOMPARE(QFile(QString::fromStdString(dir + "/layer0.blocks")).size(), qint64(3 * g.blockBytes()));
        QVERIFY(!QFile::exists(QString::fromStdString(dir + "/layer1.tail4")));
        w.reset();
        QCOMPARE(describe(IndexReader::open(dir)->top("visual.layer1", 1, 13)), describe(before));
    }

    void aSecondWriterIsRefused() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        writeIndex(dir, 2, 2, 8);
        auto w = IndexWriter::open(dir);
        QVERIFY(errorOf([&] { IndexWriter::open(dir); }).contains("another process"));
        // Readers are welcome while a writer holds the folder.
        QCOMPARE(IndexReader::open(dir)->info().images, int64_t{2});
    }

    void replacedImagesLeaveTheQueries() {
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        auto rows = writeIndex(dir, 9, 3, 4);
        // Re-commit rows[0][4]'s path with a new, very high score: the old row goes.
        auto w = IndexWriter::open(dir);
        const int64_t run = w->beginRun(RunRecord{}, {}, {rows[0][6].path}, {});
        FileRecord f;
        f.status = FileRecord::Status::Image;
        f.path = rows[0][4].path;
        std::vector<std::vector<uint8_t>> packed;
        for (const IndexLayerInfo& info : w->identity().layers) {
            const MatrixGeometry g{info.units, info.argmaxBytes, 4};
            std::vector<float> hi(static_cast<size_t>(info.units), 100.f);
            std::vector<int64_t> am(static_cast<size_t>(info.units), 1);
            packed.emplace_back(static_cast<size_t>(g.rowBytes()));
            packRow(g, hi.data(), hi.data(), am.data(), packed.back().data());
        }
        w->commitBatch(run, 0, {f}, packed);
        w->finishRun(run);
        w.reset();
        const auto reader = IndexReader::open(dir);
        QCOMPARE(reader->info().images, int64_t{8});  // 9 − 1 removed − 1 replaced + 1 new
        const auto top = reader->top("visual.layer1", 0, 20);
        QCOMPARE(top.size(), size_t{8});
        QCOMPARE(top.front().path, rows[0][4].path);
        QCOMPARE(top.front().score, 100.f);
        QCOMPARE(top.front().row, int64_t{9});
        for (const TopHit& h : top) QVERIFY(h.path != rows[0][6].path);
        const auto bottom = reader->top("visual.layer1", 0, 20, true);
        QCOMPARE(bottom.back().path, rows[0][4].path);
    }

    void massiveTiesAreBrokenByPath() {
        // Every image scores 0 (a dead unit): the k first paths win, through the rank table.
        QTemporaryDir tmp;
        const std::string dir = tmp.filePath("idx").toStdString();
        IndexIdentity id = testIdentity(1024);
        id.layers = {{"visual.layer1", 1, 1, 1, 1}};
        auto w = IndexWriter::create(dir, id);
        const int64_t run = w->beginRun(RunRecord{}, {}, {}, {});
        const int n = 5000;
        std::vector<FileRecord> files;
        std::vector<uint8_t> packed;
        const MatrixGeometry g{1, 1, 1024};
        for (int i = 0; i < n; ++i) {
            FileRecord f;
            f.status = FileRecord::Status::Image;
            f.path = "p" + std::to_string((i * 7919) % n);
            files.push_back(f);
            const float zero = 0.f;
            const int64_t am = 0;
            std::vector<uint8_t> row(static_cast<size_t>(g.rowBytes()));
            packRow(g, &zero, &zero, &am, row.data());
            packed.insert(packed.end(), row.begin(), row.end());
        }
        w->commitBatch(run, 0, files, {packed});
        w->finishRun(run);
        w.reset();
        const auto top = IndexReader::open(dir)->top("visual.layer1", 0, 4);
        QCOMPARE(describe(top), QString("p0=0@0,0 p1=0@0,0 p10=0@0,0 p100=0@0,0"));
    }
};

QTEST_GUILESS_MAIN(TestIndexStore)
#include "tst_index_store.moc"
