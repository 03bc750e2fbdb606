#include "analysis/AttackBenchJob.h"

#include "analysis/ModelText.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"

namespace ms {

AttackBenchJob::AttackBenchJob(std::shared_ptr<const ModelBundle> bundle, AttackBenchOptions options)
    : m_bundle(std::move(bundle)), m_options(std::move(options)) {
    if (m_options.templates.isEmpty()) {
        m_options.templates = promptTemplatesFor(*m_bundle);
        m_options.ensemble = promptEnsembleFor(*m_bundle);
    }
}

AttackBenchJob::~AttackBenchJob() = default;

std::string AttackBenchJob::description() const {
    return "Typographic-attack bench on " + m_options.imagesDir.toStdString();
}

Job::Step AttackBenchJob::step(Feedback& feedback) {
    if (!m_run) {  // first slice: read the labels, encode the prompts
        m_run = std::make_unique<AttackBenchRun>(m_bundle->model().network(), tokenizeFnFor(*m_bundle), m_options);
        return Step::MoreWork;
    }
    m_run->step();
    m_run->reportProgress(feedback);
    auto out = std::make_shared<AttackBenchOutput>();
    out->report = m_run->report();
    out->final = m_run->done();
    if (out->final) {
        m_result = out;
        return Step::Done;
    }
    const std::int64_t now = steadyMilliseconds();
    if (now - m_lastPartial >= 500) {
        m_lastPartial = now;
        feedback.publishPartial(out);
    }
    return Step::MoreWork;
}

}  // namespace ms
