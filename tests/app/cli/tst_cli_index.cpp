// The index commands' contracts: `index --report` prints bad files as JSON lines and exits 0,
// `top --json` prints [{path, score, x, y}] best first (ties by path), two shards merged give
// the same answers as one run, and `evaluate --json` has the fields scripts rely on.
// Runs on the rn_tiny reference model and a generated 64 px folder.

#include "CliRun.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstring>
#include <map>

using namespace ms::test;

namespace {

QString rnTiny() { return fixturePath(QStringLiteral("clip/rn_tiny/weights.safetensors")); }

void checkOk(const CliRun& r) { QVERIFY2(r.exitCode == 0, r.report().constData()); }

}  // namespace

class TestCliIndex : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_env = cliEnvironment(m_dir.filePath(QStringLiteral("models")));
        m_images = m_dir.filePath(QStringLiteral("images"));
        checkOk(runCli({"generate", "--out", m_images, "--count", "30", "--seed", "5", "--size", "64"}, m_env));
        QFile bad(QDir(m_images).filePath(QStringLiteral("zz_broken.png")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("\x89PNG\r\n\x1a\n truncated");
    }

    void indexReportsBadFilesAndCompletes() {
        const QString index = m_dir.filePath(QStringLiteral("single"));
        const CliRun r = runCli({"index", "--model", rnTiny(), "--images", m_images, "--index", index, "--layers",
                                 "visual.layer3,visual.layer4", "--batch", "8", "--threads", "1", "--report"}, m_env);
        checkOk(r);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QJsonObject issue = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(issue.value(QStringLiteral("path")).toString(), QStringLiteral("zz_broken.png"));
        QVERIFY(!issue.value(QStringLiteral("reason")).toString().isEmpty());
    }

    void topJsonIsSortedWithArgmaxPositions() {
        const QString index = m_dir.filePath(QStringLiteral("single"));
        const CliRun r = runCli({"top", "--index", index, "--layer", "visual.layer3", "--unit", "7", "-k", "30", "--json"}, m_env);
        checkOk(r);
        const QJsonArray hits = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(hits.size(), 30);  // every good image
        double previous = 1e30;
        QString previousPath;
        for (const QJsonValue& v : hits) {
            const QJsonObject h = v.toObject();
            QVERIFY(h.contains(QStringLiteral("path")) && h.contains(QStringLiteral("score")));
            const double score = h.value(QStringLiteral("score")).toDouble();
            QVERIFY(score <= previous);
            if (score == previous) QVERIFY(h.value(QStringLiteral("path")).toString() > previousPath);
            const int x = h.value(QStringLiteral("x")).toInt(-1), y = h.value(QStringLiteral("y")).toInt(-1);
            QVERIFY(x >= 0 && x < 4 && y >= 0 && y < 4);  // layer3 of rn_tiny at 64 px is 4×4
            previous = score;
            previousPath = h.value(QStringLiteral("path")).toString();
        }
        const CliRun bottom = runCli({"top", "--index", index, "--layer", "visual.layer3", "--unit", "7", "-k", "3",
                                      "--bottom", "--by", "mean", "--json"}, m_env);
        checkOk(bottom);
        QCOMPARE(QJsonDocument::fromJson(bottom.out).array().size(), 3);
    }

    void scoresNpyMatchesTopInPathOrder() {
        const QString index = m_dir.filePath(QStringLiteral("single"));
        const QString npy = m_dir.filePath(QStringLiteral("unit7.npy"));
        checkOk(runCli({"scores", "--index", index, "--layer", "layer3", "--unit", "7", "--by", "mean", "--out", npy}, m_env));
        const CliRun top = runCli({"top", "--index", index, "--layer", "visual.layer3", "--unit", "7", "-k", "30",
                                   "--by", "mean", "--json"}, m_env);
        checkOk(top);
        std::map<QString, double> scoreOf;
        for (const QJsonValue& v : QJsonDocument::fromJson(top.out).array())
            scoreOf[v.toObject().value(QStringLiteral("path")).toString()] = v.toObject().value(QStringLiteral("score")).toDouble();
        QFile file(npy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\x93NUMPY\x01\x00"));
        const int headerEnd = 10 + (uchar(bytes[8]) | uchar(bytes[9]) << 8);
        QVERIFY(bytes.mid(10, headerEnd - 10).contains("'descr': '<f4'"));
        QVERIFY(bytes.mid(10, headerEnd - 10).contains("'shape': (30,)"));
        QCOMPARE(bytes.size() - headerEnd, 30 * 4);
        QFile pathsFile(npy + QStringLiteral(".paths.txt"));  // relative to the images folder, as in top --json
        QVERIFY(pathsFile.open(QIODevice::ReadOnly));
        const QStringList paths = QString::fromUtf8(pathsFile.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(paths.size(), 30);
        for (int i = 0; i < 30; ++i) {
            float score;
            std::memcpy(&score, bytes.constData() + headerEnd + 4 * i, 4);
            QVERIFY2(scoreOf.count(paths[i]), qPrintable(paths[i]));
            QCOMPARE(double(score), scoreOf.at(paths[i]));
        }
        QFile sidecar(npy + QStringLiteral(".json"));
        QVERIFY(sidecar.open(QIODevice::ReadOnly));
        const QJsonObject provenance = QJsonDocument::fromJson(sidecar.readAll()).object();
        QCOMPARE(provenance.value(QStringLiteral("score")).toString(), QStringLiteral("spatial mean"));
        QCOMPARE(provenance.value(QStringLiteral("pictures")).toInt(), 30);
        // An unknown unit is an error, not an empty file.
        const CliRun bad = runCli({"scores", "--index", index, "--layer", "layer3", "--unit", "100000", "--out",
                                   m_dir.filePath(QStringLiteral("bad.npy"))}, m_env);
        QVERIFY(bad.exitCode != 0);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.npy"))));
    }

    void shardsMergeIntoTheSameIndex() {
        QStringList shardDirs;
        for (const char* shard : {"1/2", "2/2"}) {
            const QString dir = m_dir.filePath(QStringLiteral("shard") + QString(shard).left(1));
            checkOk(runCli({"index", "--model", rnTiny(), "--images", m_images, "--index", dir, "--layers",
                            "visual.layer3,visual.layer4", "--batch", "8", "--threads", "1", "--shard", shard}, m_env));
            shardDirs << dir;
        }
        const QString merged = m_dir.filePath(QStringLiteral("merged"));
        checkOk(runCli(QStringList{"merge", "--out", merged} + shardDirs, m_env));
        for (const char* layer : {"visual.layer3", "visual.layer4"}) {
            const QStringList query{"top", "--layer", layer, "--unit", "2", "-k", "30", "--json", "--index"};
            const CliRun a = runCli(query + QStringList{m_dir.filePath(QStringLiteral("single"))}, m_env);
            const CliRun b = runCli(query + QStringList{merged}, m_env);
            checkOk(a);
            checkOk(b);
            QCOMPARE(b.out, a.out);
        }
    }

    void topRejectsUnknownLayers() {
        const CliRun r = runCli({"top", "--index", m_dir.filePath(QStringLiteral("single")), "--layer", "visual.layer9",
                                 "--unit", "0"}, m_env);
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("visual.layer9"));
    }

    void evaluateJsonHasTheContractFields() {
        QFile::remove(QDir(m_images).filePath(QStringLiteral("zz_broken.png")));  // evaluate reads every listed file only
        const CliRun r = runCli({"evaluate", "--model", rnTiny(), "--vocab",
                                 fixturePath(QStringLiteral("clip/bpe_simple_vocab_16e6.txt.gz")), "--data", m_images,
                                 "--json", "--threads", "1"}, m_env);
        checkOk(r);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonObject zeroShot = o.value(QStringLiteral("zero_shot")).toObject();
        for (const char* rendition : {"photo", "drawing", "icon", "word", "attack", "scene"}) {
            QVERIFY2(zeroShot.contains(QLatin1String(rendition)), rendition);
            const double a = zeroShot.value(QLatin1String(rendition)).toDouble(-1);
            QVERIFY(a >= 0 && a <= 1);
        }
        const double rate = o.value(QStringLiteral("typographic_attack_rate")).toDouble(-1);
        QVERIFY(rate >= 0 && rate <= 1);
        QCOMPARE(o.value(QStringLiteral("layer")).toString(), QStringLiteral("visual.layer4.0.add"));
        const QJsonArray units = o.value(QStringLiteral("multimodal_units")).toArray();
        QVERIFY(!units.isEmpty());
        for (const char* key : {"concept", "picture_unit", "picture_selectivity", "word_unit", "word_selectivity", "same_unit"})
            QVERIFY2(units.first().toObject().contains(QLatin1String(key)), key);
        QVERIFY(o.contains(QStringLiteral("multimodal_fraction")));
        QCOMPARE(o.value(QStringLiteral("prompt_ensemble")).toString(), QStringLiteral("mean"));  // a CLIP checkpoint: as CLIP
        const CliRun best = runCli({"evaluate", "--model", rnTiny(), "--vocab", fixturePath(QStringLiteral("clip/bpe_simple_vocab_16e6.txt.gz")),
                                    "--data", m_images, "--json", "--threads", "1", "--ensemble", "best"}, m_env);
        checkOk(best);
        QCOMPARE(QJsonDocument::fromJson(best.out).object().value(QStringLiteral("prompt_ensemble")).toString(), QStringLiteral("best"));
    }

    // Feature visualization: the PNG is what the model sees (its resolution), a batch is written
    // side by side, and --units writes one PNG per unit plus a contact sheet.
    void visWritesImagesAtTheModelResolution() {
        const QString png = m_dir.filePath(QStringLiteral("vis/one.png"));
        checkOk(runCli({"vis", "--model", rnTiny(), "--objective", "visual.layer4:3", "--steps", "4", "--batch", "2",
                        "--out", png, "--threads", "1"}, m_env));
        QCOMPARE(QImage(png).size(), QSize(2 * 64, 64));
        const QString dir = m_dir.filePath(QStringLiteral("vis/units"));
        checkOk(runCli({"vis", "--model", rnTiny(), "--objective", "visual.layer4", "--units", "0-2", "--steps", "2",
                        "--out", dir, "--threads", "1"}, m_env));
        for (const char* f : {"unit-0000.png", "unit-0001.png", "unit-0002.png"})
            QCOMPARE(QImage(QDir(dir).filePath(QLatin1String(f))).size(), QSize(64, 64));
        QCOMPARE(QImage(QDir(dir).filePath(QStringLiteral("contact-sheet.png"))).size(), QSize(3 * 64, 64));
        const CliRun bad = runCli({"vis", "--model", rnTiny(), "--objective", "visual.layer4:99999", "--steps", "2",
                                   "--out", png}, m_env);
        QVERIFY(bad.exitCode != 0);
        QVERIFY(bad.out.isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QProcessEnvironment m_env;
    QString m_images;
};

QTEST_GUILESS_MAIN(TestCliIndex)
#include "tst_cli_index.moc"
