// Bad input to the model commands of multiscope-cli: each case exits with a non-zero status,
// prints nothing on stdout and one specific line on stderr ("multiscope-cli: error: ...").
// Also the sidecar of a Multiscope-trained model: its word+byte tokenizer replaces BPE.

#include "CliRun.h"
#include "TestSupport.h"

#include "io/NpyTensor.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;
using test::CliRun;

namespace {

QString fixture(const QString& relative) { return test::fixturePath(QStringLiteral("clip/") + relative); }

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) qFatal("cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

}  // namespace

class TestCliModelErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(mDir.isValid() && mModelDir.isValid());
        const QByteArray weights = readFile(fixture("rn_tiny/weights.safetensors"));
        writeFile(path("truncated.safetensors"), weights.left(weights.size() / 2));
        writeFile(path("not-an-image.png"), "this is text, not a picture\n");
        writeNpy(path("images-f64.npy").toStdString(), readNpy(fixture("rn_tiny/images.npy").toStdString()).to(at::kDouble));
        writeNpy(path("tokens-float.npy").toStdString(), readNpy(fixture("rn_tiny/tokens.npy").toStdString()).to(at::kFloat));
        writeNpy(path("tokens-short.npy").toStdString(), readNpy(fixture("rn_tiny/tokens.npy").toStdString()).slice(1, 0, 50));
        // A copy of rn_tiny with a broken sidecar.
        QDir().mkpath(path("broken"));
        QFile::copy(fixture("rn_tiny/weights.safetensors"), path("broken/model.safetensors"));
        writeFile(path("broken/model.json"), "{ not json");
    }

    void badInputFailsWithOneLine_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");  // a part of the one line
        const QString rn = fixture("rn_tiny/weights.safetensors");
        const QString images = fixture("rn_tiny/images.npy");
        const QString tokens = fixture("rn_tiny/tokens.npy");
        const QString out = path("out");
        QTest::newRow("missing model") << QStringList{"info", "--model", path("nope.safetensors")} << "no such file";
        QTest::newRow("unknown checkpoint") << QStringList{"layers", "--model", "RN50x4"} << "not in the model cache";
        QTest::newRow("truncated safetensors") << QStringList{"info", "--model", path("truncated.safetensors")}
                                               << "truncated.safetensors";
        QTest::newRow("malformed sidecar") << QStringList{"info", "--model", path("broken/model.safetensors")}
                                           << "model.json";
        QTest::newRow("unknown layer") << QStringList{"activations", "--model", rn, "--images-npy", images, "--layers",
                                                      "visual.layer2.1.ad", "--out", out}
                                       << "closest: visual.layer2.1.add";
        QTest::newRow("alias beyond the model") << QStringList{"activations", "--model", rn, "--images-npy", images,
                                                               "--layers", "image_block_4/5/Add_6", "--out", out}
                                                << "visual.layer4.5.add";
        QTest::newRow("layer of the other tower") << QStringList{"activations", "--model", rn, "--images-npy", images,
                                                                 "--layers", "ln_final", "--out", out}
                                                  << "text tower";
        QTest::newRow("non-image in --images") << QStringList{"embed", "--model", rn, "--images",
                                                              path("not-an-image.png"), "--out", out}
                                               << "not-an-image.png";
        QTest::newRow("missing image") << QStringList{"preprocess", "--model", rn, path("missing.png"), "--out",
                                                      path("x.npy")}
                                       << "missing.png: no such image file";
        QTest::newRow("float64 images") << QStringList{"embed", "--model", rn, "--images-npy", path("images-f64.npy"),
                                                       "--out", out}
                                        << "must be float32";
        QTest::newRow("images of another resolution")
            << QStringList{"embed", "--model", rn, "--images-npy", fixture("vit_tiny/images.npy"), "--out", out}
            << "the model takes 64x64";
        QTest::newRow("float tokens") << QStringList{"embed", "--model", rn, "--tokens-npy", path("tokens-float.npy"),
                                                     "--out", out}
                                      << "tokens must be integer";
        QTest::newRow("tokens of another length") << QStringList{"activations", "--model", rn, "--tokens-npy",
                                                                 path("tokens-short.npy"), "--layers", "ln_final",
                                                                 "--out", out}
                                                   << "[N, 77]";
        QTest::newRow("no input") << QStringList{"embed", "--model", rn, "--out", out} << "embed needs images";
        QTest::newRow("two inputs") << QStringList{"activations", "--model", rn, "--images-npy", images, "--tokens-npy",
                                                   tokens, "--layers", "ln_final", "--out", out}
                                    << "excludes";
        QTest::newRow("no BPE vocabulary") << QStringList{"embed", "--model", rn, "--text", "a cat", "--out", out}
                                           << "BPE vocabulary bpe_simple_vocab_16e6.txt.gz not found: looked at";
    }

    void badInputFailsWithOneLine() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun r = test::runCli(args, test::cliEnvironment(mModelDir.path()));
        QVERIFY2(r.exitCode != 0, r.report());
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QByteArray err = r.err.trimmed();
        QVERIFY2(!err.isEmpty() && !err.contains('\n'), r.report());
        QVERIFY2(err.contains(message.toUtf8()), r.report());
        QVERIFY2(!QFile::exists(path("out/image_features.npy")), "wrote output despite the error");
    }

    // A model with a sidecar tokenizes with its word+byte vocabulary: no BPE file needed, and
    // the sidecar's head counts are the defaults.
    void sidecarTokenizerReplacesBpe() {
        QDir().mkpath(path("bundled"));
        QVERIFY(QFile::copy(fixture("rn_tiny/weights.safetensors"), path("bundled/model.safetensors")));
        const QJsonObject sidecar{{"format", "multiscope-model-sidecar"},
                                  {"version", 1},
                                  {"tokenizer", QJsonObject{{"type", "word-byte"},
                                                            {"words", QJsonArray{"red", "cat", "dog"}},
                                                            {"context_length", 77}}},
                                  {"text_heads", 2},
                                  {"vision_heads", 8}};
        writeFile(path("bundled/model.json"), QJsonDocument(sidecar).toJson());
        const QString model = path("bundled/model.safetensors");
        const CliRun info = test::runCli({"info", "--model", model, "--json"}, test::cliEnvironment(mModelDir.path()));
        QVERIFY2(info.exitCode == 0, info.report());
        const QJsonObject o = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(o["tokenizer"].toString(), QStringLiteral("word-byte"));
        QCOMPARE(o["text"]["heads"].toInt(), 2);
        const CliRun overridden = test::runCli({"info", "--model", model, "--json", "--text-heads", "4"},
                                               test::cliEnvironment(mModelDir.path()));
        QCOMPARE(QJsonDocument::fromJson(overridden.out).object().value("text").toObject().value("heads").toInt(), 4);
        const QString out = path("sidecar-out");
        const CliRun embed = test::runCli({"embed", "--model", model, "--text", "a red cat", "Red dog!", "--out", out},
                                          test::cliEnvironment(mModelDir.path()));
        QVERIFY2(embed.exitCode == 0, embed.report());
        const at::Tensor features = readNpy((out + "/text_features.npy").toStdString());
        QCOMPARE(features.sizes().vec(), (std::vector<int64_t>{2, 64}));
        QVERIFY(features.isfinite().all().item<bool>());
        QVERIFY(!at::allclose(features[0], features[1]));
    }

private:
    QString path(const QString& name) const { return mDir.filePath(name); }

    QTemporaryDir mDir;
    QTemporaryDir mModelDir;  // an empty model cache
};

QTEST_GUILESS_MAIN(TestCliModelErrors)
#include "tst_cli_model_errors.moc"
