#pragma once
// The typographic-attack bench as a background job: a few images per slice (the probe and
// other interactive requests run in between), progress, a partial report as it goes, cancel.

#include "analysis/AttackBench.h"
#include "jobs/Job.h"

#include <memory>

namespace ms {

class ModelBundle;

class AttackBenchOutput : public JobOutput {
public:
    AttackBenchReport report;
    bool final = false;
};

class AttackBenchJob : public Job {
public:
    // Empty templates or labels in `options` are filled from the model (its prompt templates;
    // the images' labels plus the words).
    AttackBenchJob(std::shared_ptr<const ModelBundle> bundle, AttackBenchOptions options);
    ~AttackBenchJob() override;
    std::string description() const override;
    std::string supersedeKey() const override { return "attack-bench"; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    std::shared_ptr<const ModelBundle> m_bundle;
    AttackBenchOptions m_options;
    std::unique_ptr<AttackBenchRun> m_run;
    std::shared_ptr<const JobOutput> m_result;
    std::int64_t m_lastPartial = 0;
};

}  // namespace ms
