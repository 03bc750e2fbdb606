#pragma once
// File → Get model…: the official checkpoints with size and local status; downloads the
// chosen one (and the BPE vocabulary when it is missing) with a progress bar, rate, time
// left and cancel; when done, reports the model file so the window opens it. The model
// folder is shown and can be changed (it is remembered in the settings).

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace ms {

class DownloadQueue;
struct DownloadProgress;
struct DownloadResult;

class GetModelDialog : public QDialog {
    Q_OBJECT
public:
    explicit GetModelDialog(QWidget* parent = nullptr);
    ~GetModelDialog() override;

    // Selects this catalogue name and says above the list that it is needed (the
    // "open a missing model" path).
    void offer(const QString& name);
    QString selectedName() const;
    void refresh();  // re-reads the statuses

Q_SIGNALS:
    // The checkpoint is there and verified; the window opens it.
    void modelReady(const QString& name, const QString& path);

private:
    void startDownload();
    void onProgress(int index, const DownloadProgress& progress);
    void onFinished(bool ok, const QString& message);
    void updateButtons();
    void chooseFolder();

    QLabel* m_intro;
    QLabel* m_folder;
    QTreeWidget* m_list;
    QProgressBar* m_progress;
    QLabel* m_progressText;
    QPushButton* m_download;
    QPushButton* m_cancel;
    QPushButton* m_close;
    DownloadQueue* m_queue;
    QString m_downloadingName;
    QString m_downloadingPath;
    QStringList m_queueNames;
};

}  // namespace ms
