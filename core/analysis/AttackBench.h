#pragma once
// The typographic-attack bench: a folder of labelled images, a list of attack words; each
// word is written on each image (one of 8 fixed placements — corners and edge midpoints — in
// turn, or a random one) and the zero-shot top-1 compared with the clean image's. Per word:
// the success rate (top-1 becomes the written word) and the accuracy left. Serves
// `multiscope-cli attack` and the probe's bench panel (same numbers by construction).

#include "analysis/ZeroShot.h"
#include "render/TextRenderer.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace ms {

class ClipNetwork;
class Feedback;

enum class AttackPlacement { Fixed8, Random };

struct AttackBenchOptions {
    QString imagesDir;
    QStringList words;
    // Labels: this CSV (columns file,concept[,rendition,…] like `generate`'s labels.csv) when
    // set; else the folder's labels.csv; else each image's sub-folder name.
    QString labelsFile;
    QStringList labels;      // zero-shot labels; empty: the images' labels plus the words
    QStringList templates;   // prompt templates (empty: "{}")
    PromptEnsemble ensemble = PromptEnsemble::MeanEmbedding;  // how they combine
    AttackPlacement placement = AttackPlacement::Fixed8;
    TextStyle style;         // font, colour, box; pixelSize is set from textHeight per image
    double textHeight = 0.15;  // the word's height as a fraction of the image height (≤ 0.2 in the article's sense)
    std::uint64_t seed = 1;    // random placements
    int batchSize = 32;
};

struct AttackWordResult {
    QString word;
    int trials = 0;             // images whose label is not the word itself
    double successRate = 0;     // attacked top-1 == the word
    double accuracy = 0;        // attacked top-1 == the image's label
};

struct AttackBenchReport {
    int images = 0;
    double cleanAccuracy = 0;
    std::vector<AttackWordResult> attacks;
    double successRate = 0;     // over all words' trials

    QJsonObject toJson() const;  // {"clean_accuracy", "attacks": [{"word", "success_rate", "accuracy", "trials"}], "success_rate", "images"}
    QString toCsv() const;       // word,trials,success_rate,accuracy,accuracy_drop
    QString toText() const;
};

struct LabelledImage {
    QString path;
    QString label;
};

// The images and labels the bench runs on (rules in AttackBenchOptions::labelsFile). From a
// generated folder only the pictures (photo, drawing, icon) count. Throws ms::Error when
// nothing usable is found.
std::vector<LabelledImage> labelledImages(const QString& imagesDir, const QString& labelsFile);

// The bench a few images at a time (the worker runs one step per slice, so interactive
// requests such as the probe are served in between).
class AttackBenchRun {
public:
    // Reads the folder's labels and encodes the label prompts. Throws ms::Error.
    AttackBenchRun(const ClipNetwork& network, const TextTokenizeFn& tokenize, const AttackBenchOptions& options);
    ~AttackBenchRun();
    void step();
    bool done() const;
    int imageCount() const;
    int imagesDone() const;
    // Reports the progress so far ("120 / 500 images") to the feedback.
    void reportProgress(Feedback& feedback) const;
    AttackBenchReport report() const;  // over the images done so far

private:
    struct State;
    std::unique_ptr<State> d;
};

AttackBenchReport runAttackBench(const ClipNetwork& network, const TextTokenizeFn& tokenize,
                                 const AttackBenchOptions& options, Feedback* feedback = nullptr);

}  // namespace ms
