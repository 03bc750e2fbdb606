#include "world/Captions.h"

#include "world/Rng.h"
#include "world/WorldGenerator.h"

#include <QStringList>

namespace ms {
namespace {

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

}  // namespace

QString withArticle(const QString& noun) {
    const bool vowel = !noun.isEmpty() && QStringLiteral("aeiou").contains(noun.at(0).toLower());
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + noun;
}

QString caption(const WorldSample& s, Rng& rng) {
    switch (s.rendition) {
    case Rendition::Photo:
        return fill(pick(rng, {"a photo of {a-colour-concept}", "a picture of {a-colour-concept}",
                               "{a-colour-concept}", "a photo of {a-concept}"}),
                    s.concept, s.colour);
    case Rendition::Drawing:
        return fill(pick(rng, {"a drawing of {a-concept}", "a sketch of {a-concept}", "line art of {a-concept}",
                               "a doodle of {a-concept}"}),
                    s.concept, s.colour);
    case Rendition::Icon:
        return fill(pick(rng, {"an icon of {a-colour-concept}", "{a-colour-concept} icon", "a flat icon of {a-concept}",
                               "a {concept} icon"}),
                    s.concept, s.colour);
    case Rendition::Word:
        if (!s.colour.isEmpty() && rng.chance(0.3)) return fill(QStringLiteral("the word {concept} written in {colour}"), s.concept, s.colour);
        return fill(pick(rng, {"the word {concept}", "the text {concept}", "a sign that says {concept}",
                               "{concept} written in letters"}),
                    s.concept, s.colour);
    case Rendition::Attack:
        return fill(pick(rng, {"{a-concept} with the word {word} written on it", "a photo of {a-concept} labelled {word}",
                               "{a-colour-concept} with the text {word}"}),
                    s.concept, s.colour, s.overlayWord);
    case Rendition::Scene:
        return QStringLiteral("a scene with ") + listObjects(s.objects);
    }
    return {};
}

}  // namespace ms
