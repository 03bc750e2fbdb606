#include "world/Palette.h"

#include "world/Rng.h"

#include <algorithm>

namespace ms {

const std::vector<NamedColour>& worldColours() {
    static const std::vector<NamedColour> colours{
        {"red", QColor(214, 39, 40)},    {"orange", QColor(245, 130, 20)}, {"yellow", QColor(240, 210, 30)},
        {"green", QColor(44, 160, 60)},  {"blue", QColor(31, 90, 200)},    {"purple", QColor(128, 60, 170)},
        {"pink", QColor(240, 120, 180)}, {"brown", QColor(130, 80, 40)},
    };
    return colours;
}

QColor jitterShade(const QColor& base, Rng& rng) {
    float h, s, v, a;
    base.getHsvF(&h, &s, &v, &a);
    if (h >= 0) h = std::fmod(h + static_cast<float>(rng.uniform(-0.02, 0.02)) + 1.0f, 1.0f);
    s = std::clamp(s + static_cast<float>(rng.uniform(-0.12, 0.08)), 0.0f, 1.0f);
    v = std::clamp(v + static_cast<float>(rng.uniform(-0.12, 0.08)), 0.0f, 1.0f);
    return QColor::fromHsvF(std::max(h, 0.0f), s, v);
}

QColor mutedColour(Rng& rng, double minValue, double maxValue) {
    return QColor::fromHsvF(static_cast<float>(rng.unit()), static_cast<float>(rng.uniform(0.05, 0.35)),
                            static_cast<float>(rng.uniform(minValue, maxValue)));
}

double luminance(const QColor& c) { return 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF(); }

QColor contrasting(const QColor& c) { return luminance(c) > 0.55 ? QColor(20, 20, 20) : QColor(245, 245, 245); }

}  // namespace ms
