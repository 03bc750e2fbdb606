#pragma once
// The probe as a compute-worker job: one image as the model sees it, optionally with words
// written on it (the typographic-attack editor), through the model once per version — the
// clean image's pass is kept and reused while only the overlays change. Delivers per-unit
// values, each unit's spatial map (heatmaps) and the zero-shot probabilities, as plain
// vectors so the GUI needs no LibTorch. Torch-free header.

#include "jobs/Job.h"
#include "world/WorldGenerator.h"

#include <QImage>
#include <QStringList>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ms {

class ModelBundle;

// One pass's numbers for one image at one layer.
struct ProbeValues {
    int units = 0, gridWidth = 1, gridHeight = 1;
    std::vector<float> means;          // [units] spatial mean
    std::vector<float> maxima;         // [units]
    std::vector<float> maps;           // [units × gridHeight × gridWidth]
    std::vector<float> probabilities;  // [labels]

    // Unit indices by spatial mean, highest first (ties: lower index first).
    std::vector<int> ranking() const;
    const float* map(int unit) const { return maps.data() + std::size_t(unit) * gridWidth * gridHeight; }
};

struct ProbeRequest {
    // The picture: the model's view (R × R, analysis/ModelInput.h) when already known, else
    // made on the worker from a file or any QImage (big pictures never stall the GUI).
    QImage view;
    std::string sourcePath;
    QImage source;
    std::vector<WordOverlay> overlays; // written on the view, in its pixels
    std::vector<int> ablated;          // units of the layer switched off in the edited pass
    // Mean-ablation: a switched-off unit reads its mean over these indexes' pictures (images
    // folder, index folder) instead of 0. Empty: zero-ablation.
    std::vector<std::pair<QString, QString>> meanFrom;
    std::string layer;                 // empty: the bundle's default layer
    QStringList labels;
    QStringList templates;
};

class ProbeOutput : public JobOutput {
public:
    std::string layer;
    QStringList labels;
    // The edited pass: the words written on the picture and the ablated units switched off.
    QImage clean, edited;              // edited is null without edits
    std::vector<int> ablated;
    std::vector<float> ablatedValues;  // what they read instead (empty: 0)
    ProbeValues cleanValues;
    ProbeValues editedValues;          // empty without edits
    bool hasEdits() const { return !edited.isNull(); }
};

// Reuses what stays the same between requests of one probe (the clean pass, the zero-shot
// classifier): give every job of a probe the same one. Not thread-safe; jobs run on the worker.
class ProbeMemo;
std::shared_ptr<ProbeMemo> makeProbeMemo();

class ProbeJob : public Job {
public:
    static constexpr const char* kSupersedeKey = "probe";
    ProbeJob(std::shared_ptr<const ModelBundle> bundle, ProbeRequest request, std::shared_ptr<ProbeMemo> memo);
    ~ProbeJob() override;
    std::string description() const override { return "Probing an image"; }
    JobPriority priority() const override { return JobPriority::Interactive; }
    std::string supersedeKey() const override { return kSupersedeKey; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    std::shared_ptr<const ModelBundle> m_bundle;
    ProbeRequest m_request;
    std::shared_ptr<ProbeMemo> m_memo;
    std::shared_ptr<const JobOutput> m_result;
};

}  // namespace ms
