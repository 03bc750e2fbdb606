#pragma once
// A unit's score on every indexed picture, exported for analysis elsewhere (NumPy, pandas):
//   FILE.npy             float32 [N]: the scores, folder after folder, each in its index's row order;
//   FILE.npy.paths.txt   N lines, the same pictures in the same order (the images folder joined
//                        with the indexed path, or that path alone with relativePaths; bytes
//                        that are not UTF-8 written %XX as in the CLI's JSON, a line break
//                        inside a name as %0A / %0D);
//   FILE.npy.json        provenance: model hash, layer, unit, score kind, folders, count, date,
//                        and whatever the caller adds (model name, app version).
// Every file is written atomically: a failure leaves no half-written file behind. Torch-free,
// and a worker job, so that a million-picture index never blocks the UI.

#include "index/IndexTypes.h"
#include "jobs/Job.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ms {

struct UnitScoresExportRequest {
    std::vector<std::pair<QString, QString>> indexes;  // (images folder, index folder)
    std::string modelHash;  // the indexes must have been built with it (empty: any model)
    std::string layer;
    int unit = 0;
    ScoreKind by = ScoreKind::Mean;
    QString path;            // the .npy file; the other two are named after it
    QJsonObject provenance;  // extra fields for the sidecar
    bool relativePaths = false;  // paths relative to their images folder (as `top --json` has them)
};

// Writes the three files; returns the number of pictures. Throws ms::Error (an index that
// cannot be read, a unit out of range, a file that cannot be written).
int64_t exportUnitScores(const UnitScoresExportRequest& request);

// The .npy body alone: a float32 vector in a version 1.0 file, written atomically.
void writeFloat32Npy(const QString& path, const std::vector<float>& values);

class UnitScoresExportOutput : public JobOutput {
public:
    UnitScoresExportRequest request;
    int64_t pictures = 0;
};

class UnitScoresExportJob : public Job {
public:
    explicit UnitScoresExportJob(UnitScoresExportRequest request) : m_request(std::move(request)) {}
    std::string description() const override { return "Exporting " + m_request.layer + ":" + std::to_string(m_request.unit); }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    UnitScoresExportRequest m_request;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
