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

UnitResponseOutput unitResponse(const UnitResponseRequest& request) {
    UnitResponseOutput out;
    out.request = request;
    std::map<QString, std::vector<float>> byConcept;
    for (const auto& [folder, indexDir] : request.indexes) {
        try {
            const auto reader = IndexReader::open(indexDir.toStdString(), request.modelHash);
            const auto scores = reader->unitScores(request.layer, request.unit, ScoreKind::Mean);
            QHash<QString, float> scoreOf;  // absolute path → score
            const QDir dir(folder);
            for (const auto& [path, score] : scores) {
                if (!std::isfinite(score)) continue;
                scoreOf.insert(QDir::cleanPath(dir.filePath(QString::fromStdString(path))), score);
                out.allScores.push_back(score);
            }
            std::vector<LabelledImage> labelled;
            try {
                labelled = labelledImages(folder, {});
            } catch (const std::exception&) {  // an unlabelled folder still counts in the distribution
            }
            for (const LabelledImage& image : labelled) {
                const auto it = scoreOf.constFind(QDir::cleanPath(image.path));
                if (it != scoreOf.constEnd()) byConcept[image.label].push_back(*it);
            }
        } catch (const std::exception& e) {
            out.problems << QStringLiteral("%1: %2").arg(folder, QString::fromUtf8(e.what()));
        }
    }
    for (auto& [concept, scores] : byConcept) out.concepts.push_back({concept, std::move(scores)});
    return out;
}

Job::Step UnitResponseJob::step(Feedback&) {
    m_result = std::make_shared<UnitResponseOutput>(unitResponse(m_request));
    return Step::Done;
}

}  // namespace ms
