#include "analysis/ProbeJob.h"

#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/Probe.h"
#include "analysis/ZeroShot.h"
#include "index/IndexReader.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ms {

class ProbeMemo {
public:
    // The classifier for these labels and templates on this bundle (rebuilt when they change).
    const ZeroShotClassifier& classifier(const std::shared_ptr<const ModelBundle>& bundle, const QStringList& labels,
                                         const QStringList& templates) {
        if (!m_classifier || bundle != m_bundle || labels != m_labels || templates != m_templates) {
            m_classifier = std::make_unique<ZeroShotClassifier>(bundle->model().network(), tokenizeFnFor(*bundle), labels, templates,
                                                                promptEnsembleFor(*bundle));
            m_bundle = bundle;
            m_labels = labels;
            m_templates = templates;
            m_cleanKey = 0;  // its probabilities depend on the labels
        }
        return *m_classifier;
    }
    bool hasClean(qint64 key, const std::string& layer) const { return m_cleanKey == key && m_cleanLayer == layer; }
    const ProbeValues& clean() const { return m_clean; }
    void setClean(qint64 key, const std::string& layer, ProbeValues values) {
        m_cleanKey = key;
        m_cleanLayer = layer;
        m_clean = std::move(values);
    }

private:
    std::shared_ptr<const ModelBundle> m_bundle;
    QStringList m_labels, m_templates;
    std::unique_ptr<ZeroShotClassifier> m_classifier;
    qint64 m_cleanKey = 0;
    std::string m_cleanLayer;
    ProbeValues m_clean;
};

std::shared_ptr<ProbeMemo> makeProbeMemo() { return std::make_shared<ProbeMemo>(); }

namespace {

std::vector<float> toVector(const at::Tensor& t) {
    const at::Tensor c = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

ProbeValues pass(const ModelBundle& bundle, const ZeroShotClassifier& classifier, const QImage& view, const std::string& layer,
                 const std::vector<int>& ablated = {}, const std::vector<float>& values = {}) {
    const ProbeResult r = probeImage(bundle.model().network(), classifier, modelInputFromImage(view, bundle.descriptor()), layer,
                                     ProbeOptions{true, ablated, values});
    ProbeValues v;
    v.units = static_cast<int>(r.unitMeans.size(0));
    v.gridWidth = r.gridWidth;
    v.gridHeight = r.gridHeight;
    v.means = toVector(r.unitMeans);
    v.maxima = toVector(r.unitMaxima);
    v.maps = toVector(r.unitMaps);
    v.probabilities = toVector(r.probabilities);
    return v;
}

// Each unit's mean (of the per-picture spatial means) over the indexed pictures.
std::vector<float> indexMeans(const std::vector<std::pair<QString, QString>>& indexes, const std::string& modelHash,
                              const std::string& layer, const std::vector<int>& units) {
    std::vector<double> sum(units.size(), 0.0);
    int64_t count = 0;
    for (const auto& index : indexes) {
        const auto reader = IndexReader::open(index.second.toStdString(), modelHash);
        for (size_t i = 0; i < units.size(); ++i) {
            int64_t n = 0;
            for (float v : reader->unitColumn(layer, units[i], ScoreKind::Mean))
                if (std::isfinite(v)) sum[i] += v, ++n;
            if (i == 0) count += n;
        }
    }
    if (count == 0) throw std::runtime_error("mean ablation needs indexed pictures of this layer: add a folder in Image folders");
    std::vector<float> means;
    for (double s : sum) means.push_back(float(s / count));
    return means;
}

}  // namespace

std::vector<int> ProbeValues::ranking() const {
    std::vector<int> order(means.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) { return means[size_t(a)] > means[size_t(b)]; });
    return order;
}

ProbeJob::ProbeJob(std::shared_ptr<const ModelBundle> bundle, ProbeRequest request, std::shared_ptr<ProbeMemo> memo)
    : m_bundle(std::move(bundle)), m_request(std::move(request)), m_memo(std::move(memo)) {}

ProbeJob::~ProbeJob() = default;

Job::Step ProbeJob::step(Feedback&) {
    const ModelDescriptor& d = m_bundle->descriptor();
    const CapturePointInfo& point = d.point(m_request.layer.empty() ? m_bundle->defaultLayer() : m_request.layer);
    if (m_request.labels.isEmpty()) throw std::runtime_error("no zero-shot labels: add some in Labels…");
    const QStringList& labels = m_request.labels;
    const ZeroShotClassifier& classifier = m_memo->classifier(m_bundle, labels, m_request.templates);
    if (m_request.view.isNull() && m_request.sourcePath.empty() && m_request.source.isNull())
        throw std::runtime_error("the dropped data is not an image Multiscope can read");
    if (m_request.view.isNull())
        m_request.view = !m_request.sourcePath.empty() ? modelViewFromFile(m_request.sourcePath, d) : modelViewFromImage(m_request.source, d);
    auto out = std::make_shared<ProbeOutput>();
    out->layer = point.name;
    out->labels = labels;
    out->clean = m_request.view;
    const qint64 key = m_request.view.cacheKey();
    if (!m_memo->hasClean(key, point.name)) m_memo->setClean(key, point.name, pass(*m_bundle, classifier, m_request.view, point.name));
    out->cleanValues = m_memo->clean();
    if (!m_request.overlays.empty() || !m_request.ablated.empty()) {
        QImage edited = m_request.view;
        for (const WordOverlay& o : m_request.overlays) edited = applyWordOverlay(edited, o);
        out->edited = edited;
        out->ablated = m_request.ablated;
        if (!m_request.ablated.empty() && !m_request.meanFrom.empty())
            out->ablatedValues = indexMeans(m_request.meanFrom, d.contentHash, point.name, m_request.ablated);
        out->editedValues = pass(*m_bundle, classifier, edited, point.name, m_request.ablated, out->ablatedValues);
    }
    m_result = out;
    return Step::Done;
}

}  // namespace ms
