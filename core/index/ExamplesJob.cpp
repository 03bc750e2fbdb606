#include "index/ExamplesJob.h"

#include "index/IndexReader.h"
#include "jobs/Feedback.h"

#include <QDir>
#include <QImageReader>

#include <algorithm>

namespace ms {

Job::Step ExamplesJob::step(Feedback& feedback) {
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
    m_result = out;
    return Step::Done;
}

}  // namespace ms
