#pragma once
// The status bar's view of the compute worker: what runs now, its progress, and a button
// that cancels it.

#include "jobs/Job.h"

#include <QWidget>

#include <vector>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ms {

class ComputeWorker;

class WorkerStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit WorkerStatusWidget(ComputeWorker* worker, QWidget* parent = nullptr);

    // The job the bar shows and the cancel button stops (0 when idle).
    JobId shownJob() const { return m_running.empty() ? 0 : m_running.back(); }
    QString statusText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void onStatus(JobId id, JobStatus status);
    void onProgress(JobId id, double fraction, const QString& message);
    void refresh();
    void retranslateUi();

    ComputeWorker* m_worker;
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
    std::vector<JobId> m_running;  // in start order; the newest is shown
    int m_queued = 0;
    QString m_message;
};

}  // namespace ms
