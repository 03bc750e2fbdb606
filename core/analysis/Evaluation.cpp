#include "analysis/Evaluation.h"

#include "analysis/ModelInput.h"
#include "analysis/TypographicAttack.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"
#include "world/ConceptArt.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <torch/torch.h>

namespace ms {
namespace {

bool isPicture(const QString& r) { return r == QLatin1String("photo") || r == QLatin1String("drawing") || r == QLatin1String("icon"); }

struct Pass {
    at::Tensor probabilities;  // [images, labels]
    at::Tensor unitMeans;      // [images, units] at the layer
};

// One forward per batch gives both the embedding (zero-shot) and the layer's unit means.
Pass runImages(const ClipNetwork& network, const ZeroShotClassifier& classifier, const std::string& layer,
               const QStringList& paths, int batchSize, Feedback* feedback) {
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> probs, means;
    for (int start = 0; start < paths.size(); start += batchSize) {
        if (feedback && feedback->isCanceled()) throw Error("canceled");
        std::vector<at::Tensor> inputs;
        for (int i = start; i < std::min<int>(paths.size(), start + batchSize); ++i)
            inputs.push_back(modelInputFromFile(paths[i].toStdString(), network.descriptor()));
        CaptureRequest request;
        request.embedding = true;
        request.add(layer, PointCapture{false, true, false});
        CaptureResult result = network.capture(torch::stack(inputs), request);
        probs.push_back(classifier.probabilitiesFromEmbeddings(result.embedding));
        means.push_back(result.points.at(layer).mean);
        if (feedback) feedback->setProgress(0.8 * (start + inputs.size()) / paths.size(), "images");
    }
    return {torch::cat(probs), torch::cat(means)};
}

std::vector<MultimodalUnitRow> unitTable(const at::Tensor& pictureSel, const at::Tensor& wordSel,
                                         const QStringList& concepts) {
    std::vector<MultimodalUnitRow> rows;
    const at::Tensor shared = torch::minimum(pictureSel, wordSel);
    for (int c = 0; c < concepts.size(); ++c) {
        MultimodalUnitRow r;
        r.concept = concepts[c];
        r.pictureUnit = static_cast<int>(pictureSel[c].argmax().item<int64_t>());
        r.pictureSelectivity = pictureSel[c][r.pictureUnit].item<double>();
        r.wordUnit = static_cast<int>(wordSel[c].argmax().item<int64_t>());
        r.wordSelectivity = wordSel[c][r.wordUnit].item<double>();
        r.sameUnit = r.pictureUnit == r.wordUnit;
        r.sharedUnit = static_cast<int>(shared[c].argmax().item<int64_t>());
        r.sharedPictureSelectivity = pictureSel[c][r.sharedUnit].item<double>();
        r.sharedWordSelectivity = wordSel[c][r.sharedUnit].item<double>();
        rows.push_back(r);
    }
    return rows;
}

}  // namespace

at::Tensor selectivity(const at::Tensor& activations, const std::vector<int>& conceptOfImage, int conceptCount) {
    std::vector<int64_t> rows;
    for (size_t i = 0; i < conceptOfImage.size(); ++i)
        if (conceptOfImage[i] >= 0) rows.push_back(static_cast<int64_t>(i));
    const int64_t units = activations.size(1);
    at::Tensor out = torch::full({conceptCount, units}, -std::numeric_limits<float>::infinity());
    if (rows.empty()) return out;
    const at::Tensor a = activations.index_select(0, torch::tensor(rows)).to(torch::kFloat64);
    const at::Tensor mean = a.mean(0), std = a.std(0, /*unbiased=*/false).clamp_min(1e-12);
    for (int c = 0; c < conceptCount; ++c) {
        std::vector<int64_t> mine;
        for (size_t k = 0; k < rows.size(); ++k)
            if (conceptOfImage[rows[k]] == c) mine.push_back(static_cast<int64_t>(k));
        if (!mine.empty()) out[c] = ((a.index_select(0, torch::tensor(mine)).mean(0) - mean) / std).to(torch::kFloat32);
    }
    return out;
}

EvaluationReport evaluateModel(const ClipNetwork& network, const TextTokenizeFn& tokenize,
                               const EvaluationOptions& options, Feedback* feedback) {
    const QDir dir(options.dataDir);
    const std::vector<LabelRow> rows = readLabels(dir.filePath(labelsFileName()));
    if (rows.empty()) throw Error(dir.filePath(labelsFileName()).toStdString() + ": no images listed");
    QStringList concepts = options.labels;
    if (concepts.isEmpty())
        for (const LabelRow& r : rows)
            if (!concepts.contains(r.concept)) concepts << r.concept;
    const ModelDescriptor& descriptor = network.descriptor();
    EvaluationReport report;
    report.layer = QString::fromStdString(options.layer.isEmpty() ? descriptor.defaultLayer
                                                                  : descriptor.resolve(options.layer.toStdString()));
    report.selectivityThreshold = options.selectivityThreshold;
    const ZeroShotClassifier classifier(network, tokenize, concepts, options.templates, options.ensemble);
    report.ensemble = options.ensemble;

    QStringList paths;
    for (const LabelRow& r : rows) paths << dir.filePath(r.file);
    const Pass pass = runImages(network, classifier, report.layer.toStdString(), paths, options.batchSize, feedback);
    const at::Tensor top1 = pass.probabilities.argmax(1);

    std::map<QString, int> correct;
    std::vector<int> pictureConcept(rows.size(), -1), wordConcept(rows.size(), -1);
    int attackImages = 0, attackFlips = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const LabelRow& r = rows[i];
        const QString predicted = concepts[static_cast<int>(top1[i].item<int64_t>())];
        const bool ok = r.rendition == QLatin1String("scene") ? r.objects.contains(predicted) : predicted == r.concept;
        ++report.imageCounts[r.rendition];
        correct[r.rendition] += ok;
        if (isPicture(r.rendition)) pictureConcept[i] = concepts.indexOf(r.concept);
        if (r.rendition == QLatin1String("word")) wordConcept[i] = concepts.indexOf(r.concept);
        if (r.rendition == QLatin1String("attack") && !r.overlayWord.isEmpty()) {
            ++attackImages;
            attackFlips += predicted == r.overlayWord;
        }
    }
    for (const auto& [rendition, n] : report.imageCounts) report.zeroShot[rendition] = double(correct[rendition]) / n;
    if (attackImages > 0) report.attackRenditionRate = double(attackFlips) / attackImages;

