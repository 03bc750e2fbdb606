#pragma once
// Image folders: the user's folders for the current model, each indexed in the background
// (a sliced worker job with progress; incremental when run again), with its image count or
// its problem. The folders are remembered per model (by its SHA-256); the indexes live in
// the app's data folder. A bundled model gets a generated sample folder on first use.

#include "jobs/Job.h"

#include <QDockWidget>

#include <utility>
#include <vector>
#include <QHash>
#include <QStringList>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace ms {

class ModelSession;

class FoldersDock : public QDockWidget {
    Q_OBJECT
public:
    explicit FoldersDock(ModelSession* session, QWidget* parent = nullptr);
    ~FoldersDock() override;

    // Adds the folder (if new) and indexes it in the background.
    void addFolder(const QString& dir);
    void removeFolder(const QString& dir);
    void reindex(const QString& dir);
    QStringList folders() const { return m_folders; }
    // Where the index of `dir` lives for the current model.
    QString indexDirFor(const QString& dir) const;
    // Folders whose index is complete, with their index folders.
    QHash<QString, QString> readyIndexes() const;
    // The same as (images folder, index folder) pairs sorted by folder: what the jobs take.
    std::vector<std::pair<QString, QString>> readyIndexList() const;
    // Generates `count` pictures of the generated world (the model's resolution) into the
    // data folder and adds them as a folder — once per model; false when already done.
    bool ensureSampleFolder(int count = 300);
    bool isBusy() const { return !m_jobs.isEmpty(); }

Q_SIGNALS:
    void folderIndexed(const QString& dir, const QString& indexDir);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onModelLoaded();
    void refreshRow(const QString& dir);
    void saveFolders() const;
    void retranslate();

    ModelSession* m_session;
    QString m_modelHash;
    QStringList m_folders;
    QHash<JobId, QString> m_jobs;     // running index jobs → folder
    QHash<QString, QString> m_status; // folder → status text

    QListWidget* m_list;
    QProgressBar* m_progress;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_reindex;
    QLabel* m_hint;
};

}  // namespace ms
