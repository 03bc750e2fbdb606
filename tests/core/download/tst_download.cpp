// Checksummed, resumable downloads against a loopback HTTP server started by the test:
// clean download, wrong checksum, interrupted + resumed with Range, cancel, already present,
// server errors and refused connections; the model-cache catalogue and its status.
// Nothing here touches an address other than 127.0.0.1.

#include "LoopbackHttpServer.h"

#include "catalog/Checkpoints.h"
#include "catalog/ModelLocator.h"
#include "download/FileDownload.h"
#include "download/ModelFiles.h"
#include "download/Sha256.h"
#include "download/VerifiedStamps.h"
#include "util/Error.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace ms;

namespace {

QByteArray randomBytes(int n, quint32 seed) {
    QRandomGenerator rng(seed);
    QByteArray bytes(n, Qt::Uninitialized);
    for (char& c : bytes) c = char(rng.bounded(256));
    return bytes;
}

QString sha256Of(const QByteArray& bytes) {
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Runs a download to its end while the server answers in this event loop.
DownloadResult runDownload(FileDownload& download) {
    QSignalSpy done(&download, &FileDownload::finished);
    download.start();
    if (done.isEmpty()) done.wait(20'000);
    return done.isEmpty() ? DownloadResult{DownloadOutcome::Failed, QStringLiteral("test timeout"), false}
                          : done.first().first().value<DownloadResult>();
}

}  // namespace

class TestDownload : public QObject {
    Q_OBJECT
    LoopbackHttpServer* server = nullptr;
    QTemporaryDir* cache = nullptr;
    const QByteArray body = randomBytes(600'000, 7);

    DownloadRequest requestFor(const QByteArray& path, const QString& sha) const {
        return DownloadRequest{QUrl(server->baseUrl() + QString::fromLatin1(path)), cache->filePath(QStringLiteral("model.pt")),
                               sha, body.size()};
    }

private Q_SLOTS:
    void initTestCase() {
        // Proxies from the environment must not capture loopback traffic.
        for (const char* v : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) qunsetenv(v);
        qputenv("no_proxy", "127.0.0.1,localhost");
    }

    void init() {
        server = new LoopbackHttpServer(this);
        QVERIFY(server->listen());
        cache = new QTemporaryDir;
    }

    void cleanup() {
        delete server;
        delete cache;
    }

    void cleanDownloadIsVerifiedAndMovedIntoPlace() {
        server->serve("/abc/model.pt", body);
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        QSignalSpy progress(&download, &FileDownload::progress);
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Downloaded);
        QVERIFY2(result.message.contains(QStringLiteral("SHA-256 verified")), qPrintable(result.message));
        QCOMPARE(readAll(cache->filePath(QStringLiteral("model.pt"))), body);
        QVERIFY(!QFile::exists(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt")))));
        QCOMPARE(server->requests().size(), 1);
        QVERIFY(server->requests().first().range.isEmpty());
        QVERIFY(!progress.isEmpty());
        const auto last = progress.last().first().value<DownloadProgress>();
        QCOMPARE(last.receivedBytes, qint64(body.size()));
        QCOMPARE(last.totalBytes, qint64(body.size()));
        QVERIFY(VerifiedStamps(cache->path()).isVerified(cache->filePath(QStringLiteral("model.pt")), sha256Of(body)));
    }

    void wrongChecksumLeavesNothing() {
        server->serve("/abc/model.pt", body);
        FileDownload download(requestFor("/abc/model.pt", sha256Of("something else")));
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Failed);
        QVERIFY2(result.message.contains(QStringLiteral("SHA-256 mismatch")), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("deleted")));
        QVERIFY(!QFile::exists(cache->filePath(QStringLiteral("model.pt"))));
        QVERIFY(!QFile::exists(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt")))));
    }

    void interruptedDownloadResumesWithRange() {
        LoopbackHttpServer::Behaviour dropEarly;
        dropEarly.closeAfterBytes = 250'000;
        server->serve("/abc/model.pt", body, dropEarly);
        const QString part = FileDownload::partPath(cache->filePath(QStringLiteral("model.pt")));

        FileDownload first(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult broken = runDownload(first);
        QCOMPARE(broken.outcome, DownloadOutcome::Failed);
        QVERIFY2(broken.message.contains(QStringLiteral("the next try resumes")), qPrintable(broken.message));
        QVERIFY(!QFile::exists(cache->filePath(QStringLiteral("model.pt"))));
        const qint64 kept = QFileInfo(part).size();
        QCOMPARE(kept, qint64(250'000));

        // (Qt may resend the first request on its own when the connection drops, even while the
        // second download runs; what matters is that the second one asked for the rest.)
        const qsizetype before = server->requests().size();
        FileDownload second(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult resumed = runDownload(second);
        QCOMPARE(resumed.outcome, DownloadOutcome::Downloaded);
        QVERIFY(resumed.resumed);
        int ranged = 0;
        for (qsizetype i = before; i < server->requests().size(); ++i)
            ranged += server->requests().at(i).range == QByteArray("bytes=250000-");
        QCOMPARE(ranged, 1);
        QCOMPARE(readAll(cache->filePath(QStringLiteral("model.pt"))), body);
        QVERIFY(!QFile::exists(part));
    }

    void serverIgnoringRangeRestartsTheFile() {
        LoopbackHttpServer::Behaviour noRanges;
        noRanges.ignoreRange = true;
        server->serve("/abc/model.pt", body, noRanges);
        writeFile(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt"))), body.left(1000));
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Downloaded);
        QVERIFY(!result.resumed);
        QCOMPARE(server->requests().first().range, QByteArray("bytes=1000-"));
        QCOMPARE(readAll(cache->filePath(QStringLiteral("model.pt"))), body);
    }

    void unusablePartIsDiscarded() {
        // A .part longer than the file (a different file): 416, then one fresh request.
        server->serve("/abc/model.pt", body);
        writeFile(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt"))), randomBytes(body.size() + 10, 3));
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Downloaded);
        QVERIFY(server->requests().size() >= 2);
        QVERIFY(!server->requests().first().range.isEmpty());  // tried to resume
        QVERIFY(server->requests().last().range.isEmpty());    // then started afresh
        QCOMPARE(readAll(cache->filePath(QStringLiteral("model.pt"))), body);
    }

    void cancelLeavesNothingInTheFinalLocation() {
        LoopbackHttpServer::Behaviour slow;
        slow.trickleBytes = 16'384;
        server->serve("/abc/model.pt", body, slow);
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        connect(&download, &FileDownload::progress, &download, &FileDownload::cancel);
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Canceled);
        QVERIFY(!QFile::exists(cache->filePath(QStringLiteral("model.pt"))));
        const qint64 kept = QFileInfo(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt")))).size();
        QVERIFY2(kept > 0 && kept < body.size(), qPrintable(QString::number(kept)));
    }

    void validFileIsNotDownloadedAgain() {
        server->serve("/abc/model.pt", body);
        writeFile(cache->filePath(QStringLiteral("model.pt")), body);
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::AlreadyPresent);
        QCOMPARE(server->requests().size(), 0);
    }

    void wrongFileInPlaceIsReplaced() {
        server->serve("/abc/model.pt", body);
        writeFile(cache->filePath(QStringLiteral("model.pt")), body.left(100));
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        QCOMPARE(runDownload(download).outcome, DownloadOutcome::Downloaded);
        QCOMPARE(readAll(cache->filePath(QStringLiteral("model.pt"))), body);
    }

    void serverErrorIsReported() {
        LoopbackHttpServer::Behaviour broken;
        broken.status = 500;
        server->serve("/abc/model.pt", body, broken);
        FileDownload download(requestFor("/abc/model.pt", sha256Of(body)));
        const DownloadResult result = runDownload(download);
        QCOMPARE(result.outcome, DownloadOutcome::Failed);
        QVERIFY2(result.message.contains(QStringLiteral("HTTP 500")), qPrintable(result.message));
        QVERIFY(result.message.contains(server->baseUrl()));
        QVERIFY(!QFile::exists(cache->filePath(QStringLiteral("model.pt"))));

        FileDownload missing(requestFor("/nowhere/model.pt", sha256Of(body)));
        const DownloadResult notFound = runDownload(missing);
        QVERIFY2(notFound.message.contains(QStringLiteral("HTTP 404")), qPrintable(notFound.message));
    }

    void refusedConnectionIsReported() {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        DownloadRequest request{QUrl(QStringLiteral("http://127.0.0.1:%1/x/model.pt").arg(closedPort)),
                                cache->filePath(QStringLiteral("model.pt")), sha256Of(body), 0};
        const DownloadResult result = downloadNow(request);
        QCOMPARE(result.outcome, DownloadOutcome::Failed);
        QVERIFY2(result.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(result.message));
        QVERIFY(!QFile::exists(cache->filePath(QStringLiteral("model.pt"))));
        QVERIFY(!QFile::exists(FileDownload::partPath(cache->filePath(QStringLiteral("model.pt")))));
    }

    void systemProxyIsHonoured() {
        // The loopback server plays an HTTP proxy: the client sends it the absolute URL and
        // never resolves or contacts the (non-existent) mirror host itself.
        const QByteArray url = "http://mirror.invalid/abc/model.pt";
        server->serve(url, body);
        qputenv("http_proxy", server->baseUrl().toUtf8());
        const DownloadResult result = downloadNow(DownloadRequest{QUrl(QString::fromLatin1(url)),
                                                                  cache->filePath(QStringLiteral("model.pt")), sha256Of(body), 0});
        qunsetenv("http_proxy");
        QCOMPARE(result.outcome, DownloadOutcome::Downloaded);
        QCOMPARE(server->requests().size(), 1);
        QCOMPARE(server->requests().first().path, url);
    }

    void sha256AndStamps() {
        const QString path = cache->filePath(QStringLiteral("f.bin"));
        writeFile(path, body);
        QCOMPARE(*sha256OfFile(path), sha256Of(body));
        std::atomic<bool> cancel{true};
        QVERIFY(!sha256OfFile(path, {}, &cancel));
        QVERIFY_THROWS_EXCEPTION(Error, sha256OfFile(cache->filePath(QStringLiteral("missing"))));

        VerifiedStamps stamps(cache->path());
        QVERIFY(!stamps.isVerified(path, sha256Of(body)));
        stamps.markVerified(path, sha256Of(body));
        QVERIFY(stamps.isVerified(path, sha256Of(body)));
        QVERIFY(!stamps.isVerified(path, sha256Of("other")));
        writeFile(path, body.left(10));  // any change to the file voids the stamp
        QVERIFY(!stamps.isVerified(path, sha256Of(body)));
    }

    void catalogueFilesAndTheirStatus() {
        qputenv("MULTISCOPE_MODEL_DIR", cache->path().toUtf8());
        const auto files = modelFiles(QStringLiteral("http://127.0.0.1:1/mirror"));
        QCOMPARE(files.size(), size_t(10));
        QCOMPARE(files.back().name, QString::fromLatin1(kVocabularyName));
        const auto rn50x4 = findModelFile(QStringLiteral("rn50x4"), QStringLiteral("http://127.0.0.1:1/mirror"));
        QVERIFY(rn50x4);
        QCOMPARE(rn50x4->url, QStringLiteral("http://127.0.0.1:1/mirror/") + rn50x4->sha256 + QStringLiteral("/RN50x4.pt"));
        QCOMPARE(rn50x4->path, cache->filePath(QStringLiteral("RN50x4.pt")));
        QCOMPARE(modelFileStatus(*rn50x4, true).state, ModelFileState::Missing);
        writeFile(rn50x4->path, "not a model");
        QCOMPARE(modelFileStatus(*rn50x4, false).state, ModelFileState::Present);
        QCOMPARE(modelFileStatus(*rn50x4, true).state, ModelFileState::Mismatch);
        QVERIFY(!findModelFile(QStringLiteral("RN18"), {}));

        qputenv("MULTISCOPE_CLIP_BASE_URL", "http://127.0.0.1:2/m");
        QCOMPARE(checkpointBaseUrl(), QStringLiteral("http://127.0.0.1:2/m"));
        QCOMPARE(checkpointBaseUrl(QStringLiteral("http://127.0.0.1:3")), QStringLiteral("http://127.0.0.1:3"));
        qunsetenv("MULTISCOPE_CLIP_BASE_URL");
        QCOMPARE(checkpointBaseUrl(), QString::fromStdString(defaultCheckpointBaseUrl()));
        qunsetenv("MULTISCOPE_MODEL_DIR");
    }

    void extraCatalogueAddsAndReplacesEntries() {
        qputenv("MULTISCOPE_MODEL_DIR", cache->path().toUtf8());
        const QString catalogue = cache->filePath(QStringLiteral("catalogue.json"));
        const QByteArray tinyEntry = "{\"name\": \"Tiny\", \"file\": \"tiny.pt\", \"input_resolution\": 32, \"sha256\": \"" +
                                     sha256Of(body).toLatin1() + "\"}";
        const QByteArray vocabEntry = "{\"file\": \"vocab.txt.gz\", \"url\": \"http://127.0.0.1:1/v.gz\", \"sha256\": \"" +
                                      sha256Of("v").toLatin1() + "\"}";
        writeFile(catalogue, "{\"checkpoints\": [" + tinyEntry + "], \"vocabulary\": " + vocabEntry + "}");
        qputenv("MULTISCOPE_CATALOG", catalogue.toUtf8());
        QCOMPARE(checkpointCatalogue().size(), size_t(10));
        QCOMPARE(findCheckpoint("tiny")->inputResolution, 32);
        QCOMPARE(bpeVocabulary().file, std::string("vocab.txt.gz"));
        QCOMPARE(findModelFile(QStringLiteral("vocabulary"), {})->path, cache->filePath(QStringLiteral("vocab.txt.gz")));

        server->serve("/base/" + sha256Of(body).toLatin1() + "/tiny.pt", body);
        const auto tiny = findModelFile(QStringLiteral("Tiny"), server->baseUrl() + QStringLiteral("/base"));
        QCOMPARE(downloadNow(downloadRequestFor(*tiny)).outcome, DownloadOutcome::Downloaded);
        QCOMPARE(modelFileStatus(*tiny, false).state, ModelFileState::Verified);
        QCOMPARE(QString::fromStdString(resolveModelPath("Tiny")), cache->filePath(QStringLiteral("tiny.pt")));

        writeFile(catalogue, "{\"checkpoints\": [{\"name\": \"Bad\", \"file\": \"b.pt\", \"sha256\": \"xyz\"}]}");
        QVERIFY_THROWS_EXCEPTION(Error, checkpointCatalogue());
        writeFile(catalogue, "not json");
        QVERIFY_THROWS_EXCEPTION(Error, checkpointCatalogue());
        qunsetenv("MULTISCOPE_CATALOG");
        QCOMPARE(checkpointCatalogue().size(), size_t(9));
        qunsetenv("MULTISCOPE_MODEL_DIR");
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
