// Parity of the LibTorch CLIP with the reference (openai/CLIP) on the rn_tiny and vit_tiny
// fixtures: every saved activation, both embeddings, the normalised features and the logits
// within max|a−b| ≤ 1e-4·max(1, max|b|); and the architecture inferred from the weights.

#include "io/NpyTensor.h"
#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include "FixturePoints.h"
#include "TestSupport.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <map>
#include <memory>

using namespace ms;

namespace {

QString fixture(const QString& variant, const QString& file) {
    return test::fixturePath(QStringLiteral("clip/%1/%2").arg(variant, file));
}

QJsonObject readConfigJson(const QString& variant) {
    QFile file(fixture(variant, QStringLiteral("config.json")));
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

at::Tensor readFixture(const QString& variant, const QString& file) {
    return readNpy(fixture(variant, file).toStdString());
}

// The head counts the fixture was built with (vit_tiny's text heads differ from the default).
ClipLoadOptions fixtureOptions(const QJsonObject& json) {
    ClipLoadOptions options;
    options.textHeads = json[QStringLiteral("config")].toObject()[QStringLiteral("transformer_heads")].toInt();
    options.visionHeads = json[QStringLiteral("vision_heads")].toInt();
    return options;
}


// Everything the model computes for one fixture, keyed by fixture file name.
struct Outputs {
    std::unique_ptr<ClipModel> model;
    std::map<QString, at::Tensor> tensors;
};

}  // namespace

class TestClipParity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        for (const QString& variant : {QStringLiteral("rn_tiny"), QStringLiteral("vit_tiny")}) {
            const QJsonObject json = readConfigJson(variant);
            Outputs& out = mOutputs[variant];
            out.model = std::make_unique<ClipModel>(
                ClipModel::load(fixture(variant, QStringLiteral("weights.safetensors")).toStdString(),
                                fixtureOptions(json)));
            computeOutputs(variant, out);
        }
    }

    void inferredConfigMatchesFixture_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("defaultHeads");
        for (const char* v : {"rn_tiny", "vit_tiny"}) {
            QTest::addRow("%s", v) << QString(v) << false;
            QTest::addRow("%s default heads", v) << QString(v) << true;
        }
    }

    void inferredConfigMatchesFixture() {
        QFETCH(QString, variant);
        QFETCH(bool, defaultHeads);
        const QJsonObject json = readConfigJson(variant);
        const QJsonObject c = json[QStringLiteral("config")].toObject();
        const ClipLoadOptions options = defaultHeads ? ClipLoadOptions{} : fixtureOptions(json);
        const ClipModel model = ClipModel::load(fixture(variant, "weights.safetensors").toStdString(), options);
        const ClipConfig& got = model.config();
        const bool vit = !c["vision_patch_size"].isNull();
        QCOMPARE(got.family, vit ? VisionFamily::ViT : VisionFamily::ResNet);
        QCOMPARE(model.descriptor().family, std::string(vit ? "vit" : "resnet"));
        QCOMPARE(got.embedDim, c["embed_dim"].toInt());
        QCOMPARE(got.imageResolution, c["image_resolution"].toInt());
        QCOMPARE(model.descriptor().inputResolution, c["image_resolution"].toInt());
        std::vector<int> layers;
        if (c["vision_layers"].isArray())
            for (const auto& v : c["vision_layers"].toArray()) layers.push_back(v.toInt());
        else
            layers.push_back(c["vision_layers"].toInt());
        QCOMPARE(got.visionLayers, layers);
        QCOMPARE(got.visionWidth, c["vision_width"].toInt());
        QCOMPARE(got.visionPatchSize, vit ? c["vision_patch_size"].toInt() : 0);
        QCOMPARE(got.contextLength, c["context_length"].toInt());
        QCOMPARE(got.vocabSize, c["vocab_size"].toInt());
        QCOMPARE(got.transformerWidth, c["transformer_width"].toInt());
        QCOMPARE(got.transformerLayers, c["transformer_layers"].toInt());
        QCOMPARE(got.visionHeads, json["vision_heads"].toInt());
        const int expectedTextHeads = defaultHeads ? json["build_model_inferred_transformer_heads"].toInt()
                                                   : c["transformer_heads"].toInt();
        QCOMPARE(got.transformerHeads, expectedTextHeads);
    }

    void parity_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("file");
        for (const QString& variant : {QStringLiteral("rn_tiny"), QStringLiteral("vit_tiny")}) {
            const QJsonObject files = readConfigJson(variant)["files"].toObject();
            for (auto it = files.begin(); it != files.end(); ++it) {
                const QString key = it.key();
                if (key == "images" || key == "tokens") continue;  // the inputs
                QTest::addRow("%s/%s", qPrintable(variant), qPrintable(key)) << variant << key;
            }
        }
    }

    // Every file the fixture lists (except the inputs) is covered: a file without a computed
    // counterpart fails here instead of being skipped.
    void parity() {
        QFETCH(QString, variant);
        QFETCH(QString, file);
        const Outputs& out = mOutputs.at(variant);
        const auto it = out.tensors.find(file);
        QVERIFY2(it != out.tensors.end(), qPrintable("nothing computed for " + file));
        const at::Tensor expected = readFixture(variant, file + ".npy");
        const at::Tensor actual = it->second;
        QCOMPARE(actual.sizes().vec(), expected.sizes().vec());
        if (!at::isFloatingType(expected.scalar_type())) {
            QVERIFY(at::equal(actual.to(at::kLong), expected.to(at::kLong)));
            return;
        }
        const double maxAbsError = (actual - expected).abs().max().item<double>();
        const double scale = std::max(1.0, expected.abs().max().item<double>());
        qInfo("%-10s %-30s max|a-b| %.3g  (relative to max(1,|b|) %.3g)", qPrintable(variant), qPrintable(file),
              maxAbsError, maxAbsError / scale);
        QVERIFY2(maxAbsError <= 1e-4 * scale,
                 qPrintable(QStringLiteral("max |a-b| = %1 > %2").arg(maxAbsError).arg(1e-4 * scale)));
    }

    // The capture path's embedding is the same computation as encodeImage/encodeText.
    void captureEmbeddingEqualsEncode() {
        for (auto& [variant, out] : mOutputs) {
            c10::InferenceMode inference;
            const ClipNetwork& net = out.model->network();
            const at::Tensor images = readFixture(variant, "images.npy");
            const at::Tensor tokens = readFixture(variant, "tokens.npy");
            CaptureRequest request;
            request.embedding = true;
            QVERIFY(at::equal(net.capture(images, request).embedding, net.encodeImage(images)));
            QVERIFY(at::equal(net.capture(tokens, request).embedding, net.encodeText(tokens)));
        }
    }

