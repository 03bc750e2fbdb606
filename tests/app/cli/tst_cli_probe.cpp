// `probe` and `attack` contracts on the rn_tiny reference model and a generated folder:
// probe's JSON fields, its units best-first and equal to the layer's spatial means that
// `activations` writes (a separate code path), its probabilities a distribution; attack's
// JSON fields, its trial counts, its CSV equal to its JSON, labels from sub-folders, and
// clear errors. (What attacks do to a trained model is checked on the bundled model.)

#include "CliRun.h"
#include "TestSupport.h"

#include "io/NpyTensor.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <torch/torch.h>

using namespace ms::test;

namespace {

QString fixture(const QString& relative) { return fixturePath(QStringLiteral("clip/") + relative); }

QStringList modelArgs() {
    QFile f(fixture(QStringLiteral("rn_tiny/config.json")));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read rn_tiny/config.json");
    const QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    return {QStringLiteral("--model"), fixture(QStringLiteral("rn_tiny/weights.safetensors")),
            QStringLiteral("--vocab"), fixture(QStringLiteral("bpe_simple_vocab_16e6.txt.gz")),
            QStringLiteral("--text-heads"), QString::number(json["config"].toObject()["transformer_heads"].toInt()),
            QStringLiteral("--vision-heads"), QString::number(json["vision_heads"].toInt()),
            QStringLiteral("--threads"), QStringLiteral("1")};
}

void checkOk(const CliRun& r) { QVERIFY2(r.exitCode == 0, r.report().constData()); }

}  // namespace

