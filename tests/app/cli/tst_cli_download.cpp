// `models`, `download` and `verify` as a user runs them, against a loopback HTTP server that
// this test starts. A catalogue file ($MULTISCOPE_CATALOG) adds a stand-in checkpoint — the
// tiny reference CLIP from the fixtures — and points the vocabulary at the server, so the
// whole path (download → verified → `--model NAME` → the cached vocabulary) runs for real.

#include "LoopbackHttpServer.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QByteArray report() const { return "exit " + QByteArray::number(exitCode) + ", stderr: " + err; }
};

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QString sha256Of(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QJsonObject entryNamed(const QJsonArray& array, const QString& name) {
    for (const QJsonValue v : array)
        if (v.toObject().value(QStringLiteral("name")).toString() == name) return v.toObject();
    return {};
}

}  // namespace

class TestCliDownload : public QObject {
    Q_OBJECT
    LoopbackHttpServer server;
    QTemporaryDir cache;
    QTemporaryDir work;
    QByteArray model;
    QByteArray vocab;

    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "MULTISCOPE_CLIP_BASE_URL", "http_proxy",
                              "HTTP_PROXY", "all_proxy", "ALL_PROXY"})
            env.remove(QString::fromLatin1(v));
        env.insert(QStringLiteral("no_proxy"), QStringLiteral("127.0.0.1,localhost"));
        env.insert(QStringLiteral("MULTISCOPE_MODEL_DIR"), cache.path());
        env.insert(QStringLiteral("MULTISCOPE_CATALOG"), work.filePath(QStringLiteral("catalogue.json")));
        return env;
    }

    // Runs the CLI while this thread's event loop keeps the server answering.
    Run cli(const QStringList& args) {
        QProcess p;
        p.setProcessEnvironment(environment());
        QSignalSpy done(&p, &QProcess::finished);
        p.start(QStringLiteral(MULTISCOPE_CLI), args);
        if (!done.wait(120'000)) qFatal("multiscope-cli %s did not finish", qPrintable(args.join(' ')));
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString base() const { return server.baseUrl() + QStringLiteral("/clip/models"); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(server.listen());
        model = readFile(ms::test::fixturePath(QStringLiteral("clip/rn_tiny/weights.safetensors")));
        vocab = readFile(ms::test::fixturePath(QStringLiteral("clip/bpe_simple_vocab_16e6.txt.gz")));
        server.serve("/clip/models/" + sha256Of(model).toLatin1() + "/tiny-rn.safetensors", model);
        server.serve("/clip/models/" + sha256Of("something else").toLatin1() + "/tiny-rn.safetensors", model);
        server.serve("/vocab/bpe.txt.gz", vocab);
        const QJsonObject catalogue{
            {QStringLiteral("checkpoints"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("TinyRN")},
                                    {QStringLiteral("file"), QStringLiteral("tiny-rn.safetensors")},
                                    {QStringLiteral("sha256"), sha256Of(model)},
                                    {QStringLiteral("input_resolution"), 64},
                                    {QStringLiteral("size_bytes"), double(model.size())}},
                        // Same file on the server, wrong published checksum.
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("Tampered")},
                                    {QStringLiteral("file"), QStringLiteral("tiny-rn.safetensors")},
                                    {QStringLiteral("sha256"), sha256Of("something else")}}}},
            {QStringLiteral("vocabulary"),
             QJsonObject{{QStringLiteral("file"), QStringLiteral("bpe_simple_vocab_16e6.txt.gz")},
                         {QStringLiteral("sha256"), sha256Of(vocab)},
                         {QStringLiteral("url"), server.baseUrl() + QStringLiteral("/vocab/bpe.txt.gz")}}}};
        QFile f(work.filePath(QStringLiteral("catalogue.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(catalogue).toJson());
    }

    void modelsListsTheCatalogueAsJson() {
        const Run r = cli({QStringLiteral("models"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.report());
        const QJsonArray list = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(list.size(), 12);  // nine official, two from the catalogue file, the vocabulary
        for (const QJsonValue v : list)
            for (const char* key : {"name", "sha256", "url", "status", "path"})
                QVERIFY2(v.toObject().contains(QLatin1String(key)), key);
        const QJsonObject rn50x4 = entryNamed(list, QStringLiteral("RN50x4"));
        QCOMPARE(rn50x4.value(QStringLiteral("status")).toString(), QStringLiteral("missing"));
        QCOMPARE(rn50x4.value(QStringLiteral("path")).toString(), cache.filePath(QStringLiteral("RN50x4.pt")));
        QVERIFY(rn50x4.value(QStringLiteral("url")).toString().startsWith(QStringLiteral("https://openaipublic.azureedge.net/clip/models/")));
        const Run mirrored = cli({QStringLiteral("models"), QStringLiteral("--json"), QStringLiteral("--base-url"), base()});
        QVERIFY(entryNamed(QJsonDocument::fromJson(mirrored.out).array(), QStringLiteral("RN50x4"))
                    .value(QStringLiteral("url")).toString().startsWith(base() + QLatin1Char('/')));
    }

    void downloadVerifyAndUseByName() {
        const Run r = cli({QStringLiteral("download"), QStringLiteral("TinyRN"), QStringLiteral("--vocab"), QStringLiteral("--base-url"), base()});
        QVERIFY2(r.exitCode == 0, r.report());
        QVERIFY(r.out.isEmpty());  // progress and messages go to stderr
        QVERIFY2(r.err.contains("SHA-256 verified"), r.err);
        QCOMPARE(readFile(cache.filePath(QStringLiteral("tiny-rn.safetensors"))), model);
        QCOMPARE(readFile(cache.filePath(QStringLiteral("bpe_simple_vocab_16e6.txt.gz"))), vocab);

        const QJsonArray list = QJsonDocument::fromJson(cli({QStringLiteral("models"), QStringLiteral("--json")}).out).array();
        QCOMPARE(entryNamed(list, QStringLiteral("TinyRN")).value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(entryNamed(list, QStringLiteral("vocabulary")).value(QStringLiteral("status")).toString(), QStringLiteral("verified"));

        // Present and valid: no second request.
        const qsizetype requests = server.requests().size();
        const Run again = cli({QStringLiteral("download"), QStringLiteral("TinyRN"), QStringLiteral("--base-url"), base()});
        QVERIFY2(again.exitCode == 0, again.report());
        QVERIFY2(again.err.contains("already there"), again.err);
        QCOMPARE(server.requests().size(), requests);

        const Run verify = cli({QStringLiteral("verify"), QStringLiteral("TinyRN"), QStringLiteral("--vocab")});
        QVERIFY2(verify.exitCode == 0, verify.report());
        QVERIFY(verify.out.contains("TinyRN: verified"));

        // --model NAME finds the cached file, and the tokenizer the cached vocabulary.
        const Run info = cli({QStringLiteral("info"), QStringLiteral("--model"), QStringLiteral("TinyRN"), QStringLiteral("--json")});
        QVERIFY2(info.exitCode == 0, info.report());
        QCOMPARE(QJsonDocument::fromJson(info.out).object().value(QStringLiteral("source")).toString(),
                 cache.filePath(QStringLiteral("tiny-rn.safetensors")));
        const Run tokens = cli({QStringLiteral("tokenize"), QStringLiteral("a spider")});
        QVERIFY2(tokens.exitCode == 0, tokens.report());
        QVERIFY2(tokens.out.startsWith("[49406,"), tokens.out);  // <|startoftext|>

        // A damaged file is caught by verify.
        QFile f(cache.filePath(QStringLiteral("tiny-rn.safetensors")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(1000);
        f.write("damage");
        f.close();
        const Run damaged = cli({QStringLiteral("verify"), QStringLiteral("TinyRN")});
        QCOMPARE(damaged.exitCode, 1);
        QVERIFY(damaged.out.contains("TinyRN: mismatch"));
    }

    void wrongChecksumIsRejected() {
        const Run r = cli({QStringLiteral("download"), QStringLiteral("Tampered"), QStringLiteral("--base-url"), base()});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("SHA-256 mismatch"), r.err);
        QVERIFY2(r.err.contains("deleted"), r.err);
        QVERIFY(!QFile::exists(cache.filePath(QStringLiteral("tiny-rn.safetensors.part"))));
    }

    void unreachableServerAndUnknownNames() {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString closed = QStringLiteral("http://127.0.0.1:%1/m").arg(probe.serverPort());
        probe.close();
        const Run refused = cli({QStringLiteral("download"), QStringLiteral("RN50"), QStringLiteral("--base-url"), closed});
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains("Connection refused"), refused.err);
        QVERIFY(!QFile::exists(cache.filePath(QStringLiteral("RN50.pt"))));

        const Run unknown = cli({QStringLiteral("download"), QStringLiteral("RN18")});
        QVERIFY(unknown.exitCode != 0);
        QVERIFY2(unknown.err.contains("unknown model 'RN18'"), unknown.err);
        QVERIFY(unknown.err.contains("RN50x4"));

        const Run missing = cli({QStringLiteral("info"), QStringLiteral("--model"), QStringLiteral("RN50x4")});
        QVERIFY2(missing.err.contains("multiscope-cli download RN50x4"), missing.err);
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "tst_cli_download.moc"
