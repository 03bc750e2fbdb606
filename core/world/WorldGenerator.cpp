#include "world/WorldGenerator.h"

#include "world/Captions.h"
#include "world/ConceptArt.h"
#include "world/Painting.h"
#include "world/Palette.h"
#include "world/Rng.h"

#include <QPainter>

#include <algorithm>

namespace ms {
namespace {

const NamedColour& randomColour(Rng& rng) { return worldColours()[rng.below(static_cast<int>(worldColours().size()))]; }
const QString& randomConcept(Rng& rng) { return conceptNames()[rng.below(static_cast<int>(conceptNames().size()))]; }

QString otherConcept(Rng& rng, const QString& notThis) {
    for (;;) {
        const QString& c = randomConcept(rng);
        if (c != notThis) return c;
    }
}

QImage blankImage(int size) {
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(Qt::white);
    return image;
}

FontSpec randomFace(Rng& rng) {
    const std::vector<FontSpec> faces = FontLibrary::availableFaces();
    return faces[rng.below(static_cast<int>(faces.size()))];
}

void photoBackground(QImage& image, Rng& rng) {
    paintGradientBackground(image, rng, 0.25, 0.95);
    paintClutter(image, rng, 1.0);
}

WorldSample makePhoto(Rng& rng, int size) {
    WorldSample s;
    s.concept = randomConcept(rng);
    const NamedColour& colour = randomColour(rng);
    s.colour = colour.name;
    QImage image = blankImage(size);
    photoBackground(image, rng);
    const ConceptArt art = conceptArt(s.concept);
    {
        QPainter painter(&image);
        paintPhotoObject(painter, art, artTransform(art, randomPlacement(rng, size, 0.3, 0.8, 20)),
                         jitterShade(colour.rgb, rng), rng);
    }
    paintLighting(image, rng);
    addNoise(image, rng, rng.uniform(2, 9));
    s.image = image;
    return s;
}

WorldSample makeDrawing(Rng& rng, int size) {
    WorldSample s;
    s.concept = randomConcept(rng);
    QImage image = blankImage(size);
    image.fill(QColor::fromHsvF(static_cast<float>(rng.unit()), static_cast<float>(rng.uniform(0, 0.08)),
                                static_cast<float>(rng.uniform(0.9, 1.0))));
    QColor ink = QColor::fromHsvF(static_cast<float>(rng.unit()), static_cast<float>(rng.uniform(0, 0.5)),
                                  static_cast<float>(rng.uniform(0.0, 0.35)));
    const ConceptArt art = conceptArt(s.concept);
    {
        QPainter painter(&image);
        paintDrawnObject(painter, art, artTransform(art, randomPlacement(rng, size, 0.4, 0.85, 15)), ink,
                         rng.uniform(1.0, 2.6) * size / 128.0, rng);
    }
    addNoise(image, rng, rng.uniform(0, 3));
    s.image = image;
    return s;
}

WorldSample makeIcon(Rng& rng, int size) {
    WorldSample s;
    s.concept = randomConcept(rng);
    const NamedColour& colour = randomColour(rng);
    s.colour = colour.name;
    QImage image = blankImage(size);
    image.fill(mutedColour(rng, 0.85, 1.0));
    const ConceptArt art = conceptArt(s.concept);
    {
        QPainter painter(&image);
        const QColor outline = rng.chance(0.7) ? QColor(25, 25, 25) : colour.rgb.darker(250);
        paintIconObject(painter, art, artTransform(art, randomPlacement(rng, size, 0.45, 0.85, 8)), colour.rgb, outline,
                        rng.uniform(0.025, 0.05) * size);
    }
    s.image = image;
    return s;
}

WorldSample makeWord(Rng& rng, int size, double difficulty) {
    WorldSample s;
    s.concept = randomConcept(rng);
    QImage image = blankImage(size);
    // Backgrounds from plain to cluttered as difficulty grows.
    const double r = rng.unit();
    if (r < 0.5 - 0.25 * difficulty) image.fill(mutedColour(rng, 0.85, 1.0));
    else if (r < 0.75 - 0.25 * difficulty) image.fill(mutedColour(rng, 0.1, 0.35));
    else photoBackground(image, rng);
    const QColor background = image.pixelColor(size / 2, size / 2);
    TextStyle style;
    style.font = difficulty < 0.3 && rng.chance(0.6) ? FontSpec{FontFamily::Sans, true, false, false} : randomFace(rng);
    style.rotationDegrees = rng.uniform(-30, 30) * difficulty;
    const bool boxed = rng.chance(0.3);
    const NamedColour* named = nullptr;
    if (boxed) {
        style.background = mutedColour(rng, 0.85, 1.0);
        style.color = rng.chance(0.5) ? QColor(20, 20, 20) : (named = &randomColour(rng))->rgb;
    } else if (rng.chance(0.5)) {
        named = &randomColour(rng);
        style.color = named->rgb;
        if (std::abs(luminance(style.color) - luminance(background)) < 0.25) style.background = contrasting(style.color);
    } else {
        style.color = contrasting(background);
    }
    if (named) s.colour = named->name;
    // Large words early in training; any size from a third of the width later.
    const double widthFraction = rng.uniform(0.95 - 0.55 * difficulty, 0.95);
    style.pixelSize = fitPixelSize(s.concept, style, widthFraction * size, 0.6 * size, 0.5 * size);
    const QRectF box = textFootprint(s.concept, style, QPointF(0, 0));
    const double hx = std::min(box.width() / 2, size / 2.0), hy = std::min(box.height() / 2, size / 2.0);
    const QPointF centre(rng.uniform(hx, size - hx), rng.uniform(hy, size - hy));
    drawText(image, s.concept, style, centre);
    addNoise(image, rng, rng.uniform(0, 4) * difficulty);
    s.image = image;
    return s;
}

WorldSample makeAttack(Rng& rng, int size) {
    WorldSample s = makePhoto(rng, size);
    s.overlayWord = otherConcept(rng, s.concept);
    s.image = applyWordOverlay(s.image, randomWordOverlay(rng, s.overlayWord, size, 0.2));
    return s;
}

WorldSample makeScene(Rng& rng, int size) {
    WorldSample s;
    QImage image = blankImage(size);
    photoBackground(image, rng);
    const int count = 2 + rng.below(3);
    std::vector<std::pair<double, QString>> bySize;
    QPainter painter(&image);
    for (int i = 0; i < count; ++i) {
        QString c = randomConcept(rng);
        while (std::any_of(bySize.begin(), bySize.end(), [&](const auto& p) { return p.second == c; })) c = randomConcept(rng);
        const Placement place = randomPlacement(rng, size, 0.25, 0.45, 20);
        const ConceptArt art = conceptArt(c);
        const NamedColour& colour = randomColour(rng);
        if (rng.chance(0.5)) paintPhotoObject(painter, art, artTransform(art, place), jitterShade(colour.rgb, rng), rng);
        else paintIconObject(painter, art, artTransform(art, place), colour.rgb, QColor(25, 25, 25), 0.025 * size);
        bySize.emplace_back(place.span, c);
    }
    painter.end();
    paintLighting(image, rng);
    addNoise(image, rng, rng.uniform(2, 7));
    std::stable_sort(bySize.begin(), bySize.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& p : bySize) s.objects << p.second;
    s.concept = s.objects.first();
    s.image = image;
    return s;
}

}  // namespace

const std::vector<Rendition>& allRenditions() {
    static const std::vector<Rendition> all{Rendition::Photo, Rendition::Drawing, Rendition::Icon,
                                            Rendition::Word,  Rendition::Attack,  Rendition::Scene};
    return all;
}

QString renditionName(Rendition r) {
    switch (r) {
    case Rendition::Photo: return QStringLiteral("photo");
    case Rendition::Drawing: return QStringLiteral("drawing");
    case Rendition::Icon: return QStringLiteral("icon");
    case Rendition::Word: return QStringLiteral("word");
    case Rendition::Attack: return QStringLiteral("attack");
    case Rendition::Scene: return QStringLiteral("scene");
    }
    return {};
}

std::optional<Rendition> renditionFromName(const QString& name) {
    for (Rendition r : allRenditions())
        if (renditionName(r) == name) return r;
    return std::nullopt;
}

Rendition renditionForIndex(std::uint64_t index) { return allRenditions()[index % allRenditions().size()]; }

WorldSample generateSample(std::uint64_t seed, std::uint64_t index, Rendition rendition, const WorldOptions& options) {
    Rng rng(seed, index);
    WorldSample s;
    switch (rendition) {
    case Rendition::Photo: s = makePhoto(rng, options.size); break;
    case Rendition::Drawing: s = makeDrawing(rng, options.size); break;
    case Rendition::Icon: s = makeIcon(rng, options.size); break;
    case Rendition::Word: s = makeWord(rng, options.size, options.difficulty); break;
    case Rendition::Attack: s = makeAttack(rng, options.size); break;
    case Rendition::Scene: s = makeScene(rng, options.size); break;
    }
    s.rendition = rendition;
    if (s.objects.isEmpty() && rendition != Rendition::Word) s.objects << s.concept;
    s.caption = caption(s, rng);
    return s;
}

WordOverlay randomWordOverlay(Rng& rng, const QString& word, int imageSize, double maxHeightFraction) {
    WordOverlay o;
    o.word = word;
    o.style.font = randomFace(rng);
    o.style.rotationDegrees = rng.uniform(-10, 10);
    if (rng.chance(0.5)) {
        o.style.background = QColor(250, 250, 245);
        o.style.color = QColor(20, 20, 20);
    } else {
        o.style.color = rng.chance(0.5) ? QColor(250, 250, 250) : QColor(15, 15, 15);
        o.style.background = std::nullopt;
    }
    const double maxHeight = maxHeightFraction * imageSize * rng.uniform(0.7, 1.0);
    o.style.pixelSize = fitPixelSize(word, o.style, 0.9 * imageSize, maxHeight, imageSize);
    const QRectF box = textFootprint(word, o.style, QPointF(0, 0));
    const double hx = box.width() / 2, hy = box.height() / 2;
    o.centre = QPointF(rng.uniform(hx, imageSize - hx), rng.uniform(hy, imageSize - hy));
    return o;
}

QImage applyWordOverlay(const QImage& image, const WordOverlay& overlay) {
    QImage out = image.convertToFormat(QImage::Format_RGB32);
    drawText(out, overlay.word, overlay.style, overlay.centre);
    return out;
}

}  // namespace ms
