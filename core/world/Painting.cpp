#include "world/Painting.h"

#include "world/Palette.h"
#include "world/Rng.h"

#include <QLinearGradient>
#include <QPainter>
#include <QRadialGradient>

#include <algorithm>

namespace ms {

Placement randomPlacement(Rng& rng, int size, double minSpanFraction, double maxSpanFraction, double maxRotation) {
    Placement p;
    p.span = size * rng.uniform(minSpanFraction, maxSpanFraction);
    p.rotation = rng.uniform(-maxRotation, maxRotation);
    // A rotated square of side span fits in a circle of radius span·√2/2; keep that box inside
    // when possible, else just the unrotated box.
    const double half = std::min(p.span * 0.5 * (std::abs(std::sin(p.rotation * M_PI / 180)) +
                                                 std::abs(std::cos(p.rotation * M_PI / 180))),
                                 size * 0.5);
    p.centre = QPointF(rng.uniform(half, size - half), rng.uniform(half, size - half));
    return p;
}

QTransform artTransform(const ConceptArt& art, const Placement& placement) {
    const QRectF box = art.body.boundingRect().united(art.details.boundingRect());
    const double scale = placement.span / std::max(box.width(), box.height());
    QTransform t;
    t.translate(placement.centre.x(), placement.centre.y());
    t.rotate(placement.rotation);
    t.scale(scale, scale);
    t.translate(-box.center().x(), -box.center().y());
    return t;
}

void paintGradientBackground(QImage& image, Rng& rng, double minValue, double maxValue) {
    const double angle = rng.uniform(0, 2 * M_PI), s = image.width();
    QLinearGradient g(QPointF(s / 2 - s / 2 * std::cos(angle), s / 2 - s / 2 * std::sin(angle)),
                      QPointF(s / 2 + s / 2 * std::cos(angle), s / 2 + s / 2 * std::sin(angle)));
    g.setColorAt(0, mutedColour(rng, minValue, maxValue));
    g.setColorAt(1, mutedColour(rng, minValue, maxValue));
    QPainter painter(&image);
    painter.fillRect(image.rect(), g);
}

void paintClutter(QImage& image, Rng& rng, double amount) {
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const int count = static_cast<int>(amount * rng.uniform(4, 14));
    const double s = image.width();
    for (int i = 0; i < count; ++i) {
        QColor c = mutedColour(rng, 0.2, 0.95);
        c.setAlphaF(static_cast<float>(rng.uniform(0.15, 0.45)));
        const QPointF a(rng.uniform(0, s), rng.uniform(0, s));
        const double w = rng.uniform(0.05, 0.4) * s, h = rng.uniform(0.05, 0.4) * s;
        switch (rng.below(3)) {
        case 0: painter.setPen(Qt::NoPen); painter.setBrush(c); painter.drawEllipse(a, w / 2, h / 2); break;
        case 1: painter.setPen(Qt::NoPen); painter.setBrush(c); painter.drawRect(QRectF(a, QSizeF(w, h))); break;
        default:
            painter.setPen(QPen(c, rng.uniform(1, 0.03 * s + 1)));
            painter.drawLine(a, QPointF(rng.uniform(0, s), rng.uniform(0, s)));
        }
    }
}

void paintLighting(QImage& image, Rng& rng) {
    const double s = image.width();
    QPainter painter(&image);
    QRadialGradient light(QPointF(rng.uniform(0, s), rng.uniform(0, s)), rng.uniform(0.4, 1.0) * s);
    light.setColorAt(0, QColor(255, 255, 240, static_cast<int>(rng.uniform(20, 80))));
    light.setColorAt(1, QColor(255, 255, 240, 0));
    painter.fillRect(image.rect(), light);
    QRadialGradient vignette(QPointF(s / 2, s / 2), s * 0.75);
    vignette.setColorAt(0.6, QColor(0, 0, 0, 0));
    vignette.setColorAt(1, QColor(0, 0, 0, static_cast<int>(rng.uniform(20, 90))));
    painter.fillRect(image.rect(), vignette);
}

void addNoise(QImage& image, Rng& rng, double sigma) {
    if (sigma <= 0) return;
    for (int y = 0; y < image.height(); ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            auto clamp = [](double v) { return static_cast<int>(std::clamp(v, 0.0, 255.0)); };
            const double n = rng.normal() * sigma;  // luminance noise plus a little colour noise
            line[x] = qRgb(clamp(qRed(line[x]) + n + rng.normal() * sigma * 0.3),
                           clamp(qGreen(line[x]) + n + rng.normal() * sigma * 0.3),
                           clamp(qBlue(line[x]) + n + rng.normal() * sigma * 0.3));
        }
    }
}

void paintPhotoObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& colour, Rng& rng) {
    painter.setRenderHint(QPainter::Antialiasing);
    const QPainterPath body = t.map(art.body);
    const QRectF box = body.boundingRect();
    // A soft shadow, offset away from the light.
    const double offset = 0.04 * std::max(box.width(), box.height());
    painter.fillPath(body.translated(offset, offset), QColor(0, 0, 0, static_cast<int>(rng.uniform(40, 100))));
    // Shading: lighter towards a random side.
    const double angle = rng.uniform(0, 2 * M_PI);
    const QPointF c = box.center(), d(std::cos(angle) * box.width() / 2, std::sin(angle) * box.height() / 2);
    QLinearGradient shade(c - d, c + d);
    shade.setColorAt(0, colour.lighter(static_cast<int>(rng.uniform(125, 160))));
    shade.setColorAt(1, colour.darker(static_cast<int>(rng.uniform(130, 180))));
    painter.fillPath(body, shade);
    painter.setPen(QPen(colour.darker(220), std::max(1.0, 0.02 * box.width()), Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(t.map(art.details));
}

void paintIconObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& fill,
                     const QColor& outline, double outlineWidth) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(outline, outlineWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(fill);
    painter.drawPath(t.map(art.body));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(t.map(art.details));
}

namespace {

// A hand-drawn version of a polyline: points every few pixels, displaced by a smooth random walk.
QPolygonF jitterPolyline(const QPolygonF& poly, double amplitude, Rng& rng) {
    QPolygonF out;
    QPointF drift(0, 0);
    for (int i = 0; i + 1 < poly.size(); ++i) {
        const QPointF a = poly[i], b = poly[i + 1];
        const int steps = std::max(1, static_cast<int>(QLineF(a, b).length() / 3.0));
        for (int k = 0; k < steps; ++k) {
            drift = drift * 0.85 + QPointF(rng.normal(), rng.normal()) * amplitude * 0.35;
            out << a + (b - a) * (double(k) / steps) + drift;
        }
    }
    if (!poly.isEmpty()) out << poly.last() + drift;
    return out;
}

void drawJittered(QPainter& painter, const QPainterPath& path, double amplitude, Rng& rng) {
    for (const QPolygonF& poly : path.toSubpathPolygons()) painter.drawPolyline(jitterPolyline(poly, amplitude, rng));
}

}  // namespace

void paintDrawnObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& ink, double width,
                      Rng& rng) {
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(ink, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    const double amplitude = 0.6 + 0.15 * width;
    drawJittered(painter, t.map(art.body), amplitude, rng);
    drawJittered(painter, t.map(art.details), amplitude, rng);
}

}  // namespace ms
