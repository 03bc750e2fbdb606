#include "analysis/AttackBench.h"

#include "analysis/ModelInput.h"
#include "analysis/TypographicAttack.h"
#include "index/FolderWalk.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace ms {
namespace {

bool isPicture(const QString& r) {
    return r.isEmpty() || r == QLatin1String("photo") || r == QLatin1String("drawing") || r == QLatin1String("icon");
}

std::vector<LabelledImage> fromLabelsCsv(const QString& csv, const QDir& imagesDir) {
    std::vector<LabelledImage> out;
    for (const LabelRow& row : readLabels(csv))
        if (isPicture(row.rendition) && !row.concept.isEmpty()) out.push_back({imagesDir.filePath(row.file), row.concept});
    return out;
}

std::vector<LabelledImage> fromSubFolders(const QString& imagesDir) {
    std::vector<LabelledImage> out;
    for (const WalkEntry& e : walkFolder(imagesDir.toStdString())) {
        if (e.problem || !hasImageExtension(e.path)) continue;
        const QString relative = QString::fromStdString(e.path);
        const int slash = relative.indexOf(QLatin1Char('/'));
        if (slash > 0) out.push_back({QDir(imagesDir).filePath(relative), relative.left(slash)});
    }
    return out;
}

WordOverlay overlayFor(const AttackBenchOptions& o, const QString& word, int side, size_t image, size_t wordIndex) {
    if (o.placement == AttackPlacement::Random) {
        Rng rng(o.seed, image * 100'003 + wordIndex);
        return randomWordOverlay(rng, word, side, o.textHeight);
    }
    TextStyle style = o.style;
    style.pixelSize = fitPixelSize(word, style, 0.9 * side, o.textHeight * side, side);
    return fixedPlacementOverlay(word, style, side, static_cast<int>((image + wordIndex) % 8));
}

}  // namespace

std::vector<LabelledImage> labelledImages(const QString& imagesDir, const QString& labelsFile) {
    const QDir dir(imagesDir);
    if (!QFileInfo(imagesDir).isDir()) throw Error(imagesDir.toStdString() + ": not a folder");
    std::vector<LabelledImage> images;
    if (!labelsFile.isEmpty()) images = fromLabelsCsv(labelsFile, dir);
    else if (QFileInfo(dir.filePath(labelsFileName())).isFile()) images = fromLabelsCsv(dir.filePath(labelsFileName()), dir);
    else images = fromSubFolders(imagesDir);
    if (images.empty())
        throw Error(imagesDir.toStdString() + ": no labelled images (give --labels FILE, put a labels.csv in the folder, "
                                              "or sort the images into one sub-folder per label)");
    return images;
}

struct AttackBenchRun::State {
    const ClipNetwork& network;
    AttackBenchOptions options;
    std::vector<LabelledImage> images;
    QStringList labels;
    ZeroShotClassifier classifier;
    size_t imagesPerChunk;
    size_t next = 0;
    std::vector<int> successes, correct, trials;
    int cleanCorrect = 0;

