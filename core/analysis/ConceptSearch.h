#pragma once
// Zero-shot neuron search: which units of a layer are "about" a concept, judged by their
// dataset examples — each unit's top pictures in the indexed folders are compared with the
// concept's text embedding (CLIP's prompt templates averaged), and units rank by the mean
// cosine similarity of their top pictures. Complements the text probe (analysis/
// RenderedWords.h), which asks how a unit responds to the concept written out.
// The indexed pictures' image embeddings are computed once per index version (sliced, in the
// background) and cached on disk. Torch-free header.

#include "jobs/Job.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ms {

class ModelBundle;

struct ConceptSearchRequest {
    std::vector<std::pair<QString, QString>> indexes;  // (images folder, index folder)
    std::string layer;   // name or alias; empty: the bundle's default layer
    QString concept;
    int examplesPerUnit = 8;  // top pictures compared per unit
    QString cacheDir;         // image embeddings; empty: no cache
    int imagesPerSlice = 32;
};

struct UnitMatch {
    int unit = -1;
    float similarity = 0;  // mean cosine similarity of the unit's top pictures with the concept
    int pictures = 0;
};

class ConceptSearchOutput : public JobOutput {
public:
    ConceptSearchRequest request;
    std::string layer;                // canonical
    std::vector<UnitMatch> units;     // every unit with pictures, best first
    int pictures = 0;                 // indexed pictures with an embedding
    QStringList problems;             // indexes that could not be used
};

class ConceptSearchJob : public Job {
public:
    ConceptSearchJob(std::shared_ptr<const ModelBundle> bundle, ConceptSearchRequest request);
    ~ConceptSearchJob() override;

    std::string description() const override { return "Searching units for \"" + m_request.concept.toStdString() + "\""; }
    JobPriority priority() const override { return JobPriority::Interactive; }
    std::string supersedeKey() const override { return "concept-search"; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    struct State;
    std::shared_ptr<const ModelBundle> m_bundle;
    ConceptSearchRequest m_request;
    std::unique_ptr<State> m_state;
    std::shared_ptr<const JobOutput> m_result;
};

// The default cache folder of the image embeddings ($XDG_CACHE_HOME or ~/.cache, then
// multiscope/embeddings).
QString defaultEmbeddingsCacheDir();

}  // namespace ms