class TestCliProbe : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_images;

    QString firstImage(const QString& rendition) const {
        QFile labels(QDir(m_images).filePath(QStringLiteral("labels.csv")));
        if (!labels.open(QIODevice::ReadOnly)) return {};
        while (!labels.atEnd()) {
            const QStringList fields = QString::fromUtf8(labels.readLine()).split(QLatin1Char(','));
            if (fields.value(2) == rendition) return QDir(m_images).filePath(fields[0]);
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_env = cliEnvironment(m_dir.filePath(QStringLiteral("models")));
        m_images = m_dir.filePath(QStringLiteral("images"));
        checkOk(runCli({"generate", "--out", m_images, "--count", "24", "--seed", "3", "--size", "64"}, m_env));
    }

    void probeJsonMatchesTheLayersSpatialMeans() {
        const QString image = firstImage(QStringLiteral("photo"));
        const CliRun r = runCli(QStringList{"probe"} + modelArgs() + QStringList{image, "--layer", "visual.layer3", "-k", "5", "--json"}, m_env);
        checkOk(r);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(QStringLiteral("layer")).toString(), QStringLiteral("visual.layer3"));
        const QJsonArray top = out.value(QStringLiteral("top_units")).toArray();
        QCOMPARE(top.size(), 5);

        const QString acts = m_dir.filePath(QStringLiteral("acts"));
        checkOk(runCli(QStringList{"activations"} + modelArgs() + QStringList{"--images", image, "--layers", "visual.layer3", "--out", acts}, m_env));
        const at::Tensor means = ms::readNpy(QDir(acts).filePath(QStringLiteral("visual.layer3.npy")).toStdString())[0].mean({1, 2});
        const auto sorted = std::get<0>(means.sort(0, /*descending=*/true));
        for (int i = 0; i < top.size(); ++i) {
            const QJsonObject u = top[i].toObject();
            const int unit = u.value(QStringLiteral("unit")).toInt();
            QVERIFY(qAbs(u.value(QStringLiteral("activation")).toDouble() - means[unit].item<double>()) < 1e-4);
            QVERIFY(qAbs(u.value(QStringLiteral("activation")).toDouble() - sorted[i].item<double>()) < 1e-4);
            QVERIFY(u.value(QStringLiteral("max")).toDouble() >= u.value(QStringLiteral("activation")).toDouble());
        }
        const QJsonArray zeroShot = out.value(QStringLiteral("zero_shot")).toArray();
        QCOMPARE(zeroShot.size(), 36);  // the world's concepts, as the model carries no sidecar
        double sum = 0, previous = 2;
        for (const QJsonValue v : zeroShot) {
            const double p = v.toObject().value(QStringLiteral("probability")).toDouble();
            QVERIFY(p <= previous);
            previous = p;
            sum += p;
        }
        QVERIFY(qAbs(sum - 1.0) < 1e-4);
    }

    void probeTakesAClassList() {
        QFile classes(m_dir.filePath(QStringLiteral("classes.txt")));
        QVERIFY(classes.open(QIODevice::WriteOnly));
        classes.write("# my labels\ncat\n\ndog\nspider\n");
        classes.close();
        const CliRun r = runCli(QStringList{"probe"} + modelArgs() +
                                    QStringList{firstImage(QStringLiteral("icon")), "--classes", classes.fileName(), "--json"}, m_env);
        checkOk(r);
        const QJsonArray zeroShot = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("zero_shot")).toArray();
        QCOMPARE(zeroShot.size(), 3);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("top_units")).toArray().size(), 10);  // -k default
    }

    void attackJsonCsvAndTrials() {
        const QString csv = m_dir.filePath(QStringLiteral("attack.csv"));
        const CliRun r = runCli(QStringList{"attack"} + modelArgs() +
                                    QStringList{"--images", m_images, "--words", "spider,cup", "--csv", csv, "--json"}, m_env);
        checkOk(r);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        for (const char* key : {"clean_accuracy", "attacks", "success_rate", "images"}) QVERIFY2(out.contains(QLatin1String(key)), key);
        const int images = out.value(QStringLiteral("images")).toInt();
        QCOMPARE(images, 12);  // photo, drawing and icon of 24 (renditions cycle through six)
        const QJsonArray attacks = out.value(QStringLiteral("attacks")).toArray();
        QCOMPARE(attacks.size(), 2);
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = table.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QByteArray("word,trials,success_rate,accuracy,accuracy_drop"));
        int successes = 0, trials = 0;
        for (int w = 0; w < 2; ++w) {
            const QJsonObject a = attacks[w].toObject();
            const QList<QByteArray> fields = lines[w + 1].split(',');
            QCOMPARE(QString::fromUtf8(fields[0]), a.value(QStringLiteral("word")).toString());
            QCOMPARE(fields[1].toInt(), a.value(QStringLiteral("trials")).toInt());
            QVERIFY(qAbs(fields[2].toDouble() - a.value(QStringLiteral("success_rate")).toDouble()) < 1e-4);
            QVERIFY(qAbs(fields[3].toDouble() - a.value(QStringLiteral("accuracy")).toDouble()) < 1e-4);
            QVERIFY(a.value(QStringLiteral("trials")).toInt() <= images);
            trials += a.value(QStringLiteral("trials")).toInt();
            successes += qRound(a.value(QStringLiteral("success_rate")).toDouble() * a.value(QStringLiteral("trials")).toInt());
        }
        QVERIFY(qAbs(out.value(QStringLiteral("success_rate")).toDouble() - double(successes) / trials) < 1e-9);
    }

    void attackLabelsFromSubFoldersAndRandomPlacement() {
        const QString sorted = m_dir.filePath(QStringLiteral("sorted"));
        for (const char* label : {"star", "moon"}) {
            QDir().mkpath(QDir(sorted).filePath(QLatin1String(label)));
            QVERIFY(QFile::copy(firstImage(QStringLiteral("photo")), QDir(sorted).filePath(QLatin1String(label) + QStringLiteral("/a.png"))));
        }
        const CliRun r = runCli(QStringList{"attack"} + modelArgs() +
                                    QStringList{"--images", sorted, "--words", "star", "--placement", "random", "--json"}, m_env);
        checkOk(r);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(QStringLiteral("images")).toInt(), 2);
        QCOMPARE(out.value(QStringLiteral("attacks")).toArray()[0].toObject().value(QStringLiteral("trials")).toInt(), 1);  // not on "star" itself
    }

    void wordsForAUnitAndForAConcept() {
        QFile list(m_dir.filePath(QStringLiteral("words.txt")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("star\nfish\numbrella\nkey\nhouse\ntree\nmoon\n");
        list.close();
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("cache")));
        const QStringList unitArgs = QStringList{"words"} + modelArgs() +
                                     QStringList{"--layer", "visual.layer3", "--unit", "2", "-k", "4", "--words", list.fileName(), "--json"};
        const CliRun r = runCli(unitArgs, env);
        checkOk(r);
        const QJsonObject out = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(out.value(QStringLiteral("layer")).toString(), QStringLiteral("visual.layer3"));
        QCOMPARE(out.value(QStringLiteral("unit")).toInt(), 2);
        QCOMPARE(out.value(QStringLiteral("word_count")).toInt(), 7);
        const QJsonArray words = out.value(QStringLiteral("words")).toArray();
        QCOMPARE(words.size(), 4);
        for (int i = 1; i < words.size(); ++i)
            QVERIFY(words[i].toObject().value(QStringLiteral("score")).toDouble() <=
                    words[i - 1].toObject().value(QStringLiteral("score")).toDouble());
        QVERIFY(!QDir(m_dir.filePath(QStringLiteral("cache/multiscope/rendered-words"))).isEmpty());
        const CliRun again = runCli(unitArgs, env);  // from the cache: the same answer
        checkOk(again);
        QCOMPARE(again.out, r.out);

        const CliRun c = runCli(QStringList{"words"} + modelArgs() +
                                    QStringList{"--layer", "visual.layer3", "--concept", "spider", "-k", "3", "--words", list.fileName(), "--json"}, env);
        checkOk(c);
        const QJsonObject probe = QJsonDocument::fromJson(c.out).object();
        QCOMPARE(probe.value(QStringLiteral("concept")).toString(), QStringLiteral("spider"));
        const QJsonArray units = probe.value(QStringLiteral("units")).toArray();
        QCOMPARE(units.size(), 3);
        QVERIFY(units[0].toObject().value(QStringLiteral("z")).toDouble() >= units[2].toObject().value(QStringLiteral("z")).toDouble());
        QVERIFY(units[0].toObject().contains(QStringLiteral("activation")));

        const CliRun neither = runCli(QStringList{"words"} + modelArgs() + QStringList{"--words", list.fileName()}, env);
        QVERIFY(neither.exitCode != 0);
        QVERIFY2(neither.err.contains("--unit or --concept"), neither.err.constData());
    }

    void clearErrors() {
        const CliRun noFolder = runCli(QStringList{"attack"} + modelArgs() + QStringList{"--images", m_dir.filePath(QStringLiteral("nowhere")), "--words", "cup"}, m_env);
        QVERIFY(noFolder.exitCode != 0);
        QVERIFY2(noFolder.err.contains("not a folder"), noFolder.err.constData());
        const CliRun empty = runCli(QStringList{"attack"} + modelArgs() + QStringList{"--images", m_dir.filePath(QStringLiteral("models")), "--words", "cup"}, m_env);
        QVERIFY(empty.exitCode != 0);
        const CliRun badImage = runCli(QStringList{"probe"} + modelArgs() + QStringList{m_dir.filePath(QStringLiteral("classes.txt"))}, m_env);
        QVERIFY(badImage.exitCode != 0);
        QVERIFY2(badImage.err.contains("classes.txt"), badImage.err.constData());
        const CliRun textLayer = runCli(QStringList{"probe"} + modelArgs() + QStringList{firstImage(QStringLiteral("photo")), "--layer", "transformer.resblocks.0"}, m_env);
        QVERIFY(textLayer.exitCode != 0);
        QVERIFY2(textLayer.err.contains("text tower"), textLayer.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliProbe)
#include "tst_cli_probe.moc"
