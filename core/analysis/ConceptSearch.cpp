#include "analysis/ConceptSearch.h"

#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/ZeroShot.h"
#include "index/IndexReader.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
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
#include <map>

namespace ms {
namespace {

constexpr quint32 kMagic = 0x4d53454d;  // "MSEM"
constexpr quint32 kVersion = 1;

// One index's pictures: their normalised embeddings by row (zeros where a picture could not
// be read or is not queryable).
struct IndexEmbeddings {
    QString folder, dir, cachePath;
    std::unique_ptr<IndexReader> reader;
    std::vector<std::pair<int64_t, std::string>> rows;  // queryable (row, path)
    at::Tensor embeddings;                              // [rowCount, dim]
    size_t next = 0;                                    // into rows
};

QString cachePathFor(const QString& cacheDir, const IndexReader& reader, const std::string& modelHash) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::fromStdString(modelHash + '\n' + reader.info().dir + '\n' + std::to_string(reader.rowCount()) +
                                        '\n' + std::to_string(reader.info().images)));
    return QDir(cacheDir).filePath(QString::fromLatin1(h.result().toHex().left(32)) + QStringLiteral(".emb"));
}

bool loadCache(IndexEmbeddings& e, int64_t dim) {
    QFile file(e.cachePath);
    if (e.cachePath.isEmpty() || !file.open(QIODevice::ReadOnly)) return false;
    QDataStream in(&file);
    quint32 magic = 0, version = 0;
    qint64 rows = 0, d = 0;
    in >> magic >> version >> rows >> d;
    if (in.status() != QDataStream::Ok || magic != kMagic || version != kVersion || rows != e.reader->rowCount() || d != dim)
        return false;
    at::Tensor t = torch::empty({rows, dim});
    const int bytes = int(t.numel() * sizeof(float));
    if (in.readRawData(reinterpret_cast<char*>(t.data_ptr<float>()), bytes) != bytes || !in.atEnd()) return false;
    e.embeddings = t;
    e.next = e.rows.size();
    return true;
}

void saveCache(const IndexEmbeddings& e) {
    if (e.cachePath.isEmpty()) return;
    QDir().mkpath(QFileInfo(e.cachePath).absolutePath());
    QSaveFile file(e.cachePath);
    if (!file.open(QIODevice::WriteOnly)) return;  // a cache that cannot be written only costs time
    QDataStream out(&file);
    out << kMagic << kVersion << qint64(e.embeddings.size(0)) << qint64(e.embeddings.size(1));
    const at::Tensor t = e.embeddings.contiguous();
    out.writeRawData(reinterpret_cast<const char*>(t.data_ptr<float>()), int(t.numel() * sizeof(float)));
    file.commit();
}

}  // namespace

struct ConceptSearchJob::State {
    std::string layer;
    std::vector<IndexEmbeddings> indexes;
    QStringList problems;
    size_t current = 0;
};

QString defaultEmbeddingsCacheDir() {
    return multiscopeCacheDir(QStringLiteral("embeddings"));
}

ConceptSearchJob::ConceptSearchJob(std::shared_ptr<const ModelBundle> bundle, ConceptSearchRequest request)
    : m_bundle(std::move(bundle)), m_request(std::move(request)) {}

ConceptSearchJob::~ConceptSearchJob() = default;

