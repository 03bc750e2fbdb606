#pragma once
// The typographic attack, one implementation for `evaluate`, `attack`, the probe's editor and
// its bench: write a word on an image and see whether the zero-shot top-1 becomes that word.

#include "world/WorldGenerator.h"

#include <ATen/core/Tensor.h>

#include <QImage>
#include <QString>

#include <functional>
#include <vector>

namespace ms {

class ZeroShotClassifier;

// How an image becomes the model's input ([3, R, R], normalised): the model's preprocessing.
using ImageToInputFn = std::function<at::Tensor(const QImage& image)>;

struct AttackTrial {
    QImage image;          // the clean image
    int trueLabel = -1;    // index into the classifier's labels (-1: unknown)
    WordOverlay overlay;   // the word and where/how it is written
};

struct AttackOutcome {
    int cleanTop1 = -1;
    int attackedTop1 = -1;
    int wordLabel = -1;      // the written word's label index (-1: not a label)
    bool success = false;    // attacked top-1 is the written word
    float wordProbabilityClean = 0, wordProbabilityAttacked = 0;
};

// Runs the trials in batches of `batchSize`.
std::vector<AttackOutcome> runTypographicAttacks(const ZeroShotClassifier& classifier, const ImageToInputFn& toInput,
                                                 const std::vector<AttackTrial>& trials, int batchSize = 32);

// The eight fixed placements of the attack bench: the four corners and the four edge
// midpoints, for a word of the given style on a size × size image (index 0 … 7).
WordOverlay fixedPlacementOverlay(const QString& word, TextStyle style, int imageSize, int position);

}  // namespace ms
