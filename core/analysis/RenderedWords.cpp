#include "analysis/RenderedWords.h"

#include "analysis/ModelInput.h"
#include "bundled/BundledSidecar.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "render/TextRenderer.h"
#include "text/CommonWords.h"
#include "util/CacheDir.h"
#include "util/Error.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace ms {
namespace {

constexpr quint32 kMagic = 0x4d535257;  // "MSRW"
constexpr quint32 kVersion = 1;

struct WordStyle {
    FontSpec font;
    QColor ink, paper;
};

// Plain, legible renderings that differ in face and colour, so that a unit's score is about
// the word and not about one typeface.
const std::array<WordStyle, kRenderedWordStyles>& wordStyles() {
    static const std::array<WordStyle, kRenderedWordStyles> styles = {{
        {{FontFamily::Sans, true, false, false}, QColor(0, 0, 0), QColor(255, 255, 255)},
        {{FontFamily::Serif, false, false, false}, QColor(30, 30, 30), QColor(245, 240, 225)},
        {{FontFamily::Mono, true, false, false}, QColor(255, 255, 255), QColor(40, 50, 70)},
        {{FontFamily::Sans, false, true, true}, QColor(20, 40, 140), QColor(225, 225, 225)},
    }};
    return styles;
}

std::string resolvedImageLayer(const ModelBundle& bundle, const std::string& layer) {
    const std::string name = layer.empty() ? bundle.defaultLayer() : bundle.descriptor().resolve(layer);
    if (bundle.descriptor().find(name)->tower != Tower::Image)
        throw Error(name + ": rendered words need a layer of the image tower");
    return name;
}

// [words.size(), units]: each word's spatial means, averaged over its styles.
at::Tensor scoreWords(const ModelBundle& bundle, const std::string& layer, const QStringList& words) {
    torch::NoGradGuard noGrad;
    const ModelDescriptor& descriptor = bundle.descriptor();
    std::vector<at::Tensor> inputs;
    for (const QString& w : words)
        for (const QImage& image : renderedWordImages(w, descriptor.inputResolution))
            inputs.push_back(modelInputFromImage(image, descriptor));
    CaptureRequest request;
    request.add(layer, PointCapture{false, true, false});
    const at::Tensor means = bundle.model().network().capture(torch::stack(inputs), request).points.at(layer).mean;
    return means.to(torch::kFloat32).view({static_cast<int64_t>(words.size()), kRenderedWordStyles, -1}).mean(1);
}

}  // namespace

QImage renderedWordImage(const QString& word, int side, int styleIndex) {
    const WordStyle& s = wordStyles().at(size_t(styleIndex));
    QImage image(side, side, QImage::Format_RGB888);
    image.fill(s.paper);
    TextStyle style;
    style.font = s.font;
    style.color = s.ink;
    style.pixelSize = fitPixelSize(word, style, 0.9 * side, 0.5 * side, 0.45 * side);
    drawText(image, word, style, QPointF(side / 2.0, side / 2.0));
    return image;
}

std::vector<QImage> renderedWordImages(const QString& word, int side) {
    std::vector<QImage> out;
    for (int i = 0; i < kRenderedWordStyles; ++i) out.push_back(renderedWordImage(word, side, i));
    return out;
}

std::vector<std::pair<int, float>> RenderedWordsTable::topWords(int unit, int n) const {
    std::vector<int> order(words.size());
    std::iota(order.begin(), order.end(), 0);
    n = std::min<int>(n, order.size());
    std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](int a, int b) {
        const float sa = score(a, unit), sb = score(b, unit);
        return sa != sb ? sa > sb : a < b;
    });
    std::vector<std::pair<int, float>> out;
    for (int i = 0; i < n; ++i) out.emplace_back(order[i], score(order[i], unit));
    return out;
}

std::vector<std::pair<int, float>> RenderedWordsTable::rankUnits(const std::vector<float>& wordScores, int n) const {
    std::vector<std::pair<int, float>> z;
    const int count = words.size();
    for (int u = 0; u < units && u < int(wordScores.size()); ++u) {
        double sum = 0, sq = 0;
        for (int w = 0; w < count; ++w) sum += score(w, u);
        const double mean = count ? sum / count : 0;
        for (int w = 0; w < count; ++w) sq += (score(w, u) - mean) * (score(w, u) - mean);
        const double sd = count ? std::sqrt(sq / count) : 0;
        z.emplace_back(u, float((wordScores[u] - mean) / std::max(sd, 1e-6)));
    }
    n = std::min<int>(n, z.size());
    std::partial_sort(z.begin(), z.begin() + n, z.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    z.resize(n);
    return z;
}

QString renderedWordsCachePath(const QString& cacheDir, const std::string& modelHash, const std::string& layer,
                               const QStringList& words) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::fromStdString(modelHash + '\n' + layer + '\n' + std::to_string(kVersion) + '\n'));
    h.addData(words.join(QLatin1Char('\n')).toUtf8());
    return QDir(cacheDir).filePath(QString::fromLatin1(h.result().toHex().left(32)) + QStringLiteral(".words"));
}

QString defaultRenderedWordsCacheDir() {
    return multiscopeCacheDir(QStringLiteral("rendered-words"));
}

