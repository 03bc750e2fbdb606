#include "bundled/ClipTrainer.h"

#include "bundled/BundledSidecar.h"
#include "util/CpuAutocast.h"
#include "bundled/TrainingData.h"
#include "io/StateDict.h"
#include "jobs/Feedback.h"
#include "model/CaptureSink.h"
#include "model/ClipModule.h"
#include "util/Error.h"
#include "util/Log.h"
#include "world/Captions.h"
#include "world/ConceptArt.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <future>

namespace ms {

ClipConfig bundledArchitecture(int vocabSize, bool tiny) {
    ClipConfig c;
    c.family = VisionFamily::ResNet;
    c.imageResolution = tiny ? 64 : 128;
    // Two blocks in the last stage: reading is done only deep in the tower, and merging what
    // was seen and what was read into one unit needs a block after both (CLIP's multimodal
    // neurons sit at the end of a deep last stage). At 4×4 it costs about 7% more compute.
    c.visionLayers = tiny ? std::vector<int>{1, 1, 1, 1} : std::vector<int>{1, 2, 2, 2};
    c.visionWidth = tiny ? 8 : 24;
    c.visionHeads = c.visionWidth * 32 / 64;
    c.embedDim = tiny ? 32 : 192;
    c.contextLength = 32;
    c.vocabSize = vocabSize;
    c.transformerWidth = tiny ? 32 : 192;
    c.transformerHeads = tiny ? 2 : 3;
    c.transformerLayers = tiny ? 1 : 3;
    return c;
}

struct ClipTrainer::Impl {
    TrainerOptions options;
    WordByteTokenizer tokenizer{captionVocabulary()};
    ClipConfig config;
    std::shared_ptr<detail::ClipModule> model;
    std::unique_ptr<torch::optim::AdamW> optimizer;
    std::unique_ptr<BatchGenerator> data;
    std::int64_t step = 0;
    double smoothedLoss = 0;
    double minutesBefore = 0;  // training time of earlier sittings
    std::future<TrainingBatch> prefetch;
    std::int64_t prefetchStep = -1;

    explicit Impl(TrainerOptions o) : options(std::move(o)) {
        config = bundledArchitecture(tokenizer.vocabularySize(), options.tiny);
        torch::manual_seed(options.seed);
        model = std::make_shared<detail::ClipModule>(config);
        initialiseLikeClip();
        data = std::make_unique<BatchGenerator>(options.seed, options.batchSize, config.imageResolution, RenditionMix{},
                                                tokenizer, config.contextLength, options.dataThreads);
        makeOptimizer();
    }

    // CLIP's initialisation (initialize_parameters in the reference), by parameter name.
    void initialiseLikeClip() {
        torch::NoGradGuard noGrad;
        const double width = config.transformerWidth, layers = config.transformerLayers;
        const double attnStd = std::pow(width, -0.5), projStd = attnStd * std::pow(2 * layers, -0.5),
                     fcStd = std::pow(2 * width, -0.5);
        const double poolStd = std::pow(config.visionWidth * 32.0, -0.5);
        auto endsWith = [](const std::string& s, const std::string& t) {
            return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
        };
        for (auto& p : model->named_parameters()) {
            const std::string& n = p.key();
            at::Tensor t = p.value();
            if (n == "logit_scale") t.fill_(std::log(1 / 0.07));
            else if (n == "token_embedding.weight") t.normal_(0, 0.02);
            else if (n == "positional_embedding") t.normal_(0, 0.01);
            else if (n == "text_projection") t.normal_(0, attnStd);
            else if (n.find("attnpool") != std::string::npos && endsWith(n, "weight") && t.dim() == 2) t.normal_(0, poolStd);
            else if (n.find("attnpool") != std::string::npos && n.find("positional") != std::string::npos) t.normal_(0, poolStd);
            else if (endsWith(n, "bn3.weight") && n.find(".layer") != std::string::npos)
                t.zero_();  // each residual block starts as identity (not the stem's bn3)
            else if (n.find("bn") != std::string::npos || n.find("ln") != std::string::npos || endsWith(n, "downsample.1.weight"))
                t.fill_(endsWith(n, "weight") ? 1.0 : 0.0);
            else if (endsWith(n, "attn.in_proj_weight")) t.normal_(0, attnStd);
            else if (endsWith(n, "attn.out_proj.weight") || endsWith(n, "mlp.c_proj.weight")) t.normal_(0, projStd);
            else if (endsWith(n, "mlp.c_fc.weight")) t.normal_(0, fcStd);
            else if (endsWith(n, "bias")) t.zero_();
            else if (t.dim() == 4) torch::nn::init::kaiming_normal_(t, 0, torch::kFanOut, torch::kReLU);
            else torch::nn::init::normal_(t, 0, 0.02);
        }
        for (auto& b : model->named_buffers()) {
            if (endsWith(b.key(), "running_var")) b.value().fill_(1);
            else if (endsWith(b.key(), "running_mean")) b.value().zero_();
        }
        for (auto& p : model->parameters()) p.set_requires_grad(true);
    }

