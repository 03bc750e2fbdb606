#pragma once
// Contrastive training of a small CLIP on the generated world (symmetric InfoNCE with a
// learnable temperature, image–caption pairs only; identical captions in a batch are not
// counted as negatives). Resumable from a checkpoint folder; deterministic given the seed
// up to floating-point noise. Uses bf16 autocast where the CPU supports it.

#include "model/ClipConfig.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <memory>

namespace ms {

class Feedback;

struct TrainerOptions {
    QString outDir;              // checkpoint.pt, the exported model and its sidecar go here
    std::uint64_t seed = 0;
    std::int64_t totalSteps = 12000;  // the learning-rate schedule's length
    double minutes = 0;          // stop this sitting after this long (0: run to totalSteps)
    int batchSize = 128;
    double peakLearningRate = 5e-4;
    double weightDecay = 0.1;
    std::int64_t warmupSteps = 300;
    double curriculumFraction = 0.35;  // difficulty ramps 0 → 1 over this share of the steps
    bool bf16 = true;
    int threads = 0;             // LibTorch threads (0: all cores)
    int dataThreads = 1;         // threads generating the next batch meanwhile
    double checkpointMinutes = 5;
    bool tiny = false;           // a very small architecture (tests, CI)
    QString command;             // recorded in the sidecar's provenance
};

struct TrainerProgress {
    std::int64_t step = 0;
    double loss = 0;
    double smoothedLoss = 0;
    double temperature = 0;
    double learningRate = 0;
};

// The architecture of the shipped model (or the tiny one), for a vocabulary of `vocabSize`.
ClipConfig bundledArchitecture(int vocabSize, bool tiny);

class ClipTrainer {
public:
    explicit ClipTrainer(TrainerOptions options);
    ~ClipTrainer();

    // Picks up DIR/checkpoint.pt when present (same architecture and seed required).
    bool resumeFromCheckpoint();
    // Runs until totalSteps, the sitting's minutes, or cancel; checkpoints on the way and at
    // the end, then exports the model (multiscope-bundled.safetensors + .json) into outDir.
    void run(Feedback& feedback);

    TrainerProgress trainStep();  // one optimisation step (exposed for tests)
    void saveCheckpoint() const;
    QString exportModel(const QString& baseName = QStringLiteral("multiscope-bundled")) const;
    std::int64_t step() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

}  // namespace ms
