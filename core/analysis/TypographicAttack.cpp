#include "analysis/TypographicAttack.h"

#include "analysis/ZeroShot.h"

#include <torch/torch.h>

#include <map>

namespace ms {

std::vector<AttackOutcome> runTypographicAttacks(const ZeroShotClassifier& classifier, const ImageToInputFn& toInput,
                                                 const std::vector<AttackTrial>& trials, int batchSize) {
    torch::NoGradGuard noGrad;
    std::vector<AttackOutcome> outcomes(trials.size());
    for (size_t start = 0; start < trials.size(); start += batchSize) {
        const size_t end = std::min(trials.size(), start + batchSize);
        // Trials often share an image (one image, several words): its clean pass runs once.
        std::vector<at::Tensor> clean, attacked;
        std::vector<long> cleanRow;
        std::map<qint64, long> rowOfImage;
        for (size_t i = start; i < end; ++i) {
            const auto [it, added] = rowOfImage.try_emplace(trials[i].image.cacheKey(), static_cast<long>(clean.size()));
            if (added) clean.push_back(toInput(trials[i].image));
            cleanRow.push_back(it->second);
            attacked.push_back(toInput(applyWordOverlay(trials[i].image, trials[i].overlay)));
        }
        const at::Tensor pClean = classifier.probabilities(torch::stack(clean)).index_select(0, torch::tensor(cleanRow));
        const at::Tensor pAttacked = classifier.probabilities(torch::stack(attacked));
        const at::Tensor topClean = pClean.argmax(1), topAttacked = pAttacked.argmax(1);
        for (size_t i = start; i < end; ++i) {
            const long row = static_cast<long>(i - start);
            AttackOutcome& o = outcomes[i];
            o.cleanTop1 = static_cast<int>(topClean[row].item<int64_t>());
            o.attackedTop1 = static_cast<int>(topAttacked[row].item<int64_t>());
            o.wordLabel = classifier.indexOf(trials[i].overlay.word);
            o.success = o.wordLabel >= 0 && o.attackedTop1 == o.wordLabel;
            if (o.wordLabel >= 0) {
                o.wordProbabilityClean = pClean[row][o.wordLabel].item<float>();
                o.wordProbabilityAttacked = pAttacked[row][o.wordLabel].item<float>();
            }
        }
    }
    return outcomes;
}

WordOverlay fixedPlacementOverlay(const QString& word, TextStyle style, int imageSize, int position) {
    WordOverlay o{word, style, {}};
    const QRectF box = textFootprint(word, style, QPointF(0, 0));
    const double margin = 0.03 * imageSize;
    const double left = margin + box.width() / 2, right = imageSize - margin - box.width() / 2;
    const double top = margin + box.height() / 2, bottom = imageSize - margin - box.height() / 2;
    const double midX = imageSize / 2.0, midY = imageSize / 2.0;
    // Corners clockwise from the top left, then edge midpoints clockwise from the top.
    const QPointF spots[8] = {{left, top},  {right, top},   {right, bottom}, {left, bottom},
                              {midX, top},  {right, midY},  {midX, bottom},  {left, midY}};
    o.centre = spots[((position % 8) + 8) % 8];
    return o;
}

}  // namespace ms