    void makeOptimizer() {
        // No weight decay on gains, biases, embeddings and the temperature (as in CLIP).
        std::vector<at::Tensor> decayed, plain;
        for (auto& p : model->named_parameters()) (p.value().dim() >= 2 && p.key().find("embedding") == std::string::npos ? decayed : plain).push_back(p.value());
        std::vector<torch::optim::OptimizerParamGroup> groups;
        auto decay = std::make_unique<torch::optim::AdamWOptions>(options.peakLearningRate);
        decay->betas({0.9, 0.98}).eps(1e-6).weight_decay(options.weightDecay);
        auto noDecay = std::make_unique<torch::optim::AdamWOptions>(options.peakLearningRate);
        noDecay->betas({0.9, 0.98}).eps(1e-6).weight_decay(0);
        groups.emplace_back(decayed, std::move(decay));
        groups.emplace_back(plain, std::move(noDecay));
        optimizer = std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(options.peakLearningRate));
    }

    double learningRate(std::int64_t s) const {
        if (s < options.warmupSteps) return options.peakLearningRate * (s + 1) / options.warmupSteps;
        const double progress = std::min(1.0, double(s - options.warmupSteps) / std::max<std::int64_t>(1, options.totalSteps - options.warmupSteps));
        return options.peakLearningRate * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress)));
    }

    double difficulty(std::int64_t s) const {
        return std::min(1.0, double(s) / std::max(1.0, options.curriculumFraction * options.totalSteps));
    }

    TrainingBatch takeBatch(std::int64_t s) {
        TrainingBatch batch = prefetchStep == s ? prefetch.get() : data->make(s, difficulty(s));
        prefetchStep = s + 1;
        prefetch = std::async(std::launch::async, [this, next = s + 1] { return data->make(next, difficulty(next)); });
        return batch;
    }
};

ClipTrainer::ClipTrainer(TrainerOptions options) : d(std::make_unique<Impl>(std::move(options))) {}

ClipTrainer::~ClipTrainer() {
    if (d->prefetch.valid()) d->prefetch.wait();
}

std::int64_t ClipTrainer::step() const { return d->step; }

TrainerProgress ClipTrainer::trainStep() {
    TrainingBatch batch = d->takeBatch(d->step);
    d->model->train();
    at::Tensor imageFeatures, textFeatures;
    {
        CpuAutocast autocast(d->options.bf16);
        detail::CaptureSink imageSink, textSink;
        imageFeatures = d->model->encodeImage(batch.images, imageSink);
        textFeatures = d->model->encodeText(batch.tokens, textSink);
    }
    imageFeatures = imageFeatures.to(torch::kFloat32);
    textFeatures = textFeatures.to(torch::kFloat32);
    imageFeatures = imageFeatures / imageFeatures.norm(2, -1, true);
    textFeatures = textFeatures / textFeatures.norm(2, -1, true);
    const at::Tensor scale = d->model->logitScale.clamp_max(std::log(100.0)).exp();
    at::Tensor logits = scale * imageFeatures.mm(textFeatures.t());
    // Pairs with the same caption are not negatives of each other.
    const int n = static_cast<int>(batch.captions.size());
    std::vector<std::uint8_t> same(static_cast<size_t>(n) * n, 0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) same[i * n + j] = i != j && batch.captions[i] == batch.captions[j];
    const at::Tensor sameCaption = torch::from_blob(same.data(), {n, n}, torch::kUInt8).to(torch::kBool);
    logits = logits.masked_fill(sameCaption, -std::numeric_limits<float>::infinity());
    const at::Tensor labels = torch::arange(n, torch::kInt64);
    const at::Tensor loss = (torch::nn::functional::cross_entropy(logits, labels) +
                             torch::nn::functional::cross_entropy(logits.t(), labels)) / 2;

    const double lr = d->learningRate(d->step);
    for (auto& group : d->optimizer->param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    d->optimizer->zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(d->model->parameters(), 1.0);
    d->optimizer->step();
    ++d->step;

    TrainerProgress p;
    p.step = d->step;
    p.loss = loss.item<double>();
    d->smoothedLoss = d->step == 1 ? p.loss : 0.98 * d->smoothedLoss + 0.02 * p.loss;
    p.smoothedLoss = d->smoothedLoss;
    p.temperature = scale.item<double>();
    p.learningRate = lr;
    return p;
}

}  // namespace ms

