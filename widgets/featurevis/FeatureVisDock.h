#pragma once
// The feature-visualization panel: the selected unit's (or any objective's) visualization,
// forming live while it optimises, with progress and cancel; the parameters (preset, steps,
// size, batch, diversity, seed, objective expression); results from the disk cache appear at
// once, without a job.

#include "jobs/Job.h"

#include <QDockWidget>
#include <QImage>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ms {

class ComputeWorker;
class FeatureVisCache;
class FeatureVisOutput;
class ModelSession;
struct FeatureVisRequest;

class FeatureVisDock : public QDockWidget {
    Q_OBJECT
public:
    FeatureVisDock(ModelSession* session, QWidget* parent = nullptr);
    ~FeatureVisDock() override;

    // Shows this objective ("visual.layer4.0.add:12"): from the cache at once, else computed.
    void setObjective(const QString& objective);
    QString objective() const;
    const std::vector<QImage>& images() const { return m_images; }
    // The request of the pictures shown, as JSON (empty when none).
    QString shownRequestJson() const { return m_shownRequest; }
    bool isRunning() const { return m_job != 0; }
    // After showing unit u of a layer, visualize unit u + 1 in the background (into the cache),
    // so that pressing j shows it at once.
    void setPrefetchNext(bool on) { m_prefetchNext = on; }
    bool isPrefetching() const;

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    // A picture is on screen: a live snapshot (final false) or the result.
    void snapshotShown(int step, int steps, bool final, bool fromCache);

private:
    FeatureVisRequest currentRequest() const;
    void display(const FeatureVisOutput& output);
    void setBusy(bool busy);
    void prefetchAfter(const FeatureVisRequest& shown);
    void onModelLoaded();
    void restoreSettings();
    void saveSettings() const;
    void retranslate();
    void changeEvent(QEvent* event) override;

    ModelSession* m_session;
    ComputeWorker* m_worker;
    std::unique_ptr<FeatureVisCache> m_cache;  // lookups on this thread; jobs use their own instance
    JobId m_job = 0;
    std::vector<QImage> m_images;
    bool m_prefetchNext = false;
    JobId m_prefetchJob = 0;
    QString m_shownRequest;

    QLineEdit* m_objective;
    QComboBox* m_preset;
    QSpinBox* m_steps;
    QSpinBox* m_size;
    QSpinBox* m_batch;
    QDoubleSpinBox* m_diversity;
    QSpinBox* m_seed;
    QCheckBox* m_bf16;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QWidget* m_view;
    QProgressBar* m_progress;
    QLabel* m_status;
    QLabel* m_objectiveLabel;
};

}  // namespace ms
