#include "export/NeuronCard.h"

#include <QCoreApplication>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QWidget>

#include <algorithm>

namespace ms {
namespace {

constexpr int kWidth = 820, kHeight = 640, kMargin = 16, kTop = 64, kPanel = 252, kChartTop = kTop + kPanel + 28;
constexpr int kGrid = 3;

QString tr(const char* text) { return QCoreApplication::translate("ms::NeuronCard", text); }

void heading(QPainter& p, const QRectF& at, const QString& text) {
    QFont f = p.font();
    f.setPixelSize(12);
    f.setBold(true);
    p.setFont(f);
    p.setPen(QColor(70, 70, 70));
    p.drawText(at, Qt::AlignLeft | Qt::AlignBottom, text);
}

void placeholder(QPainter& p, const QRectF& box, const QString& text) {
    p.setPen(QPen(QColor(200, 200, 200), 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    QFont f = p.font();
    f.setBold(false);
    p.setFont(f);
    p.setPen(QColor(150, 150, 150));
    p.drawText(box, Qt::AlignCenter | Qt::TextWordWrap, text);
}

}  // namespace

QSize neuronCardSize() { return {kWidth, kHeight}; }

void paintNeuronCard(QPainter& p, const QRectF& rect, const NeuronCardContent& card) {
    p.save();
    p.translate(rect.topLeft());
    p.scale(rect.width() / kWidth, rect.height() / kHeight);
    p.fillRect(QRectF(0, 0, kWidth, kHeight), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);

    QFont title = p.font();
    title.setPixelSize(20);
    title.setBold(true);
    p.setFont(title);
    p.setPen(Qt::black);
    const QString unitName = QStringLiteral("%1:%2").arg(card.layer).arg(card.unit);
    p.drawText(QRectF(kMargin, 8, kWidth - 2 * kMargin, 28), Qt::AlignLeft | Qt::AlignVCenter,
               card.label.isEmpty() ? unitName : QStringLiteral("%1 — %2").arg(unitName, card.label));
    QFont small = p.font();
    small.setPixelSize(11);
    small.setBold(false);
    p.setFont(small);
    p.setPen(QColor(90, 90, 90));
    p.drawText(QRectF(kMargin, 36, kWidth - 2 * kMargin, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("%1 (%2)   %3").arg(card.modelName, card.modelHash.left(12), card.address));

    // Feature visualization.
    const QRectF fv(kMargin, kTop + 18, kPanel - 18, kPanel - 18);
    heading(p, QRectF(kMargin, kTop, kPanel, 16), tr("Feature visualization"));
    if (card.featureVis.isNull()) placeholder(p, fv, tr("not computed"));
    else p.drawImage(fv, card.featureVis);

    // Dataset examples, 3 × 3.
    const double gx = kMargin + kPanel, cell = (kPanel - 18) / double(kGrid);
    heading(p, QRectF(gx, kTop, kPanel, 16), tr("Top dataset examples"));
    const int shown = std::min<int>(kGrid * kGrid, int(card.examples.size()));
    if (shown == 0) placeholder(p, QRectF(gx, kTop + 18, kPanel - 18, kPanel - 18), tr("no indexed pictures"));
    for (int i = 0; i < shown; ++i) {
        const QRectF box(gx + (i % kGrid) * cell + 1, kTop + 18 + (i / kGrid) * cell + 1, cell - 2, cell - 2);
        p.drawImage(box, card.examples[size_t(i)]);
    }

    // Rendered words.
    const double wx = kMargin + 2 * kPanel;
    heading(p, QRectF(wx, kTop, kWidth - wx - kMargin, 16), tr("Rendered words"));
    QFont words = p.font();
    words.setPixelSize(13);
    words.setBold(false);
    p.setFont(words);
    p.setPen(Qt::black);
    if (card.words.isEmpty()) placeholder(p, QRectF(wx, kTop + 18, kWidth - wx - kMargin, kPanel - 18), tr("not scored"));
    for (int i = 0; i < std::min<int>(12, card.words.size()); ++i)
        p.drawText(QRectF(wx, kTop + 18 + i * 19, kWidth - wx - kMargin, 19), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1. %2").arg(i + 1).arg(card.words[i]));

    // The text-versus-image chart, vector.
    heading(p, QRectF(kMargin, kChartTop - 18, kWidth, 16), tr("Pictures of each concept vs its written word"));
    const QRectF chartBox(kMargin, kChartTop, kWidth - 2 * kMargin, kHeight - kChartTop - kMargin);
    if (card.chart) {
        // Laid out at the card's size (not stretched), then put back as it was.
        const QSize before = card.chart->size();
        card.chart->resize(chartBox.size().toSize());
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        p.save();
        p.translate(chartBox.topLeft());
        card.chart->render(&p, QPoint(), QRegion(), QWidget::DrawChildren);
        p.restore();
        card.chart->resize(before);
    } else {
        placeholder(p, chartBox, tr("no labelled folder indexed"));
    }
    p.restore();
}

QJsonObject neuronCardProvenance(const NeuronCardContent& card) {
    QJsonArray images;
    for (int i = 0; i < std::min<int>(kGrid * kGrid, card.examplePaths.size()); ++i)
        images.append(QJsonObject{{"path", card.examplePaths[i]},
                                  {"score", i < int(card.exampleScores.size()) ? double(card.exampleScores[size_t(i)]) : 0.0}});
    QJsonObject fv;
    if (!card.featureVisRequest.isEmpty()) fv = QJsonDocument::fromJson(card.featureVisRequest.toUtf8()).object();
    return QJsonObject{{"model", card.modelName},
                       {"model_hash", card.modelHash},
                       {"layer", card.layer},
                       {"unit", card.unit},
                       {"label", card.label},
                       {"address", card.address},
                       {"images", images},
                       {"feature_visualization", fv.isEmpty() ? QJsonValue() : QJsonValue(fv)},
                       {"rendered_words", QJsonArray::fromStringList(card.words.mid(0, 12))}};
}

}  // namespace ms
