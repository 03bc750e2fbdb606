#pragma once
// The one long-lived thread that owns LibTorch. The GUI submits jobs and receives their
// status, throttled progress, partial results and results as signals on its own thread.
// Thread-safety: every method is called from the thread that created the worker (the GUI
// thread); all signals are emitted on that thread too.

#include "jobs/Job.h"

#include <QObject>
#include <QString>
#include <QThread>

#include <map>
#include <memory>

namespace ms {

namespace detail {
class WorkerLoop;
}

class ComputeWorker : public QObject {
    Q_OBJECT
public:
    struct Options {
        int threads = 0;  // LibTorch intra-op threads; 0 = all cores
    };

    explicit ComputeWorker(QObject* parent = nullptr);
    ComputeWorker(Options options, QObject* parent = nullptr);
    // Cancels every job, waits for the running slice to return, and stops the thread.
    ~ComputeWorker() override;

    JobId submit(std::unique_ptr<Job> job);
    // The job stops at its next feedback check and never delivers a result.
    void cancel(JobId id);
    void cancelAll();

    // Whether the job is queued or running and still wanted (false once it completed, failed,
    // or was canceled or superseded).
    bool isActive(JobId id) const;
    QString description(JobId id) const;
    int threads() const { return m_threads; }
    const QThread* computeThread() const { return &m_thread; }

Q_SIGNALS:
    void jobStatusChanged(ms::JobId id, ms::JobStatus status);
    void jobProgress(ms::JobId id, double fraction, const QString& message);
    void jobPartialResult(ms::JobId id, std::shared_ptr<const ms::JobOutput> partial);
    void jobFinished(ms::JobId id, std::shared_ptr<const ms::JobOutput> result);
    void jobFailed(ms::JobId id, const QString& error);

private:
    struct Record {
        QString description;
        std::string supersedeKey;
        std::shared_ptr<Feedback> feedback;
    };

    void relayStatus(JobId id, JobStatus status);
    void relayProgress(JobId id, double fraction, const QString& message);
    void relayPartial(JobId id, std::shared_ptr<const JobOutput> partial);
    void relayFinished(JobId id, std::shared_ptr<const JobOutput> result);
    void relayFailed(JobId id, const QString& error);
    const Record* liveRecord(JobId id) const;
    void retire(JobId id, JobStatus status);

    int m_threads;
    QThread m_thread;
    detail::WorkerLoop* m_loop;
    std::map<JobId, Record> m_records;
    JobId m_nextId = 1;
};

}  // namespace ms
