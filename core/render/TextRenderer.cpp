#include "render/TextRenderer.h"

#include <QPainter>
#include <QRawFont>
#include <QTransform>

namespace ms {
namespace {

// Glyph outlines at the font library's reference size, laid out along the baseline.
QPainterPath referencePath(const QString& text, const FontSpec& spec) {
    const QRawFont font = FontLibrary::load(spec);
    const QList<quint32> glyphs = font.glyphIndexesForString(text);
    const QList<QPointF> advances = font.advancesForGlyphIndexes(glyphs);
    QPainterPath path;
    QPointF pen(0, 0);
    for (int i = 0; i < glyphs.size(); ++i) {
        path.addPath(font.pathForGlyph(glyphs[i]).translated(pen));
        pen += advances[i];
    }
    return path;
}

QPainterPath boxPath(const QRectF& inkBox, const TextStyle& style) {
    const double pad = style.boxPadding * style.pixelSize;
    QPainterPath box;
    box.addRect(inkBox.adjusted(-pad, -pad, pad, pad));
    return box;
}

QTransform placement(const TextStyle& style, QPointF centre) {
    QTransform t;
    t.translate(centre.x(), centre.y());
    t.rotate(style.rotationDegrees);
    return t;
}

}  // namespace

QPainterPath textPath(const QString& text, const TextStyle& style) {
    QPainterPath path = referencePath(text, style.font);
    const double scale = style.pixelSize / FontLibrary::kReferencePixelSize;
    const QRectF ink = path.boundingRect();
    QTransform t;
    t.scale(scale, scale);
    t.translate(-ink.center().x(), -ink.center().y());
    return t.map(path);
}

QRectF textFootprint(const QString& text, const TextStyle& style, QPointF centre) {
    const QPainterPath path = textPath(text, style);
    const QPainterPath covered = style.background ? boxPath(path.boundingRect(), style) : path;
    return placement(style, centre).map(covered).boundingRect();
}

QRectF drawText(QImage& image, const QString& text, const TextStyle& style, QPointF centre) {
    const QPainterPath path = textPath(text, style);
    const QTransform t = placement(style, centre);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    QPainterPath covered = path;
    if (style.background) {
        covered = boxPath(path.boundingRect(), style);
        painter.fillPath(t.map(covered), *style.background);
    }
    painter.fillPath(t.map(path), style.color);
    return t.map(covered).boundingRect();
}

double fitPixelSize(const QString& text, TextStyle style, double maxWidth, double maxHeight, double maxPixelSize) {
    style.pixelSize = FontLibrary::kReferencePixelSize;
    const QRectF reference = textFootprint(text, style, QPointF(0, 0));
    if (reference.width() <= 0 || reference.height() <= 0) return maxPixelSize;
    const double scale = std::min(maxWidth / reference.width(), maxHeight / reference.height());
    return std::min(maxPixelSize, FontLibrary::kReferencePixelSize * scale);
}

}  // namespace ms
