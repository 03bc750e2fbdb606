// The CLIP model facade beyond parity: the descriptor (points in forward order with their
// units and shapes, identity, studied layer), name resolution and Microscope aliases,
// capture (reductions, early stop, autograd, inference mode) and errors for bad weights
// and bad inputs.

#include "io/NpyTensor.h"
#include "io/StateDict.h"
#include "model/ClipBuilder.h"
#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"
#include "model/ClipModule.h"
#include "util/Error.h"

#include "TestSupport.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <QCryptographicHash>
#include <QFile>
#include <QtTest>

#include <memory>

using namespace ms;

namespace {

std::string weightsPath(const QString& variant) {
    return test::fixturePath("clip/" + variant + "/weights.safetensors").toStdString();
}

at::Tensor fixtureTensor(const QString& variant, const QString& file) {
    return readNpy(test::fixturePath("clip/" + variant + "/" + file).toStdString());
}

// The ms::Error message `body` throws, or a failure note when it throws nothing.
template <typename F>
QString errorOf(F&& body) {
    try {
        body();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no ms::Error thrown>");
}

bool close(const at::Tensor& a, const at::Tensor& b) {
    return a.sizes() == b.sizes() && (a - b).abs().max().item<double>() <= 1e-6;
}

}  // namespace

class TestClipModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        mRn = std::make_unique<ClipModel>(ClipModel::load(weightsPath("rn_tiny")));
        ClipLoadOptions vitOptions;
        vitOptions.textHeads = 2;
        mVit = std::make_unique<ClipModel>(ClipModel::load(weightsPath("vit_tiny"), vitOptions));
    }

    void resnetPointsInForwardOrder() {
        std::vector<std::string> expected = {"visual.relu1", "visual.relu2", "visual.relu3", "visual.avgpool"};
        const int blocks[4] = {1, 2, 1, 1};
        for (int s = 1; s <= 4; ++s) {
            const std::string stage = "visual.layer" + std::to_string(s);
            for (int b = 0; b < blocks[s - 1]; ++b) {
                const std::string block = stage + "." + std::to_string(b);
                for (const char* leaf : {".relu1", ".relu2", ".add", ""}) expected.push_back(block + leaf);
            }
            expected.push_back(stage);
        }
        for (const char* p : {"visual.attnpool", "transformer.resblocks.0", "transformer.resblocks.1", "ln_final"})
            expected.push_back(p);
        std::vector<std::string> names;
        for (const auto& p : mRn->descriptor().points) names.push_back(p.name);
        QCOMPARE(names, expected);
        const CapturePointInfo& add = mRn->capturePoint("visual.layer4.0.add");
        QCOMPARE(add.units, 512);
        QCOMPARE(add.shape, (std::vector<int64_t>{512, 2, 2}));
        QCOMPARE(mRn->capturePoint("visual.layer2.0.relu2").shape, (std::vector<int64_t>{32, 16, 16}));
        QCOMPARE(mRn->capturePoint("visual.layer2.0.add").shape, (std::vector<int64_t>{128, 8, 8}));
    }

    void vitPointsInForwardOrder() {
        const std::vector<std::string> expected = {
            "visual.conv1", "visual.ln_pre", "visual.transformer.resblocks.0.mlp.gelu",
            "visual.transformer.resblocks.0", "visual.transformer.resblocks.1.mlp.gelu",
            "visual.transformer.resblocks.1", "visual.ln_post", "transformer.resblocks.0",
            "transformer.resblocks.1", "ln_final"};
        std::vector<std::string> names;
        for (const auto& p : mVit->descriptor().points) names.push_back(p.name);
        QCOMPARE(names, expected);
        const CapturePointInfo& gelu = mVit->capturePoint("visual.transformer.resblocks.1.mlp.gelu");
        QCOMPARE(gelu.units, 512);
        QCOMPARE(gelu.shape, (std::vector<int64_t>{17, 512}));
        QCOMPARE(gelu.gridHeight, 4);
        QCOMPARE(gelu.gridWidth, 4);
        QVERIFY(gelu.hasClassToken);
        QCOMPARE(mVit->capturePoint("ln_final").shape, (std::vector<int64_t>{77, 64}));
    }

    // The descriptor's shapes and units are those of the tensors a capture really returns.
    void descriptorShapesMatchCaptures_data() {
        QTest::addColumn<QString>("variant");
        QTest::newRow("rn_tiny") << "rn_tiny";
        QTest::newRow("vit_tiny") << "vit_tiny";
    }

    void descriptorShapesMatchCaptures() {
        QFETCH(QString, variant);
        const ClipModel& model = variant == "rn_tiny" ? *mRn : *mVit;
        c10::InferenceMode inference;
        CaptureRequest imageRequest, textRequest;
        for (const auto& p : model.descriptor().points) (p.tower == Tower::Text ? textRequest : imageRequest).add(p.name);
        const CaptureResult images = model.network().capture(fixtureTensor(variant, "images.npy"), imageRequest);
        const CaptureResult texts = model.network().capture(fixtureTensor(variant, "tokens.npy"), textRequest);
        for (const auto& p : model.descriptor().points) {
            const at::Tensor full = (p.tower == Tower::Text ? texts : images).points.at(p.name).full;
            std::vector<int64_t> perSample(full.sizes().begin() + 1, full.sizes().end());
            QVERIFY2(perSample == p.shape, p.name.c_str());
            QCOMPARE(p.units, p.shape.at(p.layout == PointLayout::Conv ? 0 : p.shape.size() - 1));
        }
    }

    void descriptorIdentityAndNormalisation() {
        const ModelDescriptor& d = mRn->descriptor();
        QFile file(QString::fromStdString(weightsPath("rn_tiny")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(d.contentHash, QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex().toStdString());
        QVERIFY(d.contentHash != mVit->descriptor().contentHash);
        QCOMPARE(d.family, std::string("resnet"));
        QCOMPARE(d.inputResolution, 64);
        QCOMPARE(d.mean[0], 0.48145466f);
        QCOMPARE(d.std[2], 0.27577711f);
        QCOMPARE(d.defaultLayer, std::string("visual.layer4.0.add"));
        QCOMPARE(mVit->descriptor().defaultLayer, std::string("visual.transformer.resblocks.1.mlp.gelu"));
        QVERIFY(d.find(d.defaultLayer));
    }

    void aliasesResolve_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("canonical") << "visual.layer2.1.add" << "visual.layer2.1.add";
        QTest::newRow("slash") << "image_block_4/0/Add_6" << "visual.layer4.0.add";
        QTest::newRow("slash :0") << "image_block_2/1/Add_3:0" << "visual.layer2.1.add";
        QTest::newRow("underscore") << "image_block_2_1_Add_9_0" << "visual.layer2.1.add";
        QTest::newRow("underscore no suffix") << "image_block_4_0_Add_6" << "visual.layer4.0.add";
    }

    void aliasesResolve() {
        QFETCH(QString, name);
        QFETCH(QString, canonical);
        QCOMPARE(QString::fromStdString(mRn->resolveCapturePoint(name.toStdString())), canonical);
    }

    void articleAliasMapsToLayer4Block5() {
        QCOMPARE(microscopeAliasTarget("image_block_4/5/Add_6"), std::string("visual.layer4.5.add"));
        QCOMPARE(microscopeAliasTarget("image_block_4_5_Add_6_0"), std::string("visual.layer4.5.add"));
        QVERIFY(microscopeAliasTarget("visual.layer4").empty());
        // rn_tiny's layer4 has one block: the alias is understood but names a missing block.
        const QString message = errorOf([&] { mRn->resolveCapturePoint("image_block_4/5/Add_6"); });
        QVERIFY2(message.contains("visual.layer4.5.add"), qPrintable(message));
    }

    void unknownNameListsCloseNames() {
        const QString message = errorOf([&] { mRn->resolveCapturePoint("visual.layer4.0.ad"); });
        QVERIFY2(message.contains("visual.layer4.0.ad'") && message.contains("visual.layer4.0.add"), qPrintable(message));
        QVERIFY2(message.contains("weights.safetensors"), qPrintable(message));
    }

    void reducedCaptureAgreesWithFullTensor_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("point");
        QTest::newRow("conv") << "rn_tiny" << "visual.layer2.0.add";
        QTest::newRow("vector") << "rn_tiny" << "visual.attnpool";
        QTest::newRow("vit tokens") << "vit_tiny" << "visual.transformer.resblocks.0.mlp.gelu";
        QTest::newRow("vit conv") << "vit_tiny" << "visual.conv1";
        QTest::newRow("text tokens") << "vit_tiny" << "transformer.resblocks.1";
    }

    void reducedCaptureAgreesWithFullTensor() {
        QFETCH(QString, variant);
        QFETCH(QString, point);
        const ClipModel& model = variant == "rn_tiny" ? *mRn : *mVit;
        const CapturePointInfo& info = model.capturePoint(point.toStdString());
        const bool text = info.tower == Tower::Text;
        const at::Tensor input = fixtureTensor(variant, text ? "tokens.npy" : "images.npy");
        c10::InferenceMode inference;
        const CapturedTensor c =
            model.network().capture(input, CaptureRequest().add(info.name, {true, true, true})).points.at(info.name);
        // The values the reductions run over, as [N, units, positions] (text: padding masked).
        at::Tensor grid = c.full.dim() == 2 ? c.full.unsqueeze(2) : c.full.flatten(2);
        if (info.hasClassToken) {
            grid = patchGrid(c.full, info).flatten(2);
            QVERIFY(at::equal(c.token, c.full.select(1, 0)));
        }
        if (text) {
            const at::Tensor end = input.argmax(-1);
            for (int64_t row = 0; row < input.size(0); ++row) {
                const int64_t e = end[row].item<int64_t>();
                const at::Tensor valid = c.full[row].slice(0, 0, e + 1);  // [positions, D]
                QVERIFY(close(c.mean[row], valid.mean(0)));
                QVERIFY(close(c.max[row], std::get<0>(valid.max(0))));
                QVERIFY(at::equal(c.argmax[row], std::get<1>(valid.max(0))));
                QVERIFY(at::equal(c.token[row], c.full[row][e]));
            }
            return;
        }
        QCOMPARE(c.mean.sizes().vec(), (std::vector<int64_t>{input.size(0), info.units}));
        QVERIFY(close(c.mean, grid.mean(2)));
        QVERIFY(close(c.max, std::get<0>(grid.max(2))));
        QVERIFY(at::equal(c.argmax, std::get<1>(grid.max(2))));
        // The argmax position indexes the grid row-major.
        const at::Tensor picked = grid.gather(2, c.argmax.unsqueeze(2)).squeeze(2);
        QVERIFY(at::equal(picked, c.max));
    }

    void reductionsOnlyKeepNoFullTensor() {
        c10::InferenceMode inference;
        const CapturedTensor c = mRn->network()
                                     .capture(fixtureTensor("rn_tiny", "images.npy"),
                                              CaptureRequest().add("visual.layer1", {false, true, false}))
                                     .points.at("visual.layer1");
        QVERIFY(!c.full.defined());
        QVERIFY(c.mean.defined());
        QVERIFY(!c.max.defined());
    }

    // Stopping after the requested points gives the values a full pass gives.
    void earlyStopGivesIdenticalValues() {
        c10::InferenceMode inference;
        const at::Tensor images = fixtureTensor("rn_tiny", "images.npy");
        CaptureRequest early;
        early.add("visual.relu2").add("visual.layer2.0.relu1");
        CaptureRequest full = early;
        full.add("visual.attnpool");
        full.embedding = true;
        const CaptureResult a = mRn->network().capture(images, early);
        const CaptureResult b = mRn->network().capture(images, full);
        QVERIFY(!a.embedding.defined());
        QVERIFY(b.embedding.defined());
        for (const char* p : {"visual.relu2", "visual.layer2.0.relu1"})
            QVERIFY(at::equal(a.points.at(p).full, b.points.at(p).full));
    }

    // A ResNet capture that stops before the attention pool accepts other image sizes: proof
    // that the pass really stopped (the pool would reject a 96 px image).
    void earlyStopSkipsTheAttentionPool() {
        c10::InferenceMode inference;
        const at::Tensor images = at::randn({2, 3, 96, 96});
        const CaptureResult r = mRn->network().capture(images, CaptureRequest().add("visual.layer4"));
        QCOMPARE(r.points.at("visual.layer4").full.sizes().vec(), (std::vector<int64_t>{2, 512, 3, 3}));
        const QString message = errorOf([&] { mRn->network().capture(images, CaptureRequest().add("visual.attnpool")); });
        QVERIFY2(message.contains("96x96") && message.contains("64x64"), qPrintable(message));
    }

    void gradientReachesTheInputImage_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("useMean");
        QTest::newRow("resnet add, full") << "rn_tiny" << "visual.layer2.1.add" << false;
        QTest::newRow("resnet relu, mean") << "rn_tiny" << "visual.layer3.0.relu2" << true;
        QTest::newRow("vit gelu, mean") << "vit_tiny" << "visual.transformer.resblocks.0.mlp.gelu" << true;
    }

    void gradientReachesTheInputImage() {
        QFETCH(QString, variant);
        QFETCH(QString, point);
        QFETCH(bool, useMean);
        const ClipModel& model = variant == "rn_tiny" ? *mRn : *mVit;
        const at::Tensor images = fixtureTensor(variant, "images.npy").clone().requires_grad_(true);
        const CapturedTensor c = model.network()
                                     .capture(images, CaptureRequest().add(point.toStdString(), {!useMean, useMean, false}))
                                     .points.at(point.toStdString());
        const at::Tensor objective = useMean ? c.mean.select(1, 3).sum() : c.full.select(1, 3).mean();
        const at::Tensor grad = torch::autograd::grad({objective}, {images})[0];
        QCOMPARE(grad.sizes(), images.sizes());
        QVERIFY(grad.abs().max().item<double>() > 0);
        QVERIFY(at::isfinite(grad).all().item<bool>());
    }

    // A worker that loads under an inference-mode guard still gets weights autograd can use.
    void modelLoadedInInferenceModeSupportsGradients() {
        std::unique_ptr<ClipModel> model;
        {
            c10::InferenceMode inference;
            model = std::make_unique<ClipModel>(ClipModel::load(weightsPath("rn_tiny")));
        }
        const at::Tensor images = fixtureTensor("rn_tiny", "images.npy").clone().requires_grad_(true);
        const at::Tensor objective = model->network()
                                         .capture(images, CaptureRequest().add("visual.layer1.0.add"))
                                         .points.at("visual.layer1.0.add")
                                         .full.mean();
        QVERIFY(torch::autograd::grad({objective}, {images})[0].abs().max().item<double>() > 0);
    }

    void inferenceModeCapturesNeedNoGraph() {
        c10::InferenceMode inference;
        const CaptureResult r =
            mVit->network().capture(fixtureTensor("vit_tiny", "images.npy"), CaptureRequest().add("visual.ln_pre"));
        QVERIFY(!r.points.at("visual.ln_pre").full.requires_grad());
    }

    void badStateDictsNameTheKey_data() {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing bn buffer") << "erase" << "visual.layer2.0.bn2.running_var" << "missing key";
        QTest::newRow("missing downsample") << "erase" << "visual.layer3.0.downsample.0.weight" << "missing key";
        QTest::newRow("missing projection") << "erase" << "text_projection" << "missing key";
        QTest::newRow("missing attnpool") << "erase" << "visual.attnpool.positional_embedding" << "missing key";
        QTest::newRow("wrong shape") << "reshape" << "ln_final.bias" << "has shape [65]";
        QTest::newRow("wrong conv shape") << "reshape" << "visual.layer1.0.conv2.weight" << "expected [16, 16, 3, 3]";
        QTest::newRow("integer weights") << "int" << "visual.attnpool.c_proj.bias" << "floating";
    }

    void badStateDictsNameTheKey() {
        QFETCH(QString, edit);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        StateDict weights = loadSafetensors(weightsPath("rn_tiny"));
        const std::string k = key.toStdString();
        QVERIFY(weights.count(k));
        if (edit == "erase") weights.erase(k);
        if (edit == "reshape") weights[k] = at::zeros({weights[k].size(0) + 1});
        if (edit == "int") weights[k] = weights[k].to(at::kLong);
        const QString message = errorOf([&] { ClipNetwork::fromStateDict(weights, "broken.safetensors"); });
        QVERIFY2(message.startsWith("broken.safetensors: ") && message.contains(key) && message.contains(expected),
                 qPrintable(message));
    }

    void notAClipStateDict() {
        StateDict weights;
        weights["encoder.layer.0.weight"] = at::zeros({4, 4});
        const QString message = errorOf([&] { ClipNetwork::fromStateDict(weights, "other.safetensors"); });
        QVERIFY2(message.contains("other.safetensors") && message.contains("not a CLIP") &&
                     message.contains("encoder.layer.0.weight"),
                 qPrintable(message));
        QVERIFY(errorOf([&] { ClipNetwork::fromStateDict({}, "empty"); }).contains("not a CLIP"));
    }

    void extraKeysAreIgnored() {
        StateDict weights = loadSafetensors(weightsPath("rn_tiny"));
        for (const char* k : {"input_resolution", "context_length", "vocab_size"}) weights[k] = at::scalar_tensor(7, at::kLong);
        for (auto it = weights.begin(); it != weights.end();)  // some exports drop the BN counters
            it = it->first.find("num_batches_tracked") != std::string::npos ? weights.erase(it) : std::next(it);
        const auto network = ClipNetwork::fromStateDict(weights, "extra.safetensors");
        QCOMPARE(network->descriptor().config, mRn->config());
        c10::InferenceMode inference;
        const at::Tensor images = fixtureTensor("rn_tiny", "images.npy");
        QVERIFY(at::equal(network->encodeImage(images), mRn->network().encodeImage(images)));
    }

    void badHeadCounts() {
        ClipLoadOptions options;
        options.textHeads = 3;
        const QString message = errorOf([&] { ClipModel::load(weightsPath("rn_tiny"), options); });
        QVERIFY2(message.contains("not divisible by 3 heads"), qPrintable(message));
    }

    void missingFileFails() {
        const QString message = errorOf([&] { ClipModel::load("/nonexistent/model.safetensors"); });
        QVERIFY2(message.contains("/nonexistent/model.safetensors"), qPrintable(message));
    }

    void badInputsAreErrors() {
        c10::InferenceMode inference;
        const ClipNetwork& net = mRn->network();
        QVERIFY(errorOf([&] { net.encodeImage(at::zeros({1, 3, 32, 32})); }).contains("the model takes 64x64"));
        QVERIFY(errorOf([&] { net.encodeImage(at::zeros({1, 1, 64, 64})); }).contains("[N, 3, H, W]"));
        QVERIFY(errorOf([&] { net.encodeText(at::full({1, 77}, 49408, at::kLong)); }).contains("outside the vocabulary"));
        QVERIFY(errorOf([&] { net.encodeText(at::zeros({1, 76}, at::kLong)); }).contains("[N, 77]"));
        const QString wrongTower = errorOf([&] { net.capture(at::zeros({1, 3, 64, 64}), CaptureRequest().add("ln_final")); });
        QVERIFY2(wrongTower.contains("text tower"), qPrintable(wrongTower));
    }

    // The internal module starts in eval mode (running statistics, as the reference at
    // inference); train() switches BatchNorm to batch statistics for the bundled trainer.
    void moduleBatchNormFollowsTrainingMode() {
        ms::detail::ClipModule module(mRn->config());
        ms::detail::loadWeights(module, loadSafetensors(weightsPath("rn_tiny")), "rn_tiny");
        QVERIFY(!module.is_training());
        const at::Tensor images = fixtureTensor("rn_tiny", "images.npy");
        const at::Tensor before = module.resnet->bn1->runningMean.clone();
        ms::detail::CaptureSink none;
        at::NoGradGuard noGrad;
        QVERIFY(at::equal(module.encodeImage(images, none), mRn->network().encodeImage(images)));
        QVERIFY(at::equal(module.resnet->bn1->runningMean, before));
        module.train();
        module.encodeImage(images, none);
        QVERIFY(!at::equal(module.resnet->bn1->runningMean, before));
    }

    void randomlyInitialisedModelRuns() {
        const ClipModel model = ClipModel::randomlyInitialised(mRn->config(), 7);
        QCOMPARE(model.config(), mRn->config());
        QCOMPARE(model.descriptor().contentHash, ClipModel::randomlyInitialised(mRn->config(), 7).contentHash());
        QVERIFY(model.contentHash() != ClipModel::randomlyInitialised(mRn->config(), 8).contentHash());
        c10::InferenceMode inference;
        const at::Tensor logits = model.network().logits(fixtureTensor("rn_tiny", "images.npy"),
                                                         fixtureTensor("rn_tiny", "tokens.npy"));
        QCOMPARE(logits.sizes().vec(), (std::vector<int64_t>{3, 8}));
        QVERIFY(at::isfinite(logits).all().item<bool>());
    }

private:
    std::unique_ptr<ClipModel> mRn, mVit;
};

QTEST_GUILESS_MAIN(TestClipModel)
#include "tst_clip_model.moc"
