#include "download/DownloadQueue.h"

#include <QMetaObject>

namespace ms {

DownloadQueue::DownloadQueue(QObject* parent) : QObject(parent) {
    qRegisterMetaType<DownloadProgress>();
    qRegisterMetaType<DownloadResult>();
    m_thread.setObjectName(QStringLiteral("downloads"));
    m_thread.start();
}

DownloadQueue::~DownloadQueue() {
    if (m_download) {
        FileDownload* download = m_download;
        m_download = nullptr;
        QMetaObject::invokeMethod(download, [download] {
            download->cancel();
            delete download;
        }, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_thread.wait();
}

void DownloadQueue::start(std::vector<DownloadRequest> requests) {
    if (m_running) return;
    m_requests = std::move(requests);
    m_current = -1;
    m_canceled = false;
    m_running = true;
    startNext();
}

void DownloadQueue::cancel() {
    if (!m_running) return;
    m_canceled = true;
    if (m_download) QMetaObject::invokeMethod(m_download, &FileDownload::cancel, Qt::QueuedConnection);
}

void DownloadQueue::startNext() {
    ++m_current;
    if (m_canceled || m_current >= int(m_requests.size())) {
        m_running = false;
        Q_EMIT finished(!m_canceled, m_canceled ? tr("Canceled") : tr("Done"));
        return;
    }
    const int index = m_current;
    auto* download = new FileDownload(m_requests[size_t(index)]);
    download->moveToThread(&m_thread);
    m_download = download;
    connect(download, &FileDownload::progress, this, [this, index](const DownloadProgress& p) { Q_EMIT progress(index, p); });
    connect(download, &FileDownload::verifying, this, [this, index] { Q_EMIT verifying(index); });
    connect(download, &FileDownload::finished, this, [this, index, download](const DownloadResult& result) {
        if (m_download != download) return;  // the queue is being destroyed
        m_download = nullptr;
        download->deleteLater();  // on its own thread
        Q_EMIT fileFinished(index, result);
        const bool good = result.outcome == DownloadOutcome::Downloaded || result.outcome == DownloadOutcome::AlreadyPresent;
        if (!good) {
            m_running = false;
            Q_EMIT finished(false, result.message);
            return;
        }
        startNext();
    });
    Q_EMIT fileStarted(index, m_requests[size_t(index)].finalPath);
    QMetaObject::invokeMethod(download, &FileDownload::start, Qt::QueuedConnection);
}

}  // namespace ms
