#pragma once
// Internal to ComputeWorker: the object that lives on the compute thread, keeps the queue
// and runs one slice at a time. Each slice is one posted event, so requests submitted while
// a slice runs are queued before the next slice is chosen.

#include "jobs/Feedback.h"
#include "jobs/Job.h"

#include <QObject>
#include <QString>

#include <deque>
#include <memory>

namespace ms::detail {

struct QueuedJob {
    JobId id = 0;
    std::shared_ptr<Job> job;
    std::shared_ptr<Feedback> feedback;
    bool started = false;
};

class WorkerLoop : public QObject {
    Q_OBJECT
public:
    explicit WorkerLoop(int threads);

    // Compute thread only.
    void initThread();
    void enqueue(QueuedJob job);

Q_SIGNALS:
    void statusChanged(ms::JobId id, ms::JobStatus status);
    void progressed(ms::JobId id, double fraction, const QString& message);
    void partialReady(ms::JobId id, std::shared_ptr<const ms::JobOutput> partial);
    void finished(ms::JobId id, std::shared_ptr<const ms::JobOutput> result);
    void failed(ms::JobId id, const QString& error);

private:
    void schedulePump();
    void pump();
    void dropCanceledWaiting();
    std::deque<QueuedJob>::iterator pickNext();
    void runSlice(std::deque<QueuedJob>::iterator it);

    std::deque<QueuedJob> m_queue;
    bool m_pumpScheduled = false;
    int m_threads;
};

}  // namespace ms::detail
