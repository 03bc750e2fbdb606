#include "download/FileDownload.h"

#include "download/Sha256.h"
#include "download/VerifiedStamps.h"
#include "util/Error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QRegularExpression>

#include <cstdio>
#include <deque>
#include <unistd.h>

namespace ms {
namespace {

constexpr int kTransferTimeoutMs = 60'000;  // a stalled server fails instead of hanging
constexpr qint64 kProgressIntervalMs = 100;
constexpr qint64 kRateWindowMs = 5'000;

// "bytes 100-999/1000" → 100, or -1.
qint64 contentRangeStart(const QByteArray& header) {
    static const QRegularExpression re(QStringLiteral("^bytes\\s+(\\d+)-"));
    const auto m = re.match(QString::fromLatin1(header));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

// "bytes 100-999/1000" → 1000, or 0.
qint64 contentRangeTotal(const QByteArray& header) {
    const int slash = header.lastIndexOf('/');
    return slash < 0 ? 0 : header.mid(slash + 1).toLongLong();
}

}  // namespace

QString formatBytes(std::int64_t bytes) {
    const double b = double(bytes);
    if (b >= 1e9) return QStringLiteral("%1 GB").arg(b / 1e9, 0, 'f', 2);
    if (b >= 1e6) return QStringLiteral("%1 MB").arg(b / 1e6, 0, 'f', 1);
    if (b >= 1e3) return QStringLiteral("%1 kB").arg(b / 1e3, 0, 'f', 1);
    return QStringLiteral("%1 bytes").arg(bytes);
}

struct FileDownload::Impl {
    explicit Impl(DownloadRequest r) : request(std::move(r)) {}

    DownloadRequest request;
    QNetworkAccessManager* network = nullptr;
    QNetworkReply* reply = nullptr;
    QFile part;
    QCryptographicHash hash{QCryptographicHash::Sha256};
    qint64 resumeFrom = 0;        // bytes of .part the current request continues
    qint64 received = 0;          // bytes in .part now
    qint64 total = 0;
    bool statusChecked = false;
    bool restartedFromScratch = false;
    bool resumed = false;
    bool canceled = false;
    bool done = false;
    QString failure;              // set when we abort the reply ourselves
    QElapsedTimer clock;
    qint64 lastProgressAt = -kProgressIntervalMs;
    std::deque<std::pair<qint64, qint64>> rateSamples;  // (ms, received)

    QString partPath() const { return FileDownload::partPath(request.finalPath); }
    QString where() const { return request.url.toDisplayString(); }
};

FileDownload::FileDownload(DownloadRequest request, QObject* parent)
    : QObject(parent), d(std::make_unique<Impl>(std::move(request))) {
    d->request.sha256 = d->request.sha256.toLower();
}

FileDownload::~FileDownload() {
    if (d->reply) {
        d->reply->disconnect(this);
        d->reply->abort();
    }
}

const DownloadRequest& FileDownload::request() const { return d->request; }

QString FileDownload::partPath(const QString& finalPath) { return finalPath + QStringLiteral(".part"); }

void FileDownload::cancel() {
    if (d->done) return;
    d->canceled = true;
    if (d->reply) d->reply->abort();
}

void FileDownload::start() {
    auto finish = [this](DownloadOutcome outcome, const QString& message) {
        if (d->done) return;
        d->done = true;
        if (d->part.isOpen()) d->part.close();
        Q_EMIT finished(DownloadResult{outcome, message, d->resumed});
    };
    const QString finalPath = d->request.finalPath;
    const QFileInfo finalInfo(finalPath);
    if (!QDir().mkpath(finalInfo.absolutePath()))
        return finish(DownloadOutcome::Failed, QStringLiteral("cannot create the folder %1").arg(finalInfo.absolutePath()));

    // A final file that is already right is kept.
    VerifiedStamps stamps(finalInfo.absolutePath());
    if (finalInfo.isFile()) {
        bool good = stamps.isVerified(finalPath, d->request.sha256);
        if (!good) {
            Q_EMIT verifying();
            const auto sha = sha256OfFile(finalPath);
            good = sha && *sha == d->request.sha256;
            if (good) stamps.markVerified(finalPath, d->request.sha256);
        }
        if (good) return finish(DownloadOutcome::AlreadyPresent, QStringLiteral("%1 is already there and its SHA-256 matches").arg(finalPath));
    }

    // Resume what an earlier try left.
    d->part.setFileName(d->partPath());
    d->hash.reset();
    d->resumeFrom = 0;
    if (d->part.exists() && d->part.size() > 0 && !d->restartedFromScratch) {
        Q_EMIT verifying();
        if (!d->part.open(QIODevice::ReadOnly))
            return finish(DownloadOutcome::Failed, QStringLiteral("cannot read %1: %2").arg(d->part.fileName(), d->part.errorString()));
        QByteArray chunk;
        while (!(chunk = d->part.read(4 << 20)).isEmpty()) d->hash.addData(chunk);
        d->resumeFrom = d->part.size();
        d->part.close();
    }
    const QIODevice::OpenMode mode = d->resumeFrom > 0 ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate;
    if (!d->part.open(mode))
        return finish(DownloadOutcome::Failed, QStringLiteral("cannot write %1: %2").arg(d->part.fileName(), d->part.errorString()));
    d->received = d->resumeFrom;
    d->total = 0;
    d->statusChecked = false;
    d->clock.start();
    d->rateSamples.clear();

    if (!d->network) {
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        d->network = new QNetworkAccessManager(this);
    }
    QNetworkRequest request(d->request.url);
    request.setTransferTimeout(kTransferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Multiscope/" MULTISCOPE_VERSION));
    if (d->resumeFrom > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(d->resumeFrom) + "-");
    d->reply = d->network->get(request);

    auto restartWithoutRange = [this] {
        // The server cannot continue our .part: start over once, from byte 0.
        d->restartedFromScratch = true;
        d->reply->disconnect(this);
        d->reply->abort();
        d->reply->deleteLater();
        d->reply = nullptr;
        d->part.close();
        d->part.remove();
        start();
    };

    auto checkStatus = [this, restartWithoutRange]() -> bool {
        if (d->statusChecked) return true;
        const int status = d->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) return false;
        d->statusChecked = true;
        if (d->resumeFrom > 0 && status == 206) {
            const QByteArray range = d->reply->rawHeader("Content-Range");
            if (contentRangeStart(range) != d->resumeFrom) {
                restartWithoutRange();
                return false;
            }
            d->resumed = true;
            if (const qint64 t = contentRangeTotal(range)) d->total = t;
        } else if (d->resumeFrom > 0 && status == 416) {
            restartWithoutRange();
            return false;
        } else if (status == 200) {
            if (d->resumeFrom > 0) {  // the server ignored the Range: take the whole body
                d->part.resize(0);
                d->part.seek(0);
                d->hash.reset();
                d->received = 0;
            }
            d->total = d->reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();  // 0: not said
        }
        return true;
    };

    connect(d->reply, &QNetworkReply::readyRead, this, [this, checkStatus] {
        if (!checkStatus()) return;
        const int status = d->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status != 200 && status != 206) return;  // an error body: finished() reports it
        const QByteArray data = d->reply->readAll();
        if (d->part.write(data) != data.size()) {
            d->failure = QStringLiteral("cannot write %1: %2").arg(d->part.fileName(), d->part.errorString());
            d->reply->abort();
            return;
        }
        d->hash.addData(data);
        d->received += data.size();
        const qint64 now = d->clock.elapsed();
        d->rateSamples.emplace_back(now, d->received);
        while (d->rateSamples.size() > 2 && now - d->rateSamples.front().first > kRateWindowMs) d->rateSamples.pop_front();
        if (now - d->lastProgressAt < kProgressIntervalMs) return;
        d->lastProgressAt = now;
        DownloadProgress p{d->received, d->total > 0 ? d->total : d->request.expectedBytes, 0, -1};
        const auto& first = d->rateSamples.front();
        if (now > first.first) p.bytesPerSecond = double(d->received - first.second) * 1000.0 / double(now - first.first);
        if (p.bytesPerSecond > 0 && p.totalBytes > d->received) p.etaSeconds = double(p.totalBytes - d->received) / p.bytesPerSecond;
        Q_EMIT progress(p);
    });

