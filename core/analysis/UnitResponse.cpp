#include "analysis/UnitResponse.h"

#include "analysis/AttackBench.h"
#include "index/IndexReader.h"

#include <QDir>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace ms {

float ConceptScores::mean() const {
    return pictures.empty() ? NAN : std::accumulate(pictures.begin(), pictures.end(), 0.0f) / pictures.size();
}

float ConceptScores::quantile(double q) const {
    if (pictures.empty()) return NAN;
    std::vector<float> sorted = pictures;
    std::sort(sorted.begin(), sorted.end());
    const double at = std::clamp(q, 0.0, 1.0) * (sorted.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(at)), hi = static_cast<size_t>(std::ceil(at));
    return float(sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]));
}

namespace {

// Which label each row of an index has (-1: none), worked out once per index version: a
// unit switch then only reads the unit's column.
struct RowLabels {
    int64_t rows = -1, images = -1;
    std::vector<int> labelOfRow;
    QStringList names;
};

const RowLabels& rowLabels(const IndexReader& reader, const QString& folder) {
    // Per thread (the compute worker's); a changed index (more rows, images replaced) is read again.
    thread_local std::map<std::string, RowLabels> cache;
    RowLabels& labels = cache[reader.info().dir + '\n' + folder.toStdString()];
    if (labels.rows == reader.rowCount() && labels.images == reader.info().images) return labels;
    labels = RowLabels{reader.rowCount(), reader.info().images, std::vector<int>(size_t(reader.rowCount()), -1), {}};
    std::vector<LabelledImage> labelled;
    try {
        labelled = labelledImages(folder, {});
    } catch (const std::exception&) {  // an unlabelled folder still counts in the distribution
        return labels;
    }
    QHash<QString, int> labelOfPath;
    QHash<QString, int> idOfName;
    for (const LabelledImage& image : labelled) {
        auto id = idOfName.constFind(image.label);
        if (id == idOfName.constEnd()) {
            id = idOfName.insert(image.label, int(labels.names.size()));
            labels.names << image.label;
        }
        labelOfPath.insert(QDir::cleanPath(image.path), *id);
    }
    const QDir dir(folder);
    for (const auto& [row, path] : reader.rowPaths()) {
        const auto it = labelOfPath.constFind(QDir::cleanPath(dir.filePath(QString::fromStdString(path))));
        if (it != labelOfPath.constEnd()) labels.labelOfRow[size_t(row)] = *it;
    }
    return labels;
}

}  // namespace

UnitResponseOutput unitResponse(const UnitResponseRequest& request) {
    UnitResponseOutput out;
    out.request = request;
    std::map<QString, std::vector<float>> byConcept;
    for (const auto& [folder, indexDir] : request.indexes) {
        try {
            const auto reader = IndexReader::open(indexDir.toStdString(), request.modelHash);
            const std::vector<float> column = reader->unitColumn(request.layer, request.unit, ScoreKind::Mean);
            const RowLabels& labels = rowLabels(*reader, folder);
            std::vector<std::vector<float>> scores(size_t(labels.names.size()));
            for (size_t row = 0; row < column.size(); ++row) {
                if (!std::isfinite(column[row])) continue;
                out.allScores.push_back(column[row]);
                if (labels.labelOfRow[row] >= 0) scores[size_t(labels.labelOfRow[row])].push_back(column[row]);
            }
            for (int i = 0; i < labels.names.size(); ++i) {
                auto& all = byConcept[labels.names[i]];
                all.insert(all.end(), scores[size_t(i)].begin(), scores[size_t(i)].end());
            }
        } catch (const std::exception& e) {
            out.problems << QStringLiteral("%1: %2").arg(folder, QString::fromUtf8(e.what()));
        }
    }
    for (auto& [concept, scores] : byConcept)
        if (!scores.empty()) out.concepts.push_back({concept, std::move(scores)});
    return out;
}

Job::Step UnitResponseJob::step(Feedback&) {
    m_result = std::make_shared<UnitResponseOutput>(unitResponse(m_request));
    return Step::Done;
}

}  // namespace ms