Job::Step ConceptSearchJob::step(Feedback& feedback) {
    const ModelDescriptor& descriptor = m_bundle->descriptor();
    const ClipNetwork& network = m_bundle->model().network();
    if (!m_state) {  // open the indexes, read cached embeddings
        if (m_request.concept.trimmed().isEmpty()) throw Error("concept search: no concept given");
        m_state = std::make_unique<State>();
        m_state->layer = m_request.layer.empty() ? m_bundle->defaultLayer() : descriptor.resolve(m_request.layer);
        const int64_t dim = m_bundle->model().config().embedDim;
        for (const auto& [folder, dir] : m_request.indexes) {
            try {
                IndexEmbeddings e;
                e.folder = folder;
                e.dir = dir;
                e.reader = IndexReader::open(dir.toStdString(), descriptor.contentHash);
                e.reader->layer(m_state->layer);  // throws when the layer was not indexed
                e.rows = e.reader->rowPaths();
                if (!m_request.cacheDir.isEmpty()) e.cachePath = cachePathFor(m_request.cacheDir, *e.reader, descriptor.contentHash);
                if (!loadCache(e, dim)) e.embeddings = torch::zeros({e.reader->rowCount(), dim});
                m_state->indexes.push_back(std::move(e));
            } catch (const std::exception& ex) {
                m_state->problems << QStringLiteral("%1: %2").arg(folder, QString::fromUtf8(ex.what()));
            }
        }
        return Step::MoreWork;
    }
    // Embed the next slice of pictures of the first index still missing some.
    while (m_state->current < m_state->indexes.size() && m_state->indexes[m_state->current].next >= m_state->indexes[m_state->current].rows.size()) {
        saveCache(m_state->indexes[m_state->current]);
        ++m_state->current;
    }
    if (m_state->current < m_state->indexes.size()) {
        if (feedback.isCanceled()) return Step::Done;
        IndexEmbeddings& e = m_state->indexes[m_state->current];
        torch::NoGradGuard noGrad;
        std::vector<at::Tensor> inputs;
        std::vector<int64_t> rows;
        const QDir folder(e.folder);
        const size_t end = std::min(e.rows.size(), e.next + size_t(std::max(1, m_request.imagesPerSlice)));
        for (; e.next < end; ++e.next) {
            const auto& [row, path] = e.rows[e.next];
            try {
                inputs.push_back(modelInputFromFile(folder.filePath(QString::fromStdString(path)).toStdString(), descriptor));
                rows.push_back(row);
            } catch (const std::exception&) {  // moved or unreadable since indexing: no embedding
            }
        }
        if (!inputs.empty()) {
            const at::Tensor emb = network.encodeImage(torch::stack(inputs)).to(torch::kFloat32);
            e.embeddings.index_copy_(0, torch::tensor(rows), emb / emb.norm(2, 1, true).clamp_min(1e-12));
        }
        size_t total = 0, done = 0;
        for (const auto& i : m_state->indexes) total += i.rows.size(), done += i.next;
        feedback.setProgress(double(done) / std::max<size_t>(1, total), "embedding pictures");
        return Step::MoreWork;
    }
    // Rank the units.
    torch::NoGradGuard noGrad;
    const ZeroShotClassifier text(network, tokenizeFnFor(*m_bundle), {m_request.concept}, promptTemplatesFor(*m_bundle));
    const at::Tensor concept = text.labelEmbeddings()[0].to(torch::kFloat32);  // normalised
    auto out = std::make_shared<ConceptSearchOutput>();
    out->request = m_request;
    out->layer = m_state->layer;
    out->problems = m_state->problems;
    const int units = int(descriptor.find(m_state->layer)->units);
    std::vector<double> sum(size_t(units), 0.0);
    std::vector<int> count(size_t(units), 0);
    for (const IndexEmbeddings& e : m_state->indexes) {
        const at::Tensor similarity = e.embeddings.matmul(concept).contiguous();  // [rows]; 0 for pictures with none
        const at::Tensor filled = e.embeddings.abs().sum(1).gt(0);
        out->pictures += int(filled.sum().item<int64_t>());
        const float* s = similarity.data_ptr<float>();
        const bool* ok = filled.data_ptr<bool>();
        for (int u = 0; u < units; ++u)
            for (const TopHit& hit : e.reader->top(m_state->layer, u, m_request.examplesPerUnit))
                if (hit.row >= 0 && ok[hit.row]) {
                    sum[size_t(u)] += s[hit.row];
                    ++count[size_t(u)];
                }
    }
    for (int u = 0; u < units; ++u)
        if (count[size_t(u)] > 0) out->units.push_back({u, float(sum[size_t(u)] / count[size_t(u)]), count[size_t(u)]});
    std::stable_sort(out->units.begin(), out->units.end(), [](const UnitMatch& a, const UnitMatch& b) { return a.similarity > b.similarity; });
    m_result = out;
    return Step::Done;
}

}  // namespace ms
