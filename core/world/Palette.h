#pragma once
// The named colours of the generated world (they appear in captions) and helpers to pick
// shades and contrasting colours.

#include <QColor>
#include <QString>

#include <vector>

namespace ms {

class Rng;

struct NamedColour {
    QString name;
    QColor rgb;
};

const std::vector<NamedColour>& worldColours();

// A shade of the colour with hue, saturation and value jittered a little (still that colour).
QColor jitterShade(const QColor& base, Rng& rng);
// A muted random colour for backgrounds and clutter.
QColor mutedColour(Rng& rng, double minValue, double maxValue);
// Black or white, whichever contrasts more with c.
QColor contrasting(const QColor& c);
double luminance(const QColor& c);

}  // namespace ms
