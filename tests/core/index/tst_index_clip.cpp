// Indexing with real CLIP models (the rn_tiny and vit_tiny fixtures) through
// ClipActivationSource: top-k answers against a brute force over the full activations of
// every image, the default layer, and the model identity check.

#include "IndexTestSupport.h"
#include "TestSupport.h"

#include "image/ClipPreprocess.h"
#include "index/ClipActivationSource.h"
#include "index/Half.h"
#include "index/IndexReader.h"
#include "index/IndexRun.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace ms;

namespace {

// Per image and unit, reduced by this test from the full activation grid.
struct Reduced {
    std::vector<std::vector<float>> max, mean;  // [image][unit]
    std::vector<std::vector<int64_t>> argmax;
};

// The point's activations as [N, units, gridH, gridW] for every image of the folder.
at::Tensor fullGrid(const ClipModel& model, const std::vector<std::string>& files, const std::string& layer) {
    const ModelDescriptor& d = model.descriptor();
    const ImageNormalization norm{d.mean, d.std};
    std::vector<at::Tensor> images;
    for (const std::string& f : files) images.push_back(preprocessImageFile(f, d.inputResolution, norm));
    c10::InferenceMode inference;
    CaptureRequest request;
    request.add(layer);  // the full tensor only
    const at::Tensor full = model.network().capture(at::stack(images), request).points.at(layer).full;
    const CapturePointInfo& info = model.capturePoint(layer);
    return info.layout == PointLayout::Tokens ? patchGrid(full, info) : full;
}

Reduced reduce(const at::Tensor& grid) {
    Reduced r;
    const at::Tensor flat = grid.flatten(2).contiguous();  // [N, units, cells]
    const int64_t n = flat.size(0), units = flat.size(1), cells = flat.size(2);
    const float* p = flat.data_ptr<float>();
    for (int64_t i = 0; i < n; ++i) {
        r.max.emplace_back();
        r.mean.emplace_back();
        r.argmax.emplace_back();
        for (int64_t u = 0; u < units; ++u) {
            const float* c = p + (i * units + u) * cells;
            const int64_t best = std::max_element(c, c + cells) - c;
            double sum = 0;
            for (int64_t k = 0; k < cells; ++k) sum += c[k];
            r.max.back().push_back(c[best]);
            r.argmax.back().push_back(best);
            r.mean.back().push_back(static_cast<float>(sum / static_cast<double>(cells)));
        }
    }
    return r;
}

float asStored(float v) { return half::toFloat(half::fromFloat(v)); }

// Index answers for every unit, by max (exact) and by mean (within binary16 rounding: the
// model and this test sum the grid in different orders).
void compareWithBruteForce(const IndexReader& reader, const std::string& layer, const std::vector<std::string>& paths,
                           const Reduced& ref, int64_t gridWidth) {
    const int64_t units = static_cast<int64_t>(ref.max.front().size());
    const int k = 5;
    for (int64_t u = 0; u < units; ++u) {
        for (bool bottom : {false, true}) {
            std::vector<size_t> order(paths.size());
            for (size_t i = 0; i < order.size(); ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
                const float sa = asStored(ref.max[a][static_cast<size_t>(u)]), sb = asStored(ref.max[b][static_cast<size_t>(u)]);
                if (sa != sb) return bottom ? sa < sb : sa > sb;
                return paths[a] < paths[b];
            });
            const std::vector<TopHit> hits = reader.top(layer, u, k, bottom, ScoreKind::Max);
            QCOMPARE(hits.size(), static_cast<size_t>(k));
            for (int i = 0; i < k; ++i) {
                const size_t img = order[static_cast<size_t>(i)];
                QCOMPARE(hits[static_cast<size_t>(i)].path, paths[img]);
                QCOMPARE(hits[static_cast<size_t>(i)].score, asStored(ref.max[img][static_cast<size_t>(u)]));
                const int64_t pos = ref.argmax[img][static_cast<size_t>(u)];
                QCOMPARE(static_cast<int64_t>(hits[static_cast<size_t>(i)].x), pos % gridWidth);
                QCOMPARE(static_cast<int64_t>(hits[static_cast<size_t>(i)].y), pos / gridWidth);
            }
            // By mean: every answer's score is its image's mean, and no image left out beats
            // the last answer by more than rounding.
            const std::vector<TopHit> means = reader.top(layer, u, k, bottom, ScoreKind::Mean);
            const auto meanOf = [&](const std::string& path) {
                const size_t img = static_cast<size_t>(std::find(paths.begin(), paths.end(), path) - paths.begin());
                return ref.mean[img][static_cast<size_t>(u)];
            };
            const auto tolerance = [](float v) { return 2e-3f * std::max(1.f, std::fabs(v)); };
            for (const TopHit& h : means) QVERIFY(std::fabs(h.score - meanOf(h.path)) <= tolerance(h.score));
            for (const std::string& p : paths) {
                if (std::any_of(means.begin(), means.end(), [&](const TopHit& h) { return h.path == p; })) continue;
                const float last = means.back().score;
                QVERIFY(bottom ? meanOf(p) >= last - tolerance(last) : meanOf(p) <= last + tolerance(last));
            }
        }
    }
}

