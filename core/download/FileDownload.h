#pragma once
// One checksummed, resumable HTTP download into a final path (Qt Network, asynchronous, on
// the thread that owns the object). Bytes go to "<final>.part" and into a SHA-256 as they
// arrive; an existing .part is resumed with a Range request; when the body is complete the
// digest is compared and the .part is renamed over the final path in one step. Nothing but
// a verified file ever appears at the final path.
//   - A final file that is already there with the right SHA-256 is not fetched again.
//   - A checksum mismatch deletes the .part and says so.
//   - Cancel, a dropped connection or a server error keep the .part (the next try resumes).
//   - System proxy settings are used.

#include <QObject>
#include <QString>
#include <QUrl>

#include <cstdint>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace ms {

struct DownloadRequest {
    QUrl url;
    QString finalPath;
    QString sha256;                   // expected, lower-case hex
    std::int64_t expectedBytes = 0;   // for progress before the server says (0: unknown)
};

struct DownloadProgress {
    std::int64_t receivedBytes = 0;   // including what a resumed .part already held
    std::int64_t totalBytes = 0;      // 0 when unknown
    double bytesPerSecond = 0;        // over the last few seconds
    double etaSeconds = -1;           // -1 when unknown
};

enum class DownloadOutcome { Downloaded, AlreadyPresent, Canceled, Failed };

struct DownloadResult {
    DownloadOutcome outcome = DownloadOutcome::Failed;
    QString message;                  // for the user: what happened, and what is left where
    bool resumed = false;             // a Range request continued an earlier .part
};

class FileDownload : public QObject {
    Q_OBJECT
public:
    explicit FileDownload(DownloadRequest request, QObject* parent = nullptr);
    ~FileDownload() override;

    const DownloadRequest& request() const;
    static QString partPath(const QString& finalPath);

public Q_SLOTS:
    void start();   // emits finished() exactly once afterwards
    void cancel();

Q_SIGNALS:
    void progress(const ms::DownloadProgress& progress);
    void verifying();                 // the existing file or .part is being hashed
    void finished(const ms::DownloadResult& result);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Runs one download to the end in a local event loop (the CLI's way). `onProgress` is called
// on this thread.
DownloadResult downloadNow(const DownloadRequest& request,
                           const std::function<void(const DownloadProgress&)>& onProgress = {});

// "412.3 MB", "1.2 GB": sizes as users read them (SI units, as download sizes are quoted).
QString formatBytes(std::int64_t bytes);

}  // namespace ms

Q_DECLARE_METATYPE(ms::DownloadProgress)
Q_DECLARE_METATYPE(ms::DownloadResult)
