#pragma once
// `multiscope-cli evaluate`: on a labelled folder (labels.csv of the generated world or the
// same columns), zero-shot top-1 accuracy per rendition with one fixed prompt set, the
// typographic-attack rate, and the multimodal-unit table of a layer: for each concept, the
// unit most selective for its pictures (photo + drawing + icon), the one most selective for
// its written word, and the best unit for both.

#include "analysis/ZeroShot.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace ms {

class ClipNetwork;
class Feedback;

struct EvaluationOptions {
    QString dataDir;
    QString layer;           // canonical or alias; empty: the descriptor's default layer
    QStringList labels;      // zero-shot labels; empty: the concepts in labels.csv
    QStringList templates;   // one prompt set for every rendition
    PromptEnsemble ensemble = PromptEnsemble::MeanEmbedding;  // how the templates combine
    int batchSize = 64;
    std::uint64_t attackSeed = 1;  // which word goes on which photo, and where
    double selectivityThreshold = 2.0;
};

struct MultimodalUnitRow {
    QString concept;
    int pictureUnit = -1;
    double pictureSelectivity = 0;
    int wordUnit = -1;
    double wordSelectivity = 0;
    bool sameUnit = false;
    // The unit whose weaker selectivity (pictures or word) is highest: a multimodal unit when
    // both are at or above the threshold.
    int sharedUnit = -1;
    double sharedPictureSelectivity = 0;
    double sharedWordSelectivity = 0;
};

struct EvaluationReport {
    std::map<QString, double> zeroShot;   // rendition → top-1 accuracy
    PromptEnsemble ensemble = PromptEnsemble::MeanEmbedding;
    std::map<QString, int> imageCounts;   // rendition → images
    double typographicAttackRate = 0;     // photos with another concept's word written on
    int attackTrials = 0;
    double attackRenditionRate = -1;      // the folder's own attack images (-1: none)
    QString layer;
    std::vector<MultimodalUnitRow> multimodalUnits;
    double multimodalFraction = 0;
    double selectivityThreshold = 2.0;

    QJsonObject toJson() const;
    QString toText() const;
};

// Throws ms::Error for a missing folder, labels.csv or layer; skips nothing silently (an
// unreadable image is an error naming it).
EvaluationReport evaluateModel(const ClipNetwork& network, const TextTokenizeFn& tokenize,
                               const EvaluationOptions& options, Feedback* feedback = nullptr);

// Selectivity of every unit for every concept in one modality: [concepts, units] from
// per-image activations [images, units] and the images' concept indices (−1: not counted).
at::Tensor selectivity(const at::Tensor& activations, const std::vector<int>& conceptOfImage, int conceptCount);

}  // namespace ms
