#include "jobs/WorkerLoop.h"

#include "jobs/ComputeThread.h"
#include "util/Log.h"

#include <algorithm>
#include <exception>

namespace ms::detail {

WorkerLoop::WorkerLoop(int threads) : m_threads(threads) {}

void WorkerLoop::initThread() {
    configureComputeThread(m_threads);
}

void WorkerLoop::enqueue(QueuedJob job) {
    m_queue.push_back(std::move(job));
    schedulePump();
}

void WorkerLoop::schedulePump() {
    if (m_pumpScheduled) return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(this, &WorkerLoop::pump, Qt::QueuedConnection);
}

void WorkerLoop::dropCanceledWaiting() {
    auto canceled = [](const QueuedJob& q) { return q.feedback->isCanceled(); };
    for (const QueuedJob& q : m_queue)
        if (canceled(q)) Q_EMIT statusChanged(q.id, JobStatus::Canceled);
    m_queue.erase(std::remove_if(m_queue.begin(), m_queue.end(), canceled), m_queue.end());
}

// Interactive jobs go first; otherwise the oldest job (a started long job keeps its turn).
std::deque<QueuedJob>::iterator WorkerLoop::pickNext() {
    auto interactive = std::find_if(m_queue.begin(), m_queue.end(), [](const QueuedJob& q) {
        return q.job->priority() == JobPriority::Interactive;
    });
    return interactive != m_queue.end() ? interactive : m_queue.begin();
}

void WorkerLoop::pump() {
    m_pumpScheduled = false;
    dropCanceledWaiting();
    if (m_queue.empty()) return;
    runSlice(pickNext());
    if (!m_queue.empty()) schedulePump();
}

void WorkerLoop::runSlice(std::deque<QueuedJob>::iterator it) {
    QueuedJob& q = *it;
    if (!q.started) {
        q.started = true;
        Q_EMIT statusChanged(q.id, JobStatus::Running);
    }
    Job::Step step = Job::Step::MoreWork;
    try {
        step = q.job->step(*q.feedback);
    } catch (const std::exception& e) {
        logError(q.job->description() + ": " + e.what());
        Q_EMIT failed(q.id, QString::fromStdString(e.what()));
        m_queue.erase(it);
        return;
    }
    if (q.feedback->isCanceled()) {
        Q_EMIT statusChanged(q.id, JobStatus::Canceled);
        m_queue.erase(it);
    } else if (step == Job::Step::Done) {
        std::shared_ptr<const JobOutput> result;
        try {
            result = q.job->takeResult();
        } catch (const std::exception& e) {
            Q_EMIT failed(q.id, QString::fromStdString(e.what()));
            m_queue.erase(it);
            return;
        }
        Q_EMIT finished(q.id, std::move(result));
        m_queue.erase(it);
    }
}

}  // namespace ms::detail
