#pragma once
// A unit's response over labelled folders, for the neuron page's two charts:
// - text versus image (the Distill article's central observation as one chart): per concept,
//   the unit's scores on the concept's pictures next to its score on the concept's written word
//   (the rendered-words score, analysis/RenderedWords.h, filled in by the caller);
// - the activation distribution over every indexed picture, split by label.
// Scores are per-picture spatial means read from the folders' indexes (what the rendered-word
// scores are too). Labels come from each folder's labels.csv (its pictures: photo, drawing,
// icon) or its sub-folder names. A worker job, superseded when the user moves on. Torch-free.

#include "jobs/Job.h"

#include <QString>
#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace ms {

struct ConceptScores {
    QString concept;
    std::vector<float> pictures;  // the unit's score on each labelled picture of the concept
    float mean() const;
    float quantile(double q) const;  // linear interpolation; q in [0, 1]
};

struct UnitResponseRequest {
    std::vector<std::pair<QString, QString>> indexes;  // (images folder, index folder)
    std::string modelHash;
    std::string layer;
    int unit = 0;
};

class UnitResponseOutput : public JobOutput {
public:
    UnitResponseRequest request;
    std::vector<ConceptScores> concepts;  // labelled concepts, by name
    std::vector<float> allScores;         // every indexed picture, labelled or not
    QStringList problems;                 // folders that could not answer
};

// The whole answer in one call (the job runs it; tests too).
UnitResponseOutput unitResponse(const UnitResponseRequest& request);

class UnitResponseJob : public Job {
public:
    explicit UnitResponseJob(UnitResponseRequest request) : m_request(std::move(request)) {}
    std::string description() const override { return "Response of " + m_request.layer + ":" + std::to_string(m_request.unit); }
    JobPriority priority() const override { return JobPriority::Interactive; }
    std::string supersedeKey() const override { return "unit-response"; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    UnitResponseRequest m_request;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
