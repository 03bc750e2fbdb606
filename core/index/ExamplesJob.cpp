#include "index/ExamplesJob.h"

#include "analysis/ModelInput.h"
#include "index/IndexReader.h"
#include "jobs/Feedback.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"

#include <QDir>
#include <QImageReader>

#include <torch/torch.h>

#include <algorithm>

namespace ms {

Job::Step ExamplesJob::step(Feedback& feedback) {
    if (!m_pending) return findPictures(feedback);
    if (feedback.isCanceled()) return Step::Done;
    computeMaps(4);
    if (m_nextMap < m_pending->images.size()) return Step::MoreWork;
    m_result = m_pending;
    return Step::Done;
}

Job::Step ExamplesJob::findPictures(Feedback& feedback) {
    auto out = std::make_shared<ExamplesOutput>();
    out->request = m_request;
    for (const auto& [images, index] : m_request.indexes) {
        try {
            const auto reader = IndexReader::open(index.toStdString(), m_request.modelHash);
            const IndexLayerInfo& layer = reader->layer(m_request.layer);
            for (const TopHit& hit : reader->top(m_request.layer, m_request.unit, m_request.k, m_request.bottom)) {
                ExampleImage e;
                e.path = QDir(images).filePath(QString::fromStdString(hit.path));
                e.score = hit.score;
                e.x = hit.x;
                e.y = hit.y;
                e.gridWidth = int(layer.gridWidth);
                e.gridHeight = int(layer.gridHeight);
                out->images.push_back(std::move(e));
            }
        } catch (const std::exception& e) {
            out->problems << QStringLiteral("%1: %2").arg(images, QString::fromUtf8(e.what()));
        }
        if (feedback.isCanceled()) return Step::Done;
    }
    std::stable_sort(out->images.begin(), out->images.end(), [this](const ExampleImage& a, const ExampleImage& b) {
        if (a.score != b.score) return m_request.bottom ? a.score < b.score : a.score > b.score;
        return a.path < b.path;
    });
    if (int(out->images.size()) > m_request.k) out->images.resize(size_t(m_request.k));
    for (ExampleImage& e : out->images) {
        // The central square: what CLIP's resize + centre crop keeps, so the grid cells of the
        // activation map lie on it.
        QImageReader reader(e.path);
        const QSize size = reader.size();
        if (size.isValid()) {
            const int side = std::min(size.width(), size.height());
            reader.setClipRect(QRect((size.width() - side) / 2, (size.height() - side) / 2, side, side));
            reader.setScaledSize(QSize(m_request.thumbSize, m_request.thumbSize));
        }
        e.thumbnail = reader.read();
        if (feedback.isCanceled()) return Step::Done;
    }
    if (m_request.bundle && !out->images.empty()) {
        feedback.publishPartial(std::make_shared<ExamplesOutput>(*out));  // the pictures now, the maps next
        m_pending = out;
        return Step::MoreWork;
    }
    m_result = out;
    return Step::Done;
}

void ExamplesJob::computeMaps(size_t count) {
    const ModelDescriptor& descriptor = m_request.bundle->descriptor();
    const CapturePointInfo& point = descriptor.point(m_request.layer);
    torch::NoGradGuard noGrad;
    std::vector<at::Tensor> inputs;
    std::vector<ExampleImage*> targets;
    for (; m_nextMap < m_pending->images.size() && targets.size() < count; ++m_nextMap) {
        ExampleImage& e = m_pending->images[m_nextMap];
        try {
            inputs.push_back(modelInputFromFile(e.path.toStdString(), descriptor));
            targets.push_back(&e);
        } catch (const std::exception&) {  // unreadable since indexing: the peak cell only
        }
    }
    if (inputs.empty()) return;
    CaptureRequest request;
    request.add(point.name, PointCapture{true, false, false});
    const at::Tensor full = m_request.bundle->model().network().capture(torch::stack(inputs), request).points.at(point.name).full;
    for (size_t i = 0; i < targets.size(); ++i) {
        at::Tensor map;
        if (point.layout == PointLayout::Conv) map = full[int64_t(i)][m_request.unit];
        else if (point.layout == PointLayout::Tokens && point.hasClassToken)  // ViT: the patch grid, class token left out
            map = full[int64_t(i)].select(1, m_request.unit).slice(0, 1).view({point.gridHeight, point.gridWidth});
        else continue;
        map = map.to(torch::kFloat32).contiguous();
        targets[i]->map.assign(map.data_ptr<float>(), map.data_ptr<float>() + map.numel());
    }
}

}  // namespace ms
