#include "session/ModelSession.h"

#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"

namespace ms {
namespace {

class LoadedModel : public JobOutput {
public:
    explicit LoadedModel(std::shared_ptr<const ModelBundle> b) : bundle(std::move(b)) {}
    std::shared_ptr<const ModelBundle> bundle;
};

}  // namespace

ModelSession::ModelSession(ComputeWorker* worker, QObject* parent) : QObject(parent), m_worker(worker) {
    connect(m_worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> result) {
        if (id != m_pending) return;
        m_pending = 0;
        const auto* loaded = dynamic_cast<const LoadedModel*>(result.get());
        if (!loaded) return;
        m_bundle = loaded->bundle;
        m_path = m_pendingPath;
        Q_EMIT modelLoaded(m_path);
    });
    connect(m_worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id != m_pending) return;
        m_pending = 0;
        Q_EMIT loadFailed(m_pendingPath, error);
    });
}

ModelSession::~ModelSession() = default;

void ModelSession::load(const QString& path) {
    m_pendingPath = path;
    auto bundle = std::make_shared<std::shared_ptr<const ModelBundle>>();
    const std::string file = path.toStdString();
    auto job = std::make_unique<FunctionJob>(
        "Loading model " + file,
        [bundle, file](Feedback&) {
            *bundle = std::make_shared<const ModelBundle>(ModelBundle::load(ModelSpec{file, {}, 0, 0}));
            return Job::Step::Done;
        },
        [bundle]() -> std::shared_ptr<const JobOutput> { return std::make_shared<LoadedModel>(*bundle); },
        JobPriority::Interactive, "load-model");
    m_pending = m_worker->submit(std::move(job));
    Q_EMIT loading(path);
}

}  // namespace ms