IndexReport indexWith(ClipModel model, const std::string& images, const std::string& index,
                      const std::vector<std::string>& layers, int batch) {
    ClipActivationSource source(std::move(model), 1);
    IndexOptions o;
    o.imagesDir = images;
    o.indexDir = index;
    o.layers = layers;
    o.batchSize = batch;
    o.threads = 2;
    Feedback feedback;
    return runIndexing(o, source, feedback);
}

}  // namespace

class TestIndexClip : public QObject {
    Q_OBJECT
    QTemporaryDir mTmp;
    std::string mImages;
    std::vector<std::string> mPaths;  // relative, bytewise order
    std::vector<std::string> mFiles;  // absolute, same order

private Q_SLOTS:
    void initTestCase() {
        mImages = mTmp.filePath("images").toStdString();
        test::makeImageFolder(mImages, 12, 3);
        for (const char* name : {"chelsea.png", "camera.png"})
            QVERIFY(QFile::copy(test::fixturePath(QString("clip/images/") + name), QString::fromStdString(mImages + "/" + name)));
        test::writeText(mImages + "/broken.jpg", "no");
        for (const auto& e : std::vector<std::string>{"camera.png", "chelsea.png"}) mPaths.push_back(e);
        for (int i = 0; i < 12; ++i) {
            char rel[64];
            static const char* exts[] = {".jpg", ".png", ".bmp", ".png", ".jpg", ".webp", ".tiff"};
            std::snprintf(rel, sizeof rel, "dir%d/img%03d%s", i % 3, i, exts[i % 7]);
            mPaths.push_back(rel);
        }
        std::sort(mPaths.begin(), mPaths.end());
        for (const std::string& p : mPaths) mFiles.push_back(mImages + "/" + p);
    }

    void resnetTopKAgreesWithBruteForce() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        QTemporaryDir tmp;
        const std::string index = tmp.filePath("index").toStdString();
        const std::string deep = model.descriptor().defaultLayer, early = "visual.layer2.1.add";
        // One batch holds every image: the brute force runs the very same forward pass.
        const IndexReport r = indexWith(model, mImages, index, {deep, early}, 64);
        QCOMPARE(r.indexed, static_cast<int64_t>(mPaths.size()));
        QCOMPARE(r.errors.size(), size_t{1});
        const auto reader = IndexReader::open(index, model.contentHash());
        for (const std::string& layer : {deep, early}) {
            const at::Tensor grid = fullGrid(model, mFiles, layer);
            compareWithBruteForce(*reader, layer, mPaths, reduce(grid), grid.size(3));
        }
    }

    void vitPatchGridTopKAgreesWithBruteForce() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/vit_tiny/weights.safetensors").toStdString());
        QTemporaryDir tmp;
        const std::string index = tmp.filePath("index").toStdString();
        indexWith(model, mImages, index, {}, 64);
        const auto reader = IndexReader::open(index);
        const std::string layer = model.descriptor().defaultLayer;
        QCOMPARE(reader->info().layers.at(0).name, layer);
        const at::Tensor grid = fullGrid(model, mFiles, layer);
        QCOMPARE(grid.size(2), int64_t{4});  // 32 px, patches of 8: the class token is not in the grid
        compareWithBruteForce(*reader, layer, mPaths, reduce(grid), grid.size(3));
    }

    void defaultLayerAndModelIdentity() {
        const ClipModel rn = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        const ClipModel vit = ClipModel::load(test::fixturePath("clip/vit_tiny/weights.safetensors").toStdString());
        QTemporaryDir tmp;
        const std::string index = tmp.filePath("index").toStdString();
        // Small batches this time, and no layers named: the descriptor's studied layer.
        indexWith(rn, mImages, index, {}, 3);
        const auto reader = IndexReader::open(index);
        QCOMPARE(reader->info().layers.at(0).name, std::string("visual.layer4.0.add"));
        QCOMPARE(reader->info().modelHash, rn.contentHash());
        QVERIFY(reader->info().preprocessing.find("64") != std::string::npos);
        QCOMPARE(reader->top("image_block_4/0/Add_6", 0, 3).size(), size_t{3});  // Microscope alias
        try {
            indexWith(vit, mImages, index, {}, 3);
            QFAIL("indexing with another model must fail");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("another model"), e.what());
        }
        try {
            IndexReader::open(index, vit.contentHash());
            QFAIL("opening with another model must fail");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(QString::fromStdString(rn.contentHash())), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestIndexClip)
#include "tst_index_clip.moc"