    connect(d->reply, &QNetworkReply::finished, this, [this, finish, checkStatus, finalPath] {
        QNetworkReply* reply = d->reply;
        checkStatus();
        if (d->done || d->reply != reply) return;  // restarted (a new reply is in flight) or reported
        d->reply = nullptr;
        reply->deleteLater();
        d->part.flush();
        ::fsync(d->part.handle());
        d->part.close();
        const QString kept = d->received > 0
                                 ? QStringLiteral("; %1 kept in %2 (the next try resumes)").arg(formatBytes(d->received), d->part.fileName())
                                 : QString();
        if (d->received == 0) d->part.remove();
        if (d->canceled) return finish(DownloadOutcome::Canceled, QStringLiteral("canceled") + kept);
        if (!d->failure.isEmpty()) return finish(DownloadOutcome::Failed, d->failure + kept);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 400) {
            const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
            return finish(DownloadOutcome::Failed, QStringLiteral("the server answered HTTP %1 %2 for %3").arg(status).arg(reason, d->where()) + kept);
        }
        if (reply->error() != QNetworkReply::NoError)
            return finish(DownloadOutcome::Failed, QStringLiteral("download of %1 failed: %2").arg(d->where(), reply->errorString()) + kept);
        if (d->total > 0 && d->received != d->total)
            return finish(DownloadOutcome::Failed, QStringLiteral("download of %1 ended after %2 of %3").arg(d->where(), formatBytes(d->received), formatBytes(d->total)) + kept);

        const QString got = QString::fromLatin1(d->hash.result().toHex());
        if (got != d->request.sha256) {
            QFile::remove(d->part.fileName());
            return finish(DownloadOutcome::Failed,
                          QStringLiteral("SHA-256 mismatch for %1: expected %2, got %3; the downloaded file was deleted")
                              .arg(d->where(), d->request.sha256, got));
        }
        // rename(2) replaces the final path atomically: readers see the old file or the new one.
        if (std::rename(QFile::encodeName(d->part.fileName()).constData(), QFile::encodeName(finalPath).constData()) != 0)
            return finish(DownloadOutcome::Failed, QStringLiteral("cannot move %1 to %2").arg(d->part.fileName(), finalPath));
        VerifiedStamps(QFileInfo(finalPath).absolutePath()).markVerified(finalPath, d->request.sha256);
        Q_EMIT progress(DownloadProgress{d->received, d->received, 0, 0});
        finish(DownloadOutcome::Downloaded, QStringLiteral("saved %1 (%2, SHA-256 verified)").arg(finalPath, formatBytes(d->received)));
    });
}

DownloadResult downloadNow(const DownloadRequest& request, const std::function<void(const DownloadProgress&)>& onProgress) {
    FileDownload download(request);
    DownloadResult result;
    bool over = false;
    QEventLoop loop;
    QObject::connect(&download, &FileDownload::progress, &loop, [&](const DownloadProgress& p) {
        if (onProgress) onProgress(p);
    });
    QObject::connect(&download, &FileDownload::finished, &loop, [&](const DownloadResult& r) {
        result = r;
        over = true;
        loop.quit();
    });
    download.start();
    if (!over) loop.exec();
    return result;
}

}  // namespace ms
