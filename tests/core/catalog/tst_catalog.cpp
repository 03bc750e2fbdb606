// The checkpoint table and --model resolution: names, URLs, the cache folder, "bundled".

#include "catalog/Checkpoints.h"
#include "catalog/ModelLocator.h"
#include "util/Error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

class TestCatalog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tableHasTheNineOfficialCheckpoints() {
        const auto& table = officialCheckpoints();
        QCOMPARE(table.size(), size_t(9));
        for (const auto& c : table) {
            QCOMPARE(c.sha256.size(), size_t(64));
            QVERIFY(c.url().find("/" + c.sha256 + "/" + c.file) != std::string::npos);
            QVERIFY(c.url().rfind("https://", 0) == 0);
            QVERIFY(c.approxBytes > 100'000'000);
        }
        QCOMPARE(findCheckpoint("RN50x4")->inputResolution, 288);
        QCOMPARE(findCheckpoint("RN50x64")->inputResolution, 448);
        QCOMPARE(findCheckpoint("ViT-L/14@336px")->file, std::string("ViT-L-14-336px.pt"));
    }

    void namesMatchLikeClipLoad() {
        QCOMPARE(findCheckpoint("vit-b/32")->name, std::string("ViT-B/32"));
        QCOMPARE(findCheckpoint("ViT-B-32")->name, std::string("ViT-B/32"));
        QVERIFY(!findCheckpoint("RN18"));
        QVERIFY(!findCheckpoint(""));
    }

    void baseUrlCanBeOverridden() {
        const auto rn50 = *findCheckpoint("RN50");
        QCOMPARE(rn50.url("http://127.0.0.1:8080/mirror/"),
                 "http://127.0.0.1:8080/mirror/" + rn50.sha256 + "/RN50.pt");
    }

    void vocabularyFacts() {
        QCOMPARE(officialBpeVocabulary().file, std::string("bpe_simple_vocab_16e6.txt.gz"));
        QCOMPARE(officialBpeVocabulary().sha256.size(), size_t(64));
    }

    void checkpointNamesResolveInTheCacheFolder() {
        QTemporaryDir cache;
        qputenv("MULTISCOPE_MODEL_DIR", cache.path().toUtf8());
        QCOMPARE(QString::fromStdString(modelCacheDir()), cache.path());
        try {
            resolveModelPath("RN50x4");
            QFAIL("a missing checkpoint must be an error");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(cache.filePath(QStringLiteral("RN50x4.pt"))));
        }
        QFile file(cache.filePath(QStringLiteral("RN50x4.pt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
        file.close();
        QCOMPARE(QString::fromStdString(resolveModelPath("RN50x4")), file.fileName());
        qunsetenv("MULTISCOPE_MODEL_DIR");
        QVERIFY(QString::fromStdString(modelCacheDir()).endsWith(QStringLiteral("/.cache/clip")));
    }

    void pathsAndBadArguments() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.safetensors"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(QString::fromStdString(resolveModelPath(path.toStdString())), path);
        QVERIFY_THROWS_EXCEPTION(Error, resolveModelPath(dir.filePath(QStringLiteral("missing.pt")).toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, resolveModelPath(dir.path().toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, resolveModelPath(""));
    }

    void dataDirHonoursTheEnvironment() {
        QTemporaryDir dir;
        qputenv("MULTISCOPE_DATA_DIR", dir.path().toUtf8());
        QCOMPARE(QString::fromStdString(dataDir()), dir.path());
        try {
            resolveModelPath("bundled");
            QFAIL("no bundled model in an empty data dir");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(dir.path()));
        }
        qunsetenv("MULTISCOPE_DATA_DIR");
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
