#pragma once
// Rendered words: which words, drawn as pictures, excite a unit (the Distill article's
// "text" facet of a neuron). Every word is drawn in a few fixed styles (faces and colours),
// centred and sized to fill the picture; a unit's score for a word is its spatial mean
// activation, averaged over the styles. A layer's table [words × units] is made by a sliced
// background job (a large model takes a while) and cached on disk per model, layer and word
// list. The same scoring answers the text probe: type a concept, see the units it excites.
// Torch-free header.

#include "jobs/Job.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ms {

class ModelBundle;

constexpr int kRenderedWordStyles = 4;

// The pictures a word is drawn as: kRenderedWordStyles of them, side × side, RGB.
// Needs a QGuiApplication (fonts); any thread.
std::vector<QImage> renderedWordImages(const QString& word, int side);
// One of them (style in [0, kRenderedWordStyles)).
QImage renderedWordImage(const QString& word, int side, int style);

struct RenderedWordsTable {
    std::string modelHash;
    std::string layer;  // canonical
    QStringList words;
    int units = 0;
    std::vector<float> scores;  // [words × units], row-major

    float score(int word, int unit) const { return scores[std::size_t(word) * units + unit]; }
    // The n words with the highest score for the unit, best first (ties: list order).
    std::vector<std::pair<int, float>> topWords(int unit, int n) const;
    // Units ranked by how unusually strongly they respond to one word's scores ([units], e.g.
    // a typed concept): the z-score against each unit's scores over this table's words.
    std::vector<std::pair<int, float>> rankUnits(const std::vector<float>& wordScores, int n) const;
};

// Where a table lives in a cache folder: one file per model, layer and word list.
QString renderedWordsCachePath(const QString& cacheDir, const std::string& modelHash, const std::string& layer,
                               const QStringList& words);
// The default cache folder ($XDG_CACHE_HOME or ~/.cache, then multiscope/rendered-words).
QString defaultRenderedWordsCacheDir();
// nullopt when the file is missing, unreadable or for another model, layer or list.
std::optional<RenderedWordsTable> loadRenderedWords(const QString& path, const std::string& modelHash,
                                                    const std::string& layer, const QStringList& words);
// Atomic (QSaveFile); throws ms::Error when the folder cannot be written.
void saveRenderedWords(const RenderedWordsTable& table, const QString& path);

struct RenderedWordsRequest {
    std::string layer;      // name or alias; empty: the bundle's default layer
    QStringList words;      // empty: defaultRenderedWords(), worked out on the worker
    QString cacheDir;       // empty: no cache
    int wordsPerSlice = 8;  // words rendered and scored per step (× kRenderedWordStyles pictures)
    bool interactive = false;  // the text probe: one word, before everything else
    // Jobs with the same purpose supersede each other (a newer layer's table replaces an
    // older one still being scored); different panels use different purposes.
    std::string purpose = "rendered-words";
};

class RenderedWordsOutput : public JobOutput {
public:
    RenderedWordsTable table;
    bool fromCache = false;
};

class RenderedWordsJob : public Job {
public:
    RenderedWordsJob(std::shared_ptr<const ModelBundle> bundle, RenderedWordsRequest request);
    ~RenderedWordsJob() override;

    std::string description() const override;
    JobPriority priority() const override {
        return m_request.interactive ? JobPriority::Interactive : JobPriority::Background;
    }
    std::string supersedeKey() const override { return m_request.purpose; }
    Step step(Feedback& feedback) override;
    std::shared_ptr<const JobOutput> takeResult() override { return m_result; }

private:
    std::shared_ptr<const ModelBundle> m_bundle;
    RenderedWordsRequest m_request;
    RenderedWordsTable m_table;
    int m_next = -1;  // the next word to score; -1 before the cache was looked at
    std::shared_ptr<const JobOutput> m_result;
};

// The default list: the model's own concept names (a Multiscope-trained model), then the
// common English words (text/CommonWords.h). When the dictionary cannot be read, the concepts
// alone (and `warning` says why); throws ms::Error when that leaves nothing.
QStringList defaultRenderedWords(const ModelBundle& bundle, QString* warning = nullptr);

// The whole table in one call (CLI, tests). Throws ms::Error for an unknown layer.
RenderedWordsTable scoreRenderedWords(const ModelBundle& bundle, const std::string& layer, const QStringList& words);

}  // namespace ms
