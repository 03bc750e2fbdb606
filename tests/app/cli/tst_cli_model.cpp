// The model commands of multiscope-cli against the reference fixtures, run as a user would:
// `embed` and `activations` reproduce the reference's outputs on rn_tiny and vit_tiny within
// max|a−b| ≤ 1e-4·max(1, max|b|); `preprocess` the reference preprocessing; `tokenize`
// clip.tokenize; `layers --json` and `info --json` describe the model; `quantize` shrinks it
// without changing its embeddings beyond int8 rounding. Results go to files or
// stdout only; nothing else is printed on stdout.

#include "CliRun.h"
#include "FixturePoints.h"
#include "TestSupport.h"

#include "io/NpyTensor.h"

#include <ATen/ATen.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace ms;
using test::CliRun;

namespace {

QString fixture(const QString& relative) { return test::fixturePath(QStringLiteral("clip/") + relative); }

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll()).object();
}

// --model and the head counts the fixture was built with (vit_tiny needs --text-heads 2).
QStringList modelArgs(const QString& variant) {
    const QJsonObject json = readJson(fixture(variant + "/config.json"));
    const int textHeads = json["config"].toObject()["transformer_heads"].toInt();
    return {QStringLiteral("--model"), fixture(variant + "/weights.safetensors"), QStringLiteral("--text-heads"),
            QString::number(textHeads), QStringLiteral("--vision-heads"), QString::number(json["vision_heads"].toInt()),
            QStringLiteral("--threads"), QStringLiteral("1")};
}

// The acceptance tolerance; also checks dtype and shape.
void verifyClose(const QString& actualPath, const QString& expectedPath) {
    QVERIFY2(QFile::exists(actualPath), qPrintable(actualPath + " was not written"));
    const at::Tensor actual = readNpy(actualPath.toStdString());
    const at::Tensor expected = readNpy(expectedPath.toStdString());
    QCOMPARE(actual.scalar_type(), at::kFloat);
    QCOMPARE(actual.sizes().vec(), expected.sizes().vec());
    const double error = (actual - expected).abs().max().item<double>();
    const double scale = std::max(1.0, expected.abs().max().item<double>());
    QVERIFY2(error <= 1e-4 * scale, qPrintable(QStringLiteral("%1: max|a-b| = %2 > %3")
                                                   .arg(actualPath).arg(error).arg(1e-4 * scale)));
}

}  // namespace

class TestCliModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(mModelDir.isValid() && mOut.isValid()); }

    void embedMatchesReference_data() {
        QTest::addColumn<QString>("variant");
        QTest::newRow("rn_tiny") << QStringLiteral("rn_tiny");
        QTest::newRow("vit_tiny") << QStringLiteral("vit_tiny");
    }

    void embedMatchesReference() {
        QFETCH(QString, variant);
        const QString out = mOut.filePath(variant + "-embed");
        const CliRun r = run(modelArgs(variant) + QStringList{"--images-npy", fixture(variant + "/images.npy"),
                                                              "--tokens-npy", fixture(variant + "/tokens.npy"),
                                                              "--out", out},
                             "embed");
        QVERIFY2(r.exitCode == 0, r.report());
        QVERIFY(r.out.isEmpty());
        verifyClose(out + "/image_features.npy", fixture(variant + "/encode_image.npy"));
        verifyClose(out + "/text_features.npy", fixture(variant + "/encode_text.npy"));
        verifyClose(out + "/logits_per_image.npy", fixture(variant + "/logits_per_image.npy"));
    }

    // --text goes through the BPE tokenizer: the fixture's tokens are clip.tokenize(strings.json).
    void embedTextsMatchesReference() {
        QStringList args = modelArgs("rn_tiny") + QStringList{"--vocab", fixture("bpe_simple_vocab_16e6.txt.gz")};
        args << "--text";
        for (const QJsonValue s : readJsonArray(fixture("rn_tiny/strings.json"))) args << s.toString();
        const QString out = mOut.filePath("embed-text");
        const CliRun r = run(args + QStringList{"--out", out}, "embed");
        QVERIFY2(r.exitCode == 0, r.report());
        verifyClose(out + "/text_features.npy", fixture("rn_tiny/encode_text.npy"));
        QVERIFY(!QFile::exists(out + "/image_features.npy"));
        QVERIFY(!QFile::exists(out + "/logits_per_image.npy"));  // only with both sides
    }

    void activationsMatchReference_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("tower");
        for (const char* v : {"rn_tiny", "vit_tiny"})
            for (const char* t : {"visual", "text"}) QTest::addRow("%s/%s", v, t) << QString(v) << QString(t);
    }

    // Every saved activation of the tower, in one run; files are named by the point.
    void activationsMatchReference() {
        QFETCH(QString, variant);
        QFETCH(QString, tower);
        QStringList layers;
        std::map<QString, QString> files;
        for (const auto& [file, point] : test::fixtureCapturePoints(variant))
            if (file.startsWith(tower + "_")) {
                layers << QString::fromStdString(point);
                files[file] = QString::fromStdString(point);
            }
        const QString out = mOut.filePath(variant + "-" + tower);
        const QString input = tower == "text" ? "--tokens-npy" : "--images-npy";
        const QString inputFile = fixture(variant + (tower == "text" ? "/tokens.npy" : "/images.npy"));
        const CliRun r = run(modelArgs(variant) + QStringList{input, inputFile, "--layers", layers.join(','), "--out", out},
                             "activations");
        QVERIFY2(r.exitCode == 0, r.report());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), static_cast<int>(files.size()));
        for (const auto& [file, point] : files)
            verifyClose(out + "/" + point + ".npy", fixture(variant + "/" + file + ".npy"));
    }

    // A Microscope alias is written under the canonical name; relu(add) is the block output.
    void activationsAliasUsesCanonicalName() {
        const QString out = mOut.filePath("alias");
        const CliRun r = run(modelArgs("rn_tiny") + QStringList{"--images-npy", fixture("rn_tiny/images.npy"), "--layers",
                                                               "image_block_2/1/Add_6", "--out", out},
                             "activations");
        QVERIFY2(r.exitCode == 0, r.report());
        QCOMPARE(QDir(out).entryList(QDir::Files), QStringList{"visual.layer2.1.add.npy"});
        const at::Tensor add = readNpy((out + "/visual.layer2.1.add.npy").toStdString());
        const at::Tensor block = readNpy(fixture("rn_tiny/visual_layer2_block1.npy").toStdString());
        QVERIFY(add.min().item<float>() < 0);  // before the ReLU
        QVERIFY((add.relu() - block).abs().max().item<double>() <= 1e-4 * std::max(1.0, block.abs().max().item<double>()));
    }

    void preprocessMatchesReference_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<QString>("expected");
        QTest::newRow("rn_tiny at 64") << QStringLiteral("rn_tiny") << QStringLiteral("preprocess/chelsea_64.npy");
        QTest::newRow("vit_tiny at 32") << QStringLiteral("vit_tiny") << QStringLiteral("preprocess/chelsea_32.npy");
    }

    void preprocessMatchesReference() {
        QFETCH(QString, variant);
        QFETCH(QString, expected);
        const QString out = mOut.filePath(variant + "-chelsea.npy");
        const QString chelsea = fixture("images/chelsea.png");
        const CliRun r = run(modelArgs(variant) + QStringList{chelsea, chelsea, "--out", out}, "preprocess");
        QVERIFY2(r.exitCode == 0, r.report());
        QVERIFY(r.out.isEmpty());
        const at::Tensor actual = readNpy(out.toStdString());
        const at::Tensor reference = readNpy(fixture(expected).toStdString());
        QCOMPARE(actual.scalar_type(), at::kFloat);
        QCOMPARE(actual.sizes().vec(), (std::vector<int64_t>{2, 3, reference.size(2), reference.size(3)}));
        for (int64_t i = 0; i < 2; ++i) QVERIFY((actual[i] - reference[0]).abs().max().item<double>() <= 1e-6);
    }

    void tokenizeMatchesReference() {
        QFile cases(fixture("tokenizer_cases.jsonl"));
        QVERIFY(cases.open(QIODevice::ReadOnly));
        QStringList texts;
        QList<QJsonArray> expected;
        for (int line = 0; !cases.atEnd(); ++line) {
            const QJsonObject c = QJsonDocument::fromJson(cases.readLine()).object();
            if (line % 40 != 0 && !c["truncated"].toBool()) continue;  // a spread of categories
            texts << c["text"].toString();
            expected << c["tokenized77"].toArray();
        }
        QVERIFY(texts.size() >= 12);
        const CliRun r = run(QStringList{"--vocab", fixture("bpe_simple_vocab_16e6.txt.gz")} + texts, "tokenize");
        QVERIFY2(r.exitCode == 0, r.report());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), texts.size());
        for (int i = 0; i < lines.size(); ++i)
            QVERIFY2(QJsonDocument::fromJson(lines[i]).array() == expected[i], qPrintable(texts[i]));
    }

    void layersJsonListsCapturePointsInForwardOrder_data() {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QList<int>>("firstShape");
        // rn_tiny: 4 stem points, 4 per block (5 blocks) + 4 stage outputs, attnpool, 3 text.
        QTest::newRow("rn_tiny") << QStringLiteral("rn_tiny") << 32 << QStringLiteral("visual.relu1") << QList<int>{8, 32, 32};
        // vit_tiny: conv1, ln_pre, 2 per block (2 blocks), ln_post, 3 text.
        QTest::newRow("vit_tiny") << QStringLiteral("vit_tiny") << 10 << QStringLiteral("visual.conv1") << QList<int>{128, 4, 4};
    }

    void layersJsonListsCapturePointsInForwardOrder() {
        QFETCH(QString, variant);
        QFETCH(int, count);
        QFETCH(QString, first);
        QFETCH(QList<int>, firstShape);
        const CliRun r = run(modelArgs(variant) + QStringList{"--json"}, "layers");
        QVERIFY2(r.exitCode == 0, r.report());
        QJsonParseError error;
        const QJsonArray points = QJsonDocument::fromJson(r.out, &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(points.size(), count);
        for (const QJsonValue p : points) {
            const QJsonObject o = p.toObject();
            QCOMPARE(o.keys(), (QStringList{"name", "shape", "units"}));
            const QJsonArray shape = o["shape"].toArray();
            QVERIFY(!shape.isEmpty());
            // Units are channels (conv, the first dimension) or features (the last).
            QVERIFY(o["units"].toInt() == shape.first().toInt() || o["units"].toInt() == shape.last().toInt());
        }
        QCOMPARE(points.first()["name"].toString(), first);
        QList<int> shape;
        for (const QJsonValue v : points.first()["shape"].toArray()) shape << v.toInt();
        QCOMPARE(shape, firstShape);
        QCOMPARE(points.last()["name"].toString(), QStringLiteral("ln_final"));
        QCOMPARE(points.last()["shape"].toArray(), (QJsonArray{77, 64}));
        // Forward order: the image tower's points come before the text tower's.
        QVERIFY(points[count - 4]["name"].toString().startsWith("visual."));
        QCOMPARE(points[count - 3]["name"].toString(), QStringLiteral("transformer.resblocks.0"));
        // The order of the object's keys is the contract's.
        QVERIFY(r.out.startsWith("[{\"name\":"));
        QVERIFY(r.out.contains("\",\"units\":"));
    }

    void infoJsonDescribesTheModel() {
        const CliRun r = run(modelArgs("vit_tiny") + QStringList{"--json"}, "info");
        QVERIFY2(r.exitCode == 0, r.report());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["family"].toString(), QStringLiteral("vit"));
        QCOMPARE(o["input_resolution"].toInt(), 32);
        QCOMPARE(o["embed_dim"].toInt(), 64);
        QCOMPARE(o["text"]["heads"].toInt(), 2);  // --text-heads
        QCOMPARE(o["text"]["context_length"].toInt(), 77);
        QCOMPARE(o["vision"]["patch_size"].toInt(), 8);
        QCOMPARE(o["tokenizer"].toString(), QStringLiteral("clip-bpe"));
        QFile weights(fixture("vit_tiny/weights.safetensors"));
        QVERIFY(weights.open(QIODevice::ReadOnly));
        QCOMPARE(o["sha256"].toString(),
                 QString::fromLatin1(QCryptographicHash::hash(weights.readAll(), QCryptographicHash::Sha256).toHex()));
        QCOMPARE(static_cast<float>(o["mean"].toArray().first().toDouble()), 0.48145466f);
        const CliRun text = run(modelArgs("vit_tiny"), "info");
        QVERIFY2(text.exitCode == 0, text.report());
        QVERIFY(text.out.contains(o["sha256"].toString().toLatin1()));
    }

    // `quantize` stores the chosen tensors as int8: the file shrinks, the model still loads
    // through the same loader and its image embeddings stay those of the reference (cosine
    // ≥ 0.999 per image); a sidecar beside the input travels with a record of what was done.
    void quantizeKeepsTheEmbeddings() {
        const QString dir = mOut.filePath("quantize");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(fixture("rn_tiny/weights.safetensors"), dir + "/model.safetensors"));
        QFile sidecar(dir + "/model.json");
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write("{\"note\": \"kept\", \"training\": {\"steps\": 3}}");
        sidecar.close();
        const CliRun r = run({dir + "/model.safetensors", "--out", dir + "/small.safetensors", "--int8", "visual.attnpool.",
                              "--int8", "visual.layer4."},
                             "quantize");
        QVERIFY2(r.exitCode == 0, r.report());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o["out"].toString(), dir + "/small.safetensors");
        QCOMPARE(o["bytes_after"].toInteger(), QFileInfo(dir + "/small.safetensors").size());
        QVERIFY(o["bytes_after"].toInteger() < o["bytes_before"].toInteger() / 2);  // F32 → int8 and F16
        QVERIFY(o["tensors"].toInt() >= 4);
        QVERIFY(o["max_relative_error"].toDouble() > 0 && o["max_relative_error"].toDouble() < 1.01 / 254);

        const QJsonObject copied = readJson(dir + "/small.json");
        QCOMPARE(copied["note"].toString(), QStringLiteral("kept"));
        QCOMPARE(copied["training"].toObject()["steps"].toInt(), 3);
        QCOMPARE(copied["quantization"].toObject()["int8_prefixes"].toArray().size(), 2);
        QCOMPARE(copied["quantization"].toObject()["tensors"].toInt(), o["tensors"].toInt());

        QFile::remove(dir + "/small.json");  // not a Multiscope sidecar: the model loads as a plain CLIP
        QStringList args = modelArgs("rn_tiny");
        args[1] = dir + "/small.safetensors";
        const QString out = mOut.filePath("quantized-embed");
        const CliRun e = run(args + QStringList{"--images-npy", fixture("rn_tiny/images.npy"), "--out", out}, "embed");
        QVERIFY2(e.exitCode == 0, e.report());
        const at::Tensor actual = readNpy((out + "/image_features.npy").toStdString());
        const at::Tensor expected = readNpy(fixture("rn_tiny/encode_image.npy").toStdString());
        const double worst = at::cosine_similarity(actual, expected, 1).min().item<double>();
        QVERIFY2(worst >= 0.999, qPrintable(QString::number(worst)));
        QVERIFY((actual - expected).abs().max().item<double>() > 0);  // the weights did change

        const CliRun typo = run({dir + "/model.safetensors", "--out", dir + "/typo.safetensors", "--int8", "visual.atnpool."}, "quantize");
        QVERIFY(typo.exitCode != 0);
        QVERIFY2(typo.err.contains("visual.atnpool."), typo.report());
        QVERIFY(!QFile::exists(dir + "/typo.safetensors"));
    }

private:
    CliRun run(const QStringList& args, const QString& command) {
        return test::runCli(QStringList{command} + args, test::cliEnvironment(mModelDir.path()));
    }

    static QJsonArray readJsonArray(const QString& path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
        return QJsonDocument::fromJson(file.readAll()).array();
    }

    QTemporaryDir mModelDir;  // an empty model cache: only the fixtures are used
    QTemporaryDir mOut;
};

QTEST_GUILESS_MAIN(TestCliModel)
#include "tst_cli_model.moc"
