#pragma once
// Captions of generated samples, from templates that mention what is pictured
// ("a photo of a red star", "the word umbrella", "a cup with the word spider written on it").

#include <QString>
#include <QStringList>

namespace ms {

class Rng;
struct WorldSample;

QString caption(const WorldSample& sample, Rng& rng);
// Every word a caption can contain, sorted (the bundled model's word vocabulary).
QStringList captionVocabulary();
// "a" or "an" before the word.
QString withArticle(const QString& noun);

}  // namespace ms