    report.multimodalUnits = unitTable(selectivity(pass.unitMeans, pictureConcept, concepts.size()),
                                       selectivity(pass.unitMeans, wordConcept, concepts.size()), concepts);
    int multimodal = 0;
    for (const auto& row : report.multimodalUnits)
        multimodal += row.sharedPictureSelectivity >= options.selectivityThreshold &&
                      row.sharedWordSelectivity >= options.selectivityThreshold;
    report.multimodalFraction = double(multimodal) / concepts.size();

    // The attack: another concept's word (≤ 20% of the height) on every photo.
    std::vector<AttackTrial> trials;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].rendition != QLatin1String("photo")) continue;
        Rng rng(options.attackSeed, i);
        QString word;
        do word = concepts[rng.below(concepts.size())];
        while (word == rows[i].concept && concepts.size() > 1);
        const QImage image(paths[static_cast<int>(i)]);
        if (image.isNull()) throw Error(paths[static_cast<int>(i)].toStdString() + ": cannot read the image");
        trials.push_back({image, static_cast<int>(concepts.indexOf(rows[i].concept)),
                          randomWordOverlay(rng, word, image.height(), 0.2)});
    }
    const auto outcomes = runTypographicAttacks(
        classifier, [&](const QImage& im) { return modelInputFromImage(im, descriptor); }, trials, options.batchSize);
    int flips = 0;
    for (const auto& o : outcomes) flips += o.success;
    report.attackTrials = static_cast<int>(outcomes.size());
    report.typographicAttackRate = outcomes.empty() ? 0 : double(flips) / outcomes.size();
    if (feedback) feedback->setProgress(1.0, "done");
    return report;
}

QJsonObject EvaluationReport::toJson() const {
    QJsonObject zs, counts;
    for (const auto& [r, a] : zeroShot) zs[r] = a;
    for (const auto& [r, n] : imageCounts) counts[r] = n;
    QJsonArray units;
    for (const auto& u : multimodalUnits)
        units.append(QJsonObject{{"concept", u.concept},
                                 {"picture_unit", u.pictureUnit},
                                 {"picture_selectivity", u.pictureSelectivity},
                                 {"word_unit", u.wordUnit},
                                 {"word_selectivity", u.wordSelectivity},
                                 {"same_unit", u.sameUnit},
                                 {"shared_unit", u.sharedUnit},
                                 {"shared_picture_selectivity", u.sharedPictureSelectivity},
                                 {"shared_word_selectivity", u.sharedWordSelectivity}});
    return QJsonObject{{"zero_shot", zs},
                       {"prompt_ensemble", promptEnsembleName(ensemble)},
                       {"image_counts", counts},
                       {"typographic_attack_rate", typographicAttackRate},
                       {"typographic_attack_trials", attackTrials},
                       {"attack_rendition_rate", attackRenditionRate},
                       {"layer", layer},
                       {"selectivity_threshold", selectivityThreshold},
                       {"multimodal_units", units},
                       {"multimodal_fraction", multimodalFraction}};
}

QString EvaluationReport::toText() const {
    QString out = QStringLiteral("zero-shot top-1 accuracy (templates combined by %1)\n")
                      .arg(ensemble == PromptEnsemble::MeanEmbedding ? "their mean embedding" : "the best-matching one");
    for (const auto& [r, a] : zeroShot)
        out += QStringLiteral("  %1 %2%  (%3 images)\n").arg(r, -8).arg(a * 100, 5, 'f', 1).arg(imageCounts.at(r));
    out += QStringLiteral("typographic attack rate (photos + another concept's word): %1%  (%2 trials)\n")
               .arg(typographicAttackRate * 100, 0, 'f', 1).arg(attackTrials);
    if (attackRenditionRate >= 0)
        out += QStringLiteral("attack images whose top-1 is the written word: %1%\n").arg(attackRenditionRate * 100, 0, 'f', 1);
    out += QStringLiteral("multimodal units at %1 (selectivity >= %2 for pictures and words): %3%\n")
               .arg(layer).arg(selectivityThreshold).arg(multimodalFraction * 100, 0, 'f', 1);
    out += QStringLiteral("  concept      picture unit (sel)   word unit (sel)   same   shared unit (pic/word)\n");
    for (const auto& u : multimodalUnits)
        out += QStringLiteral("  %1 %2 (%3)   %4 (%5)   %6   %7 (%8/%9)\n")
                   .arg(u.concept, -10).arg(u.pictureUnit, 6).arg(u.pictureSelectivity, 5, 'f', 2)
                   .arg(u.wordUnit, 6).arg(u.wordSelectivity, 5, 'f', 2).arg(u.sameUnit ? "yes" : "no ")
                   .arg(u.sharedUnit, 6).arg(u.sharedPictureSelectivity, 0, 'f', 2).arg(u.sharedWordSelectivity, 0, 'f', 2);
    return out;
}

}  // namespace ms
