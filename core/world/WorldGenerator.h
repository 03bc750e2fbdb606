#pragma once
// The generated multimodal world: pictures of concepts as photos, drawings and icons, their
// names as words, typographic attacks and scenes, each with a caption — deterministic from
// (seed, index). It trains the bundled model and serves as labelled sample data.

#include "render/TextRenderer.h"

#include <QImage>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace ms {

class Rng;

enum class Rendition { Photo, Drawing, Icon, Word, Attack, Scene };

const std::vector<Rendition>& allRenditions();
QString renditionName(Rendition rendition);  // "photo", "drawing", …
std::optional<Rendition> renditionFromName(const QString& name);

struct WorldOptions {
    int size = 128;           // images are size × size pixels
    double difficulty = 1.0;  // 0: large upright words on plain backgrounds … 1: full variety
};

struct WorldSample {
    QImage image;          // RGB32, size × size
    QString concept;       // the main concept (for a word: the word; for a scene: the largest object)
    Rendition rendition = Rendition::Photo;
    QString colour;        // the named colour of the main element, or empty
    QString caption;
    QString overlayWord;   // the word written on an attack image
    QStringList objects;   // every concept pictured (scenes have several)
};

// The rendition of sample `index` when a folder cycles through all renditions.
Rendition renditionForIndex(std::uint64_t index);

// Needs a QGuiApplication (fonts). Thread-safe.
WorldSample generateSample(std::uint64_t seed, std::uint64_t index, Rendition rendition, const WorldOptions& options);
inline WorldSample generateSample(std::uint64_t seed, std::uint64_t index, const WorldOptions& options) {
    return generateSample(seed, index, renditionForIndex(index), options);
}

// A word written on a picture, as in a typographic attack.
struct WordOverlay {
    QString word;
    TextStyle style;
    QPointF centre;
};

// A random overlay for an image of the given size whose footprint is at most
// maxHeightFraction of the image height (and fits its width).
WordOverlay randomWordOverlay(Rng& rng, const QString& word, int imageSize, double maxHeightFraction);
// The image with the word drawn on it.
QImage applyWordOverlay(const QImage& image, const WordOverlay& overlay);

}  // namespace ms
