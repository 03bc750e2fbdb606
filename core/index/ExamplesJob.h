#pragma once
// Dataset examples of one unit: the top (or bottom) k pictures over several indexed folders,
// merged by score, with where in each picture the unit peaked (the argmax cell of the
// activation grid) and a thumbnail. A worker job, so that reading thumbnails of big photos
// never stalls the GUI; superseded when the user moves on. Torch-free.

#include "jobs/Job.h"

#include <QImage>
#include <QString>

#include <vector>

namespace ms {

struct ExampleImage {
    QString path;         // absolute
    float score = 0;
    int x = 0, y = 0;     // argmax cell
    int gridWidth = 1, gridHeight = 1;
    QImage thumbnail;     // at most thumbSize on its longer side; null when unreadable
};

struct ExamplesRequest {
    std::vector<std::pair<QString, QString>> indexes;  // (images folder, index folder)
    std::string modelHash;
    std::string layer;
    int unit = 0;
    int k = 16;
    bool bottom = false;
    int thumbSize = 112;
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
    ExamplesRequest m_request;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
