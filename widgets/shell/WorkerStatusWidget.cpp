#include "shell/WorkerStatusWidget.h"

#include "jobs/ComputeWorker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace ms {

WorkerStatusWidget::WorkerStatusWidget(ComputeWorker* worker, QWidget* parent)
    : QWidget(parent),
      m_worker(worker),
      m_label(new QLabel),
      m_bar(new QProgressBar),
      m_cancel(new QToolButton) {
    setObjectName(QStringLiteral("WorkerStatus"));
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    m_cancel->setObjectName(QStringLiteral("CancelJobButton"));
    m_cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    connect(worker, &ComputeWorker::jobStatusChanged, this, &WorkerStatusWidget::onStatus);
    connect(worker, &ComputeWorker::jobProgress, this, &WorkerStatusWidget::onProgress);
    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (JobId id = shownJob()) m_worker->cancel(id);
    });
    retranslateUi();
}

void WorkerStatusWidget::onStatus(JobId id, JobStatus status) {
    switch (status) {
    case JobStatus::Queued: ++m_queued; break;
    case JobStatus::Running:
        m_queued = std::max(0, m_queued - 1);
        m_running.push_back(id);
        m_bar->setValue(0);
        m_message.clear();
        break;
    default: {
        auto it = std::find(m_running.begin(), m_running.end(), id);
        if (it != m_running.end()) m_running.erase(it);
        else m_queued = std::max(0, m_queued - 1);  // ended before it started
        break;
    }
    }
    refresh();
}

void WorkerStatusWidget::onProgress(JobId id, double fraction, const QString& message) {
    if (id != shownJob()) return;
    m_bar->setValue(static_cast<int>(fraction * 1000));
    m_message = message;
    refresh();
}

QString WorkerStatusWidget::statusText() const { return m_label->text(); }

void WorkerStatusWidget::refresh() {
    const bool busy = shownJob() != 0;
    m_bar->setVisible(busy);
    m_cancel->setVisible(busy);
    if (!busy) {
        m_label->setText(m_queued > 0 ? tr("%n job(s) waiting", nullptr, m_queued) : tr("Ready"));
        return;
    }
    QString text = m_worker->description(shownJob());
    if (!m_message.isEmpty()) text += QStringLiteral(" — ") + m_message;
    const int others = static_cast<int>(m_running.size()) - 1 + m_queued;
    if (others > 0) text += QLatin1Char(' ') + tr("(+%n more)", nullptr, others);
    m_label->setText(text);
}

void WorkerStatusWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void WorkerStatusWidget::retranslateUi() {
    m_cancel->setToolTip(tr("Cancel the running job"));
    refresh();
}

}  // namespace ms
