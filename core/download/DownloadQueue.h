#pragma once
// Downloads one file after another on a thread of their own, so hashing gigabytes and
// writing to disk never touch the GUI thread. Lives on the caller's thread; its signals
// arrive there (queued). Cancel stops the current file (its .part stays for a later resume)
// and drops the rest.

#include "download/FileDownload.h"

#include <QObject>
#include <QThread>

#include <vector>

namespace ms {

class DownloadQueue : public QObject {
    Q_OBJECT
public:
    explicit DownloadQueue(QObject* parent = nullptr);
    ~DownloadQueue() override;

    bool isRunning() const { return m_running; }

    // Starts the list (ignored while a list is running).
    void start(std::vector<DownloadRequest> requests);
    void cancel();

Q_SIGNALS:
    void fileStarted(int index, const QString& finalPath);
    void progress(int index, const ms::DownloadProgress& progress);
    void verifying(int index);
    void fileFinished(int index, const ms::DownloadResult& result);
    // Every file is there and verified (downloaded or already present), or not.
    void finished(bool allGood, const QString& message);

private:
    void startNext();

    QThread m_thread;
    std::vector<DownloadRequest> m_requests;
    int m_current = -1;
    bool m_running = false;
    bool m_canceled = false;
    FileDownload* m_download = nullptr;  // lives on m_thread
};

}  // namespace ms
