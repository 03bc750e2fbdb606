#pragma once
// The model the GUI's views work on. Loading (reading and hashing hundreds of MB) runs on the
// compute worker; views then build their jobs from bundle(). The bundle is immutable, so the
// GUI thread may read its descriptor while jobs use the network on the worker. Torch-free.

#include "jobs/Job.h"

#include <QObject>
#include <QString>

#include <memory>

namespace ms {

class ComputeWorker;
class ModelBundle;

class ModelSession : public QObject {
    Q_OBJECT
public:
    explicit ModelSession(ComputeWorker* worker, QObject* parent = nullptr);
    ~ModelSession() override;

    // Loads in the background; a newer load replaces one still running. The previous model
    // stays current until the new one is ready.
    void load(const QString& path);

    std::shared_ptr<const ModelBundle> bundle() const { return m_bundle; }
    QString path() const { return m_path; }
    ComputeWorker* worker() const { return m_worker; }

Q_SIGNALS:
    void loading(const QString& path);
    void modelLoaded(const QString& path);
    void loadFailed(const QString& path, const QString& message);

private:
    ComputeWorker* m_worker;
    std::shared_ptr<const ModelBundle> m_bundle;
    QString m_path;
    QString m_pendingPath;
    JobId m_pending = 0;
};

}  // namespace ms
