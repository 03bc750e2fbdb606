// Loading a model the way users name it (model/ModelBundle.h): an official-style model gets
// the CLIP BPE tokenizer, found lazily and reported with the places searched when missing; a
// model with a Multiscope sidecar gets its word+byte tokenizer and head counts (explicit
// counts still win); a sidecar that disagrees with the weights is refused.

#include "bundled/WordByteTokenizer.h"
#include "io/NpyTensor.h"
#include "model/ModelBundle.h"
#include "util/Error.h"

#include "TestSupport.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

QString fixture(const QString& relative) { return test::fixturePath(QStringLiteral("clip/") + relative); }

QJsonObject sidecarJson(int contextLength, int textHeads) {
    return {{"format", "multiscope-model-sidecar"},
            {"default_layer", "visual.layer2.1"},
            {"version", 1},
            {"tokenizer", QJsonObject{{"type", "word-byte"},
                                      {"words", QJsonArray{"red", "cat"}},
                                      {"context_length", contextLength}}},
            {"text_heads", textHeads},
            {"vision_heads", 0}};
}

template <typename F>
QString errorOf(F&& body) {
    try {
        body();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QStringLiteral("<no ms::Error thrown>");
}

}  // namespace

class TestModelBundle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid() && mEmptyCache.isValid());
        qputenv("MULTISCOPE_MODEL_DIR", mEmptyCache.path().toUtf8());  // nothing from ~/.cache/clip
    }

    void officialModelUsesBpeFoundLazily() {
        ModelSpec spec;
        spec.model = fixture("rn_tiny/weights.safetensors").toStdString();
        const ModelBundle bundle = ModelBundle::load(spec);  // no BPE file needed to load
        QCOMPARE(bundle.tokenizerKind(), std::string("clip-bpe"));
        QVERIFY(bundle.sidecar() == nullptr);
        QCOMPARE(bundle.defaultLayer(), bundle.descriptor().defaultLayer);
        QCOMPARE(bundle.weightsPath(), spec.model);
        const QString error = errorOf([&] { bundle.tokenizer(); });
        QVERIFY2(error.contains("not found: looked at") && error.contains(mEmptyCache.path()), qPrintable(error));
    }

    void bpeTokenizesLikeTheReference() {
        ModelSpec spec;
        spec.model = fixture("rn_tiny/weights.safetensors").toStdString();
        spec.vocabulary = fixture("bpe_simple_vocab_16e6.txt.gz").toStdString();
        const ModelBundle bundle = ModelBundle::load(spec);
        QFile strings(fixture("rn_tiny/strings.json"));
        QVERIFY(strings.open(QIODevice::ReadOnly));
        std::vector<std::string> texts;
        for (const QJsonValue v : QJsonDocument::fromJson(strings.readAll()).array()) texts.push_back(v.toString().toStdString());
        const std::vector<int64_t> ids = bundle.tokenize(texts);
        QCOMPARE(bundle.contextLength(), 77);
        const at::Tensor expected = readNpy(fixture("rn_tiny/tokens.npy").toStdString());
        QVERIFY(at::equal(at::tensor(ids, at::kLong).view({static_cast<int64_t>(texts.size()), 77}), expected));
        QCOMPARE(bundle.tokenizer().kind(), std::string("clip-bpe"));
    }

    void sidecarGivesTokenizerAndHeads() {
        const QString model = copyWithSidecar("good", sidecarJson(77, 2));
        ModelSpec spec;
        spec.model = model.toStdString();
        const ModelBundle bundle = ModelBundle::load(spec);
        QVERIFY(bundle.sidecar() != nullptr);
        QCOMPARE(bundle.tokenizerKind(), std::string("word-byte"));
        QCOMPARE(bundle.model().config().transformerHeads, 2);
        QCOMPARE(bundle.defaultLayer(), std::string("visual.layer2.1"));
        const WordByteTokenizer reference(QStringList{"red", "cat"});
        const std::vector<int64_t> ids = bundle.tokenize({"Red cat!"});
        QCOMPARE(ids, reference.tokenize(QStringLiteral("Red cat!"), 77));
        QCOMPARE(ids[1], static_cast<int64_t>(WordByteTokenizer::kFirstWord));

        spec.textHeads = 4;  // the user's count wins over the sidecar's
        QCOMPARE(ModelBundle::load(spec).model().config().transformerHeads, 4);
    }

    void sidecarDisagreeingWithWeightsIsRefused() {
        const QString model = copyWithSidecar("bad", sidecarJson(32, 1));
        ModelSpec spec;
        spec.model = model.toStdString();
        const QString error = errorOf([&] { ModelBundle::load(spec); });
        QVERIFY2(error.contains("model.json") && error.contains("context length is 32") && error.contains("77"),
                 qPrintable(error));
    }

    void unknownModelNameIsReported() {
        ModelSpec spec;
        spec.model = "no-such-model.safetensors";
        QVERIFY(errorOf([&] { ModelBundle::load(spec); }).contains("no such file"));
    }

private:
    QString copyWithSidecar(const QString& folder, const QJsonObject& sidecar) {
        const QString dir = mDir.filePath(folder);
        QDir().mkpath(dir);
        const QString model = dir + "/model.safetensors";
        if (!QFile::copy(fixture("rn_tiny/weights.safetensors"), model)) qFatal("cannot copy the fixture");
        QFile json(dir + "/model.json");
        if (!json.open(QIODevice::WriteOnly)) qFatal("cannot write the sidecar");
        json.write(QJsonDocument(sidecar).toJson());
        return model;
    }

    QTemporaryDir mDir;
    QTemporaryDir mEmptyCache;
};

QTEST_GUILESS_MAIN(TestModelBundle)
#include "tst_model_bundle.moc"