    State(const ClipNetwork& n, const TextTokenizeFn& tokenize, AttackBenchOptions o, std::vector<LabelledImage> im, QStringList l)
        : network(n),
          options(std::move(o)),
          images(std::move(im)),
          labels(std::move(l)),
          classifier(n, tokenize, labels, options.templates, options.ensemble),
          // A few images at a time, every word on each: memory stays flat on big folders.
          imagesPerChunk(std::max<size_t>(1, size_t(options.batchSize) / size_t(options.words.size()) + 1)),
          successes(size_t(options.words.size())),
          correct(size_t(options.words.size())),
          trials(size_t(options.words.size())) {}
};

namespace {

QStringList benchLabels(const AttackBenchOptions& options, const std::vector<LabelledImage>& images) {
    if (!options.labels.isEmpty()) return options.labels;
    QStringList labels;
    for (const LabelledImage& im : images)
        if (!labels.contains(im.label)) labels << im.label;
    for (const QString& w : options.words)
        if (!labels.contains(w)) labels << w;
    return labels;
}

}  // namespace

AttackBenchRun::AttackBenchRun(const ClipNetwork& network, const TextTokenizeFn& tokenize, const AttackBenchOptions& options) {
    if (options.words.isEmpty()) throw Error("no attack words given");
    std::vector<LabelledImage> images = labelledImages(options.imagesDir, options.labelsFile);
    QStringList labels = benchLabels(options, images);
    d = std::make_unique<State>(network, tokenize, options, std::move(images), std::move(labels));
}

AttackBenchRun::~AttackBenchRun() = default;

int AttackBenchRun::imageCount() const { return int(d->images.size()); }
int AttackBenchRun::imagesDone() const { return int(d->next); }
bool AttackBenchRun::done() const { return d->next >= d->images.size(); }

void AttackBenchRun::step() {
    if (done()) return;
    const AttackBenchOptions& options = d->options;
    const ModelDescriptor& descriptor = d->network.descriptor();
    const int side = descriptor.inputResolution;
    const size_t words = size_t(options.words.size());
    const size_t first = d->next, last = std::min(d->images.size(), first + d->imagesPerChunk);
    std::vector<AttackTrial> chunk;
    for (size_t i = first; i < last; ++i) {
        const QImage view = modelViewFromFile(d->images[i].path.toStdString(), descriptor);
        for (size_t w = 0; w < words; ++w)
            chunk.push_back({view, static_cast<int>(d->labels.indexOf(d->images[i].label)), overlayFor(options, options.words[int(w)], side, i, w)});
    }
    const auto toInput = [&](const QImage& im) { return modelInputFromImage(im, descriptor); };
    const auto outcomes = runTypographicAttacks(d->classifier, toInput, chunk, options.batchSize);
    for (size_t k = 0; k < outcomes.size(); ++k) {
        const size_t w = k % words;
        const AttackOutcome& o = outcomes[k];
        if (w == 0) d->cleanCorrect += o.cleanTop1 == chunk[k].trueLabel;
        if (d->images[first + k / words].label == options.words[int(w)]) continue;  // not an attack
        ++d->trials[w];
        d->successes[w] += o.success;
        d->correct[w] += o.attackedTop1 == chunk[k].trueLabel;
    }
    d->next = last;
}

void AttackBenchRun::reportProgress(Feedback& feedback) const {
    feedback.setProgress(double(imagesDone()) / imageCount(),
                         std::to_string(imagesDone()) + " / " + std::to_string(imageCount()) + " images");
}

AttackBenchReport AttackBenchRun::report() const {
    AttackBenchReport report;
    report.images = int(d->next);
    report.cleanAccuracy = d->next ? double(d->cleanCorrect) / double(d->next) : 0;
    int allTrials = 0, allSuccesses = 0;
    for (int w = 0; w < d->options.words.size(); ++w) {
        const int n = d->trials[size_t(w)];
        report.attacks.push_back({d->options.words[w], n, n ? double(d->successes[size_t(w)]) / n : 0,
                                  n ? double(d->correct[size_t(w)]) / n : 0});
        allTrials += n;
        allSuccesses += d->successes[size_t(w)];
    }
    report.successRate = allTrials ? double(allSuccesses) / allTrials : 0;
    return report;
}

AttackBenchReport runAttackBench(const ClipNetwork& network, const TextTokenizeFn& tokenize,
                                 const AttackBenchOptions& options, Feedback* feedback) {
    AttackBenchRun run(network, tokenize, options);
    while (!run.done()) {
        if (feedback && feedback->isCanceled()) throw Error("canceled");
        run.step();
        if (feedback) run.reportProgress(*feedback);
    }
    if (feedback) feedback->setProgress(1.0, "done");
    return run.report();
}

QJsonObject AttackBenchReport::toJson() const {
    QJsonArray list;
    for (const AttackWordResult& a : attacks)
        list.append(QJsonObject{{QStringLiteral("word"), a.word},
                                {QStringLiteral("success_rate"), a.successRate},
                                {QStringLiteral("accuracy"), a.accuracy},
                                {QStringLiteral("trials"), a.trials}});
    return QJsonObject{{QStringLiteral("clean_accuracy"), cleanAccuracy},
                       {QStringLiteral("attacks"), list},
                       {QStringLiteral("success_rate"), successRate},
                       {QStringLiteral("images"), images}};
}

QString AttackBenchReport::toCsv() const {
    QString csv = QStringLiteral("word,trials,success_rate,accuracy,accuracy_drop\n");
    for (const AttackWordResult& a : attacks)
        csv += QStringLiteral("%1,%2,%3,%4,%5\n").arg(csvField(a.word)).arg(a.trials).arg(a.successRate, 0, 'f', 4)
                   .arg(a.accuracy, 0, 'f', 4).arg(cleanAccuracy - a.accuracy, 0, 'f', 4);
    return csv;
}

QString AttackBenchReport::toText() const {
    QString out = QStringLiteral("%1 images, clean accuracy %2%\n").arg(images).arg(cleanAccuracy * 100, 0, 'f', 1);
    out += QStringLiteral("%1 %2 %3 %4\n").arg(QStringLiteral("word"), -16).arg(QStringLiteral("success"), 8)
               .arg(QStringLiteral("accuracy"), 9).arg(QStringLiteral("drop"), 7);
    for (const AttackWordResult& a : attacks)
        out += QStringLiteral("%1 %2% %3% %4%\n").arg(a.word, -16).arg(a.successRate * 100, 7, 'f', 1)
                   .arg(a.accuracy * 100, 8, 'f', 1).arg((cleanAccuracy - a.accuracy) * 100, 6, 'f', 1);
    out += QStringLiteral("all words: success rate %1%").arg(successRate * 100, 0, 'f', 1);
    return out;
}

}  // namespace ms
