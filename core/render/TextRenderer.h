#pragma once
// Draws a string into an image in a real font, with size, colour, rotation, position and an
// optional background box. Serves rendered-word probes, typographic attacks and the
// generated training world. Headless: needs a QGuiApplication on any platform (offscreen).

#include "render/FontLibrary.h"

#include <QColor>
#include <QImage>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <optional>

namespace ms {

struct TextStyle {
    FontSpec font;
    double pixelSize = 24.0;  // the font's em size in pixels
    QColor color = Qt::black;
    double rotationDegrees = 0.0;  // clockwise, about the text's centre
    std::optional<QColor> background;  // a box behind the text
    double boxPadding = 0.25;          // box margin, as a fraction of pixelSize
};

// The text as a path centred on (0, 0), unrotated (baseline-independent: the ink box is centred).
QPainterPath textPath(const QString& text, const TextStyle& style);

// The box (background included) that drawText would cover when centred at centre.
QRectF textFootprint(const QString& text, const TextStyle& style, QPointF centre);

// Draws antialiased text centred at centre; returns the covered box (see textFootprint).
QRectF drawText(QImage& image, const QString& text, const TextStyle& style, QPointF centre);

// The largest pixel size (≤ maxPixelSize) at which the text's rotated footprint fits in
// maxWidth × maxHeight.
double fitPixelSize(const QString& text, TextStyle style, double maxWidth, double maxHeight, double maxPixelSize);

}  // namespace ms
