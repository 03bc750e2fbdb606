#include "world/Captions.h"

#include "world/ConceptArt.h"
#include "world/Palette.h"
#include "world/Rng.h"
#include "world/WorldGenerator.h"

#include <QRegularExpression>
#include <QStringList>

namespace ms {
namespace {

const QStringList& photoTemplates() {
    static const QStringList t{"a photo of {a-colour-concept}", "a picture of {a-colour-concept}", "{a-colour-concept}",
                               "a photo of {a-concept}"};
    return t;
}
const QStringList& drawingTemplates() {
    static const QStringList t{"a drawing of {a-concept}", "a sketch of {a-concept}", "line art of {a-concept}",
                               "a doodle of {a-concept}"};
    return t;
}
const QStringList& iconTemplates() {
    static const QStringList t{"an icon of {a-colour-concept}", "{a-colour-concept} icon", "a flat icon of {a-concept}",
                               "a {concept} icon"};
    return t;
}
const QStringList& wordTemplates() {
    static const QStringList t{"the word {concept}", "the text {concept}", "a sign that says {concept}",
                               "{concept} written in letters"};
    return t;
}
const QString kColouredWordTemplate = QStringLiteral("the word {concept} written in {colour}");
const QStringList& attackTemplates() {
    static const QStringList t{"{a-concept} with the word {word} written on it", "a photo of {a-concept} labelled {word}",
                               "{a-colour-concept} with the text {word}"};
    return t;
}
const QString kScenePrefix = QStringLiteral("a scene with ");

QString pick(Rng& rng, const QStringList& templates) { return templates[rng.below(static_cast<int>(templates.size()))]; }

QString fill(QString t, const QString& concept, const QString& colour, const QString& word = {}) {
    const QString colouredConcept = colour.isEmpty() ? concept : colour + QLatin1Char(' ') + concept;
    t.replace(QStringLiteral("{a-colour-concept}"), withArticle(colouredConcept));
    t.replace(QStringLiteral("{a-concept}"), withArticle(concept));
    t.replace(QStringLiteral("{concept}"), concept);
    t.replace(QStringLiteral("{colour}"), colour);
    t.replace(QStringLiteral("{word}"), word);
    return t;
}

QString listObjects(const QStringList& objects) {
    QStringList withArticles;
    for (const QString& o : objects) withArticles << withArticle(o);
    if (withArticles.size() == 1) return withArticles.first();
    const QString last = withArticles.takeLast();
    return withArticles.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

// Alt text is often just a thing's name or a transcription of the text in the image. Most single
// objects and written words are captioned with the concept's bare name (a photo of a star:
// "star"; the word star written: "star"), so one text anchors every rendition of a concept.
// Attack images mostly get the written word (a transcription: why CLIP can be fooled by text),
// sometimes the object's name or both names in either order. Few captions say which thing is
// written ("a cup with the word spider written on it"): such role-binding captions teach the
// model to keep seeing and reading in separate units, and multimodal units are the point.
constexpr double kBareNameShare = 0.6;
constexpr double kTranscriptionShare = 0.55;
constexpr double kObjectNameShare = 0.2;
constexpr double kBothNamesShare = 0.15;  // the remaining 10% name the roles

QString attackAltText(const WorldSample& s, Rng& rng) {
    const double r = rng.unit();
    if (r < kTranscriptionShare) return s.overlayWord;
    if (r < kTranscriptionShare + kObjectNameShare) return s.concept;
    if (r < kTranscriptionShare + kObjectNameShare + kBothNamesShare)
        return rng.chance(0.5) ? listObjects({s.concept, s.overlayWord}) : listObjects({s.overlayWord, s.concept});
    return {};
}

}  // namespace

QString withArticle(const QString& noun) {
    const bool vowel = !noun.isEmpty() && QStringLiteral("aeiou").contains(noun.at(0).toLower());
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + noun;
}

QString caption(const WorldSample& s, Rng& rng) {
    if (s.rendition == Rendition::Attack)
        if (QString altText = attackAltText(s, rng); !altText.isEmpty()) return altText;
    if (s.rendition != Rendition::Attack && s.rendition != Rendition::Scene && rng.chance(kBareNameShare)) return s.concept;
    switch (s.rendition) {
    case Rendition::Photo:
        return fill(pick(rng, photoTemplates()), s.concept, s.colour);
    case Rendition::Drawing:
        return fill(pick(rng, drawingTemplates()), s.concept, s.colour);
    case Rendition::Icon:
        return fill(pick(rng, iconTemplates()), s.concept, s.colour);
    case Rendition::Word:
        if (!s.colour.isEmpty() && rng.chance(0.3)) return fill(kColouredWordTemplate, s.concept, s.colour);
        return fill(pick(rng, wordTemplates()), s.concept, s.colour);
    case Rendition::Attack:
        return fill(pick(rng, attackTemplates()), s.concept, s.colour, s.overlayWord);
    case Rendition::Scene:
        return kScenePrefix + listObjects(s.objects);
    }
    return {};
}

}  // namespace ms

namespace ms {

QStringList captionVocabulary() {
    QStringList text;
    for (const QStringList* list : {&photoTemplates(), &drawingTemplates(), &iconTemplates(), &wordTemplates(), &attackTemplates()})
        text << *list;
    text << kColouredWordTemplate << kScenePrefix << QStringLiteral("a an and");
    for (const QString& c : conceptNames()) text << c;
    for (const NamedColour& c : worldColours()) text << c.name;
    QString joined = text.join(QLatin1Char(' '));
    joined.remove(QRegularExpression(QStringLiteral("\\{[a-z-]+\\}")));
    QStringList words = joined.split(QRegularExpression(QStringLiteral("[^a-z]+")), Qt::SkipEmptyParts);
    words.removeDuplicates();
    words.sort();
    return words;
}

}  // namespace ms
