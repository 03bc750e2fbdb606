#include "jobs/ComputeWorker.h"

#include "jobs/Feedback.h"
#include "jobs/WorkerLoop.h"
#include "jobs/ComputeThread.h"

namespace ms {

ComputeWorker::ComputeWorker(QObject* parent) : ComputeWorker(Options{}, parent) {}

ComputeWorker::ComputeWorker(Options options, QObject* parent)
    : QObject(parent),
      m_threads(options.threads > 0 ? options.threads : defaultComputeThreads()),
      m_loop(new detail::WorkerLoop(m_threads)) {
    qRegisterMetaType<ms::JobId>("ms::JobId");
    qRegisterMetaType<ms::JobStatus>("ms::JobStatus");
    qRegisterMetaType<std::shared_ptr<const ms::JobOutput>>("std::shared_ptr<const ms::JobOutput>");

    m_thread.setObjectName(QStringLiteral("multiscope-compute"));
    m_loop->moveToThread(&m_thread);
    // The loop emits on the compute thread; these connections queue into this (GUI) thread,
    // where stale results are filtered before anyone sees them.
    connect(m_loop, &detail::WorkerLoop::statusChanged, this, &ComputeWorker::relayStatus);
    connect(m_loop, &detail::WorkerLoop::progressed, this, &ComputeWorker::relayProgress);
    connect(m_loop, &detail::WorkerLoop::partialReady, this, &ComputeWorker::relayPartial);
    connect(m_loop, &detail::WorkerLoop::finished, this, &ComputeWorker::relayFinished);
    connect(m_loop, &detail::WorkerLoop::failed, this, &ComputeWorker::relayFailed);
    m_thread.start();
    QMetaObject::invokeMethod(m_loop, &detail::WorkerLoop::initThread, Qt::QueuedConnection);
}

ComputeWorker::~ComputeWorker() {
    for (auto& [id, record] : m_records) record.feedback->cancel();
    m_thread.requestInterruption();
    m_thread.quit();
    m_thread.wait();
    delete m_loop;  // the thread has finished: safe to destroy from here
}

JobId ComputeWorker::submit(std::unique_ptr<Job> job) {
    const JobId id = m_nextId++;
    const std::string key = job->supersedeKey();
    if (!key.empty()) {
        for (auto& [otherId, record] : m_records)
            if (record.supersedeKey == key) record.feedback->cancel();
    }
    detail::WorkerLoop* loop = m_loop;
    auto feedback = std::make_shared<Feedback>(
        [loop, id](double fraction, const std::string& message) {
            Q_EMIT loop->progressed(id, fraction, QString::fromStdString(message));
        },
        [loop, id](std::shared_ptr<const JobOutput> partial) {
            Q_EMIT loop->partialReady(id, std::move(partial));
        });
    m_records[id] = Record{QString::fromStdString(job->description()), key, feedback};

    detail::QueuedJob queued{id, std::shared_ptr<Job>(std::move(job)), feedback, false};
    QMetaObject::invokeMethod(
        m_loop, [loop, queued]() mutable { loop->enqueue(std::move(queued)); },
        Qt::QueuedConnection);
    Q_EMIT jobStatusChanged(id, JobStatus::Queued);
    return id;
}

void ComputeWorker::cancel(JobId id) {
    auto it = m_records.find(id);
    if (it != m_records.end()) it->second.feedback->cancel();
}

void ComputeWorker::cancelAll() {
    for (auto& [id, record] : m_records) record.feedback->cancel();
}

bool ComputeWorker::isActive(JobId id) const { return liveRecord(id) != nullptr; }

QString ComputeWorker::description(JobId id) const {
    auto it = m_records.find(id);
    return it == m_records.end() ? QString() : it->second.description;
}

// A record that is still wanted: known and not canceled (a canceled job's late signals
// are swallowed so that a superseded request never shows up).
const ComputeWorker::Record* ComputeWorker::liveRecord(JobId id) const {
    auto it = m_records.find(id);
    if (it == m_records.end() || it->second.feedback->isCanceled()) return nullptr;
    return &it->second;
}

void ComputeWorker::retire(JobId id, JobStatus status) {
    if (m_records.erase(id)) Q_EMIT jobStatusChanged(id, status);
}

void ComputeWorker::relayStatus(JobId id, JobStatus status) {
    if (status == JobStatus::Canceled) {
        retire(id, JobStatus::Canceled);
    } else if (liveRecord(id)) {
        Q_EMIT jobStatusChanged(id, status);
    }
}

void ComputeWorker::relayProgress(JobId id, double fraction, const QString& message) {
    if (liveRecord(id)) Q_EMIT jobProgress(id, fraction, message);
}

void ComputeWorker::relayPartial(JobId id, std::shared_ptr<const JobOutput> partial) {
    if (liveRecord(id)) Q_EMIT jobPartialResult(id, std::move(partial));
}

void ComputeWorker::relayFinished(JobId id, std::shared_ptr<const JobOutput> result) {
    if (!liveRecord(id)) {
        retire(id, JobStatus::Canceled);
        return;
    }
    Q_EMIT jobFinished(id, std::move(result));
    retire(id, JobStatus::Complete);
}

void ComputeWorker::relayFailed(JobId id, const QString& error) {
    if (!liveRecord(id)) {
        retire(id, JobStatus::Canceled);
        return;
    }
    Q_EMIT jobFailed(id, error);
    retire(id, JobStatus::Failed);
}

}  // namespace ms
