#pragma once
// The painting steps the generated world's renditions are made of: backgrounds, lighting,
// noise, and a concept painted as a shaded photo object, a flat icon or jittered line art.

#include "world/ConceptArt.h"

#include <QColor>
#include <QImage>
#include <QTransform>

class QPainter;

namespace ms {

class Rng;

struct Placement {
    QPointF centre;
    double span = 0;      // the longer side of the object's box, in pixels
    double rotation = 0;  // degrees
};

// A placement whose rotated box lies inside a size × size image.
Placement randomPlacement(Rng& rng, int size, double minSpanFraction, double maxSpanFraction, double maxRotation);
QTransform artTransform(const ConceptArt& art, const Placement& placement);

void paintGradientBackground(QImage& image, Rng& rng, double minValue, double maxValue);
// Faint random shapes and lines; amount in [0, 1].
void paintClutter(QImage& image, Rng& rng, double amount);
void paintLighting(QImage& image, Rng& rng);
void addNoise(QImage& image, Rng& rng, double sigma);

void paintPhotoObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& colour, Rng& rng);
void paintIconObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& fill,
                     const QColor& outline, double outlineWidth);
void paintDrawnObject(QPainter& painter, const ConceptArt& art, const QTransform& t, const QColor& ink,
                      double width, Rng& rng);

}  // namespace ms
