#pragma once
// The typographic-attack bench: a folder of labelled images, attack words, placement (the 8
// fixed positions or random), face and size; runs in the background with progress; reports
// per word the success rate (top-1 becomes the word) and the accuracy left, as a table and a
// chart, exportable as CSV and as a figure (PNG or SVG). Same numbers as
// `multiscope-cli attack` (one core implementation).

#include "analysis/AttackBench.h"
#include "jobs/Job.h"

#include <QDockWidget>

class QChart;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ms {

class ModelSession;

class AttackBenchDock : public QDockWidget {
    Q_OBJECT
public:
    explicit AttackBenchDock(ModelSession* session, QWidget* parent = nullptr);
    ~AttackBenchDock() override;

    void setFolder(const QString& dir);
    void setWords(const QStringList& words);
    bool isRunning() const { return m_job != 0; }
    const AttackBenchReport& report() const { return m_report; }

    // The table (CSV) and the chart (PNG, SVG or PDF by suffix, with a provenance sidecar).
    // False with `error` when a file cannot be written.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportFigure(const QString& path, QString* error = nullptr) const;

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    void finished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void display(const AttackBenchReport& report, bool final);
    void retranslate();

    ModelSession* m_session;
    JobId m_job = 0;
    AttackBenchReport m_report;
    QString m_folder;

    QPushButton* m_choose;
    QLabel* m_folderLabel;
    QLineEdit* m_words;
    QComboBox* m_placement;
    QComboBox* m_font;
    QDoubleSpinBox* m_height;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QTableWidget* m_table;
    QChart* m_chart;
    QWidget* m_chartView;
    QPushButton* m_exportCsv;
    QPushButton* m_exportFigure;
    QLabel* m_status;
    QLabel* m_wordsLabel;
};

}  // namespace ms
