#pragma once
// Dataset examples of one unit: the top (or bottom) k pictures over several indexed folders,
// merged by score, with where in each picture the unit peaked (the argmax cell of the
// activation grid) and a thumbnail — and, given the model, the unit's whole spatial map over
// each picture. A worker job, so that reading thumbnails of big photos never stalls the GUI;
// superseded when the user moves on. Torch-free header.

#include "jobs/Job.h"

#include <QImage>
#include <QString>

#include <memory>
#include <vector>

namespace ms {

class ModelBundle;

struct ExampleImage {
    QString path;         // absolute
    float score = 0;
    int x = 0, y = 0;     // argmax cell
    int gridWidth = 1, gridHeight = 1;
    QImage thumbnail;     // at most thumbSize on its longer side; null when unreadable
    std::vector<float> map;  // the unit's spatial map [gridHeight × gridWidth] (with a bundle), row-major
};

struct ExamplesRequest {
    std::vector<std::pair<QString, QString>> indexes;  // (images folder, index folder)
    std::string modelHash;
    std::string layer;
    int unit = 0;
    int k = 16;
    bool bottom = false;
    int thumbSize = 112;
    // With the model: each picture's full spatial map of the unit for a heatmap (one forward
    // pass per picture, a few pictures per slice); without: only the peak cell from the index.
    std::shared_ptr<const ModelBundle> bundle;
};

class ExamplesOutput : public JobOutput {
public:
    ExamplesRequest request;
    std::vector<ExampleImage> images;  // best first (ties: path)
    QStringList problems;              // indexes that could not answer (e.g. layer not indexed)
};

class ExamplesJob : public Job {
public:
    explicit ExamplesJob(ExamplesRequest request) : m_request(std::move(request)) {}
    std::string description() const override { return "Dataset examples of " + m_request.layer + ":" + std::to_string(m_request.unit); }
    JobPriority priority() const override { return JobPriority::Interactive; }
    std::string supersedeKey() const override { return "examples"; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    Step findPictures(Feedback& feedback);
    void computeMaps(size_t count);

    ExamplesRequest m_request;
    std::shared_ptr<ExamplesOutput> m_pending;
    size_t m_nextMap = 0;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
