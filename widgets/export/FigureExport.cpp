#include "export/FigureExport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

#include <cmath>

namespace ms {
namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

const char* formatName(FigureFormat f) {
    switch (f) {
    case FigureFormat::Svg: return "svg";
    case FigureFormat::Pdf: return "pdf";
    default: return "png";
    }
}

bool writeProvenance(const QString& path, const FigureSpec& spec, FigureFormat format, QString* error) {
    QJsonObject json = spec.provenance;
    json[QStringLiteral("file")] = QFileInfo(path).fileName();
    json[QStringLiteral("format")] = QLatin1String(formatName(format));
    json[QStringLiteral("title")] = spec.title;
    json[QStringLiteral("size")] = QJsonObject{{"width", spec.size.width()}, {"height", spec.size.height()}};
    if (format == FigureFormat::Png) json[QStringLiteral("dpi")] = spec.dpi;
    json[QStringLiteral("app")] = QStringLiteral("Multiscope");
    json[QStringLiteral("app_version")] = QStringLiteral(MULTISCOPE_VERSION);
    json[QStringLiteral("date")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return writeDataFile(provenancePath(path), QJsonDocument(json).toJson(), error);
}

}  // namespace

bool writeDataFile(const QString& path, const QByteArray& bytes, QString* error) {
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit()) return true;
    return fail(error, QCoreApplication::translate("ms::FigureExport", "Cannot write %1: %2").arg(path, file.errorString()));
}

FigureFormat figureFormatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
    return FigureFormat::Png;
}

QString figureFileFilter() {
    return QCoreApplication::translate("ms::FigureExport", "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)");
}

QString provenancePath(const QString& figurePath) { return figurePath + QStringLiteral(".json"); }

bool exportFigure(const QString& path, const FigureSpec& spec, const std::function<void(QPainter&, const QRectF&)>& paint,
                  QString* error) {
    const FigureFormat format = figureFormatFor(path);
    const QRectF rect(QPointF(0, 0), QSizeF(spec.size));
    const QString cannot = QCoreApplication::translate("ms::FigureExport", "Cannot write %1").arg(path);
    if (format == FigureFormat::Svg) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(spec.size);
        svg.setViewBox(rect);
        svg.setTitle(spec.title);
        svg.setDescription(QStringLiteral("Multiscope " MULTISCOPE_VERSION));
        QPainter painter;
        if (!painter.begin(&svg)) return fail(error, cannot);
        paint(painter, rect);
        if (!painter.end()) return fail(error, cannot);
    } else if (format == FigureFormat::Pdf) {
        QPdfWriter pdf(path);
        pdf.setTitle(spec.title);
        pdf.setCreator(QStringLiteral("Multiscope " MULTISCOPE_VERSION));
        pdf.setResolution(72);  // one unit = one point: the figure's logical size is its page size
        pdf.setPageLayout(QPageLayout(QPageSize(QSizeF(spec.size), QPageSize::Point), QPageLayout::Portrait, QMarginsF()));
        QPainter painter;
        if (!painter.begin(&pdf)) return fail(error, cannot);
        paint(painter, rect);
        if (!painter.end()) return fail(error, cannot);
    } else {
        const double scale = spec.dpi / 96.0;
        QImage image(QSize(std::lround(spec.size.width() * scale), std::lround(spec.size.height() * scale)), QImage::Format_ARGB32);
        image.fill(Qt::white);
        image.setDotsPerMeterX(std::lround(spec.dpi / 0.0254));
        image.setDotsPerMeterY(std::lround(spec.dpi / 0.0254));
        image.setText(QStringLiteral("Title"), spec.title);
        image.setText(QStringLiteral("Software"), QStringLiteral("Multiscope " MULTISCOPE_VERSION));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale);
        paint(painter, rect);
        painter.end();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) return fail(error, cannot);
    }
    return writeProvenance(path, spec, format, error);
}

bool exportWidgetFigure(const QString& path, QWidget* widget, FigureSpec spec, QString* error) {
    // Charts lay out their scenes in posted events: let a fresh result settle first.
    QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    spec.size = widget->size();
    return exportFigure(path, spec, [widget](QPainter& painter, const QRectF& rect) {
        widget->render(&painter, rect.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
    }, error);
}

}  // namespace ms