private:
    void computeOutputs(const QString& variant, Outputs& out) {
        c10::InferenceMode inference;
        const ClipNetwork& net = out.model->network();
        const at::Tensor images = readFixture(variant, "images.npy");
        const at::Tensor tokens = readFixture(variant, "tokens.npy");
        CaptureRequest imageRequest, textRequest;
        for (const auto& [file, point] : test::fixtureCapturePoints(variant))
            (file.startsWith("text_") ? textRequest : imageRequest).add(point);
        const CaptureResult imagePoints = net.capture(images, imageRequest);
        const CaptureResult textPoints = net.capture(tokens, textRequest);
        for (const auto& [file, point] : test::fixtureCapturePoints(variant)) {
            const CaptureResult& from = file.startsWith("text_") ? textPoints : imagePoints;
            out.tensors[file] = from.points.at(point).full;
        }
        // The text tower's input and pooled position are not capture points; the pooled
        // position is what the text token capture uses.
        out.tensors["text_eot_index"] = tokens.argmax(-1);
        const at::Tensor imageEmbedding = net.encodeImage(images);
        const at::Tensor textEmbedding = net.encodeText(tokens);
        out.tensors["encode_image"] = imageEmbedding;
        out.tensors["encode_text"] = textEmbedding;
        out.tensors["image_features_normalized"] = imageEmbedding / imageEmbedding.norm(2, {1}, true);
        out.tensors["text_features_normalized"] = textEmbedding / textEmbedding.norm(2, {1}, true);
        out.tensors["logits_per_image"] = net.logits(images, tokens);
        out.tensors["text_input"] = textInput(net, tokens);
    }

    // token_embedding(tokens) + positional_embedding from the network's own weights.
    static at::Tensor textInput(const ClipNetwork& net, const at::Tensor& tokens) {
        at::Tensor embedding, positional;
        for (const auto& [key, tensor] : net.namedTensors()) {
            if (key == "token_embedding.weight") embedding = tensor;
            if (key == "positional_embedding") positional = tensor;
        }
        return at::embedding(embedding, tokens) + positional;
    }

    std::map<QString, Outputs> mOutputs;
};

QTEST_GUILESS_MAIN(TestClipParity)
#include "tst_clip_parity.moc"
