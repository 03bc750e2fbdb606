#pragma once
// Publication figures: anything that can paint itself is written as PNG (at a chosen DPI),
// SVG or PDF (vector where the content is vector: charts, text), chosen by the file's suffix,
// and every figure gets a JSON sidecar (<file>.json) with its provenance — model name and
// hash, layer, unit, images used, feature-visualization request, app version, date — so that
// a figure in a paper can be traced back and remade.

#include <QByteArray>
#include <QJsonObject>
#include <QSize>
#include <QString>

#include <functional>

class QPainter;
class QRectF;
class QWidget;

namespace ms {

enum class FigureFormat { Png, Svg, Pdf };

// By suffix (case-insensitive); nullopt-like: Png for anything else.
FigureFormat figureFormatFor(const QString& path);
QString figureFileFilter();  // "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"

struct FigureSpec {
    QSize size{800, 500};   // logical size in points (1/72 inch for PDF, pixels at 96 DPI for SVG)
    int dpi = 300;          // PNG resolution
    QString title;          // SVG/PDF title, PNG text
    QJsonObject provenance;  // merged into the sidecar
};

// Paints `paint` into a `size` rectangle in the path's format and writes the sidecar.
// False (with `error`) when a file cannot be written.
bool exportFigure(const QString& path, const FigureSpec& spec, const std::function<void(QPainter&, const QRectF&)>& paint,
                  QString* error = nullptr);

// A widget (a chart view, a panel) rendered as a figure of its current size.
bool exportWidgetFigure(const QString& path, QWidget* widget, FigureSpec spec, QString* error = nullptr);

// Writes a data file (a CSV or JSON beside a figure) atomically: all of `bytes` or nothing.
// False (with `error`: "Cannot write <path>: <reason>") when it cannot.
bool writeDataFile(const QString& path, const QByteArray& bytes, QString* error = nullptr);

// The sidecar's path for a figure: "<path>.json".
QString provenancePath(const QString& figurePath);

}  // namespace ms