std::optional<RenderedWordsTable> loadRenderedWords(const QString& path, const std::string& modelHash,
                                                    const std::string& layer, const QStringList& words) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    QDataStream in(&file);
    quint32 magic = 0, version = 0;
    qint32 units = 0;
    QByteArray hash, name;
    RenderedWordsTable t;
    in >> magic >> version >> hash >> name >> t.words >> units;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kVersion || hash.toStdString() != modelHash ||
        name.toStdString() != layer || t.words != words || units <= 0)
        return std::nullopt;
    t.modelHash = modelHash;
    t.layer = layer;
    t.units = units;
    t.scores.resize(std::size_t(words.size()) * units);
    const auto bytes = static_cast<int>(t.scores.size() * sizeof(float));
    if (in.readRawData(reinterpret_cast<char*>(t.scores.data()), bytes) != bytes || !in.atEnd()) return std::nullopt;
    return t;
}

void saveRenderedWords(const RenderedWordsTable& table, const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw Error(path.toStdString() + ": cannot write the rendered-words cache (" + file.errorString().toStdString() + ")");
    QDataStream out(&file);
    out << kMagic << kVersion << QByteArray::fromStdString(table.modelHash) << QByteArray::fromStdString(table.layer)
        << table.words << qint32(table.units);
    out.writeRawData(reinterpret_cast<const char*>(table.scores.data()), int(table.scores.size() * sizeof(float)));
    if (out.status() != QDataStream::Ok || !file.commit())
        throw Error(path.toStdString() + ": cannot write the rendered-words cache (" + file.errorString().toStdString() + ")");
}

RenderedWordsJob::RenderedWordsJob(std::shared_ptr<const ModelBundle> bundle, RenderedWordsRequest request)
    : m_bundle(std::move(bundle)), m_request(std::move(request)) {}

RenderedWordsJob::~RenderedWordsJob() = default;

std::string RenderedWordsJob::description() const {
    return m_request.interactive ? "Text probe: " + m_request.words.join(QStringLiteral(", ")).toStdString()
                                 : "Rendered words (" + std::to_string(m_request.words.size()) + ") at " +
                                       (m_request.layer.empty() ? m_bundle->defaultLayer() : m_request.layer);
}

Job::Step RenderedWordsJob::step(Feedback& feedback) {
    if (m_next < 0) {
        // Reading and ranking the dictionary takes a moment: here, not on the GUI thread.
        if (m_request.words.isEmpty()) m_request.words = defaultRenderedWords(*m_bundle);
        if (m_request.words.isEmpty()) throw Error("rendered words: the word list is empty");
        m_table.modelHash = m_bundle->descriptor().contentHash;
        m_table.layer = resolvedImageLayer(*m_bundle, m_request.layer);
        m_table.words = m_request.words;
        m_table.units = static_cast<int>(m_bundle->descriptor().find(m_table.layer)->units);
        m_next = 0;
        if (!m_request.cacheDir.isEmpty()) {
            const QString path = renderedWordsCachePath(m_request.cacheDir, m_table.modelHash, m_table.layer, m_table.words);
            if (auto cached = loadRenderedWords(path, m_table.modelHash, m_table.layer, m_table.words)) {
                auto out = std::make_shared<RenderedWordsOutput>();
                out->table = std::move(*cached);
                out->fromCache = true;
                m_result = out;
                return Step::Done;
            }
        }
        m_table.scores.reserve(std::size_t(m_table.words.size()) * m_table.units);
    }
    if (feedback.isCanceled()) return Step::Done;
    const int end = std::min<int>(m_table.words.size(), m_next + std::max(1, m_request.wordsPerSlice));
    const at::Tensor scores = scoreWords(*m_bundle, m_table.layer, m_table.words.mid(m_next, end - m_next)).contiguous();
    m_table.scores.insert(m_table.scores.end(), scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel());
    m_next = end;
    feedback.setProgress(double(m_next) / m_table.words.size(),
                         "word " + std::to_string(m_next) + " of " + std::to_string(m_table.words.size()));
    if (m_next < m_table.words.size()) return Step::MoreWork;
    if (!m_request.cacheDir.isEmpty())
        saveRenderedWords(m_table, renderedWordsCachePath(m_request.cacheDir, m_table.modelHash, m_table.layer, m_table.words));
    auto out = std::make_shared<RenderedWordsOutput>();
    out->table = std::move(m_table);
    m_result = out;
    return Step::Done;
}

QStringList defaultRenderedWords(const ModelBundle& bundle, QString* warning) {
    const QStringList concepts = bundle.sidecar() ? bundle.sidecar()->concepts : QStringList();
    QStringList common;
    try {
        common = commonEnglishWords();
    } catch (const Error& e) {
        if (concepts.isEmpty()) throw;
        if (warning) *warning = QString::fromStdString(e.what());
    }
    return mergeWordLists(concepts, common);
}

RenderedWordsTable scoreRenderedWords(const ModelBundle& bundle, const std::string& layer, const QStringList& words) {
    RenderedWordsJob job(std::shared_ptr<const ModelBundle>(&bundle, [](const ModelBundle*) {}),
                         RenderedWordsRequest{layer, words, {}, 16, false});
    Feedback feedback;
    while (job.step(feedback) == Job::Step::MoreWork) {
    }
    return static_cast<const RenderedWordsOutput&>(*job.takeResult()).table;
}

}  // namespace ms
