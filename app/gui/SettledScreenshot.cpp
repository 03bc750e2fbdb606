#include "SettledScreenshot.h"

#include "jobs/ComputeWorker.h"
#include "session/ModelSession.h"

#include <QApplication>
#include <QDateTime>
#include <QTimer>
#include <QWidget>

#include <cstdio>

namespace ms {
namespace {
constexpr qint64 kSettleMs = 2000;
qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }
}  // namespace

SettledScreenshot::SettledScreenshot(QWidget* window, ComputeWorker* worker, ModelSession* session, QString path,
                                     bool waitForModel, int maxWaitSeconds)
    : QObject(window),
      m_window(window),
      m_path(std::move(path)),
      m_modelReady(!waitForModel),
      m_started(now()),
      m_maxWaitMs(qint64(maxWaitSeconds) * 1000),
      m_timer(new QTimer(this)) {
    connect(worker, &ComputeWorker::jobStatusChanged, this, [this](JobId id, JobStatus status) {
        if (status == JobStatus::Queued || status == JobStatus::Running) m_active.insert(id);
        else m_active.remove(id);
        m_idleSince = -1;
    });
    auto ready = [this] { m_modelReady = true; };
    connect(session, &ModelSession::modelLoaded, this, ready);
    connect(session, &ModelSession::loadFailed, this, ready);
    if (session->bundle()) m_modelReady = true;
    connect(m_timer, &QTimer::timeout, this, &SettledScreenshot::check);
    m_timer->start(250);
}

void SettledScreenshot::check() {
    if (now() - m_started > m_maxWaitMs) return grab();
    if (!m_modelReady || !m_active.isEmpty()) {
        m_idleSince = -1;
        return;
    }
    if (m_idleSince < 0) m_idleSince = now();
    else if (now() - m_idleSince >= kSettleMs) grab();
}

void SettledScreenshot::grab() {
    m_timer->stop();
    const bool saved = m_window->grab().save(m_path, "PNG");
    if (!saved) std::fprintf(stderr, "multiscope: cannot write %s\n", qPrintable(m_path));
    QApplication::exit(saved ? 0 : 1);
}

}  // namespace ms