namespace ms {
namespace {

const QString kCheckpointFile = QStringLiteral("checkpoint.json");

StateDict weightsOf(const detail::ClipModule& model) {
    StateDict dict;
    for (const auto& p : model.named_parameters()) dict[p.key()] = p.value().detach().clone();
    for (const auto& b : model.named_buffers()) dict[b.key()] = b.value().detach().clone();
    return dict;
}

void copyWeights(detail::ClipModule& model, const StateDict& dict, const QString& source) {
    torch::NoGradGuard noGrad;
    auto copy = [&](const std::string& key, at::Tensor target) {
        auto it = dict.find(key);
        if (it == dict.end() || !it->second.sizes().equals(target.sizes()))
            throw Error(source.toStdString() + ": checkpoint does not match the architecture at '" + key + "'");
        target.copy_(it->second);
    };
    for (auto& p : model.named_parameters()) copy(p.key(), p.value());
    for (auto& b : model.named_buffers()) copy(b.key(), b.value());
}

}  // namespace

void ClipTrainer::saveCheckpoint() const {
    QDir dir(d->options.outDir);
    if (!dir.mkpath(QStringLiteral("."))) throw Error(d->options.outDir.toStdString() + ": cannot create the folder");
    // Files named by step, then the JSON that points at them: a crash leaves the last
    // complete checkpoint in charge.
    const QString weights = QStringLiteral("checkpoint-%1.safetensors").arg(d->step);
    const QString optim = QStringLiteral("checkpoint-%1.optimizer.pt").arg(d->step);
    saveSafetensors(dir.filePath(weights).toStdString(), weightsOf(*d->model), {}, false);
    torch::save(*d->optimizer, dir.filePath(optim).toStdString());
    const double minutes = d->minutesBefore;
    QJsonObject state{{"step", qint64(d->step)},         {"seed", QString::number(d->options.seed)},
                      {"tiny", d->options.tiny},          {"batch_size", d->options.batchSize},
                      {"total_steps", qint64(d->options.totalSteps)}, {"weights", weights},
                      {"optimizer", optim},               {"smoothed_loss", d->smoothedLoss},
                      {"minutes", minutes}};
    QSaveFile file(dir.filePath(kCheckpointFile));
    if (!file.open(QIODevice::WriteOnly)) throw Error(dir.filePath(kCheckpointFile).toStdString() + ": cannot write");
    file.write(QJsonDocument(state).toJson());
    if (!file.commit()) throw Error(dir.filePath(kCheckpointFile).toStdString() + ": cannot write");
    // Older checkpoints are no longer needed.
    for (const QString& old : dir.entryList({QStringLiteral("checkpoint-*")}, QDir::Files))
        if (old != weights && old != optim) dir.remove(old);
}

bool ClipTrainer::resumeFromCheckpoint() {
    QDir dir(d->options.outDir);
    QFile file(dir.filePath(kCheckpointFile));
    if (!file.open(QIODevice::ReadOnly)) return false;
    const QJsonObject state = QJsonDocument::fromJson(file.readAll()).object();
    const QString where = file.fileName();
    if (state.value(QStringLiteral("seed")).toString() != QString::number(d->options.seed) ||
        state.value(QStringLiteral("tiny")).toBool() != d->options.tiny ||
        state.value(QStringLiteral("batch_size")).toInt() != d->options.batchSize)
        throw Error(where.toStdString() + ": a checkpoint of another run (seed, size or batch differ); use another --out");
    copyWeights(*d->model, loadSafetensors(dir.filePath(state.value(QStringLiteral("weights")).toString()).toStdString()), where);
    torch::load(*d->optimizer, dir.filePath(state.value(QStringLiteral("optimizer")).toString()).toStdString());
    d->step = state.value(QStringLiteral("step")).toInteger();
    d->smoothedLoss = state.value(QStringLiteral("smoothed_loss")).toDouble();
    d->minutesBefore = state.value(QStringLiteral("minutes")).toDouble();
    return true;
}

QString ClipTrainer::exportModel(const QString& baseName) const {
    QDir dir(d->options.outDir);
    const QString weightsPath = dir.filePath(baseName + QStringLiteral(".safetensors"));
    const std::map<std::string, std::string> metadata{{"format", "pt"}, {"producer", "multiscope-cli train"}};
    saveSafetensors(weightsPath.toStdString(), weightsOf(*d->model), metadata, /*asFloat16=*/true);

    BundledSidecar sidecar;
    sidecar.words = d->tokenizer.words();
    sidecar.contextLength = d->config.contextLength;
    sidecar.textHeads = d->config.transformerHeads;
    sidecar.visionHeads = d->config.visionHeads;
    for (const QString& c : conceptNames()) sidecar.concepts << c;
    sidecar.templates = {QStringLiteral("{}"), QStringLiteral("a photo of a {}"), QStringLiteral("a drawing of a {}"),
                         QStringLiteral("an icon of a {}"), QStringLiteral("the word {}")};
    // CLIP's ensemble (the templates' mean embedding). The captions' bare names tie every kind
    // of picture to one text, so the mean reads written words too; "best" stays available.
    sidecar.promptEnsemble = QStringLiteral("mean");
    const int lastStage = static_cast<int>(d->config.visionLayers.size());
    sidecar.defaultLayer = QStringLiteral("visual.layer%1.%2.add").arg(lastStage).arg(d->config.visionLayers.back() - 1);
    sidecar.training = QJsonObject{{"seed", QString::number(d->options.seed)},
                                   {"steps", qint64(d->step)},
                                   {"batch_size", d->options.batchSize},
                                   {"samples_seen", qint64(d->step) * d->options.batchSize},
                                   {"final_smoothed_loss", d->smoothedLoss},
                                   {"minutes", d->minutesBefore},
                                   {"bf16", d->options.bf16},
                                   {"command", d->options.command}};
    writeSidecar(sidecarPathFor(weightsPath), sidecar);
    return weightsPath;
}

void ClipTrainer::run(Feedback& feedback) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto lastCheckpoint = start;
    auto minutesSince = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count() / 60; };
    const double minutesAtStart = d->minutesBefore;
    while (d->step < d->options.totalSteps && !feedback.isCanceled()) {
        if (d->options.minutes > 0 && minutesSince(start) >= d->options.minutes) break;
        const TrainerProgress p = trainStep();
        d->minutesBefore = minutesAtStart + minutesSince(start);
        char message[160];
        std::snprintf(message, sizeof message, "step %lld/%lld  loss %.3f (avg %.3f)  T %.1f  lr %.2e",
                      static_cast<long long>(p.step), static_cast<long long>(d->options.totalSteps), p.loss,
                      p.smoothedLoss, p.temperature, p.learningRate);
        feedback.setProgress(double(p.step) / d->options.totalSteps, message);
        if (minutesSince(lastCheckpoint) >= d->options.checkpointMinutes) {
            saveCheckpoint();
            exportModel();  // a usable snapshot of a long run
            lastCheckpoint = Clock::now();
        }
    }
    saveCheckpoint();
    exportModel();
    logInfo("training stopped at step " + std::to_string(d->step) + ", smoothed loss " + std::to_string(d->smoothedLoss));
}

}  // namespace ms
