#pragma once
// Zero-shot classification as CLIP does it: each label's text embedding is the normalised
// mean of its prompt templates' normalised embeddings; an image's class probabilities are the
// softmax of exp(logit_scale) · cosine similarities. Shared by `evaluate`, `probe`, the
// typographic-attack bench and the GUI.
// The other ensemble, BestTemplate, scores a label by its best-matching template instead
// (max over templates of the cosine): when the templates describe different kinds of picture
// ("a photo of a {}", "the word {}"), the mean of their embeddings can sit far from every
// kind, and a picture of a word is judged against the photo-like centroid. Neither one is
// told the picture's kind.

#include <ATen/core/Tensor.h>

#include <QString>
#include <QStringList>

#include <functional>
#include <string>
#include <vector>

namespace ms {

class ClipNetwork;

// Turns texts into the int64 token tensor [N, contextLength] the model's text tower expects.
using TextTokenizeFn = std::function<at::Tensor(const std::vector<std::string>& texts)>;

enum class PromptEnsemble { MeanEmbedding, BestTemplate };
const char* promptEnsembleName(PromptEnsemble e);  // "mean" / "best"
PromptEnsemble parsePromptEnsemble(const std::string& name);  // the inverse; throws ms::Error otherwise

class ZeroShotClassifier {
public:
    // templates contain "{}" for the label ("a photo of a {}"); an empty list means {"{}"}.
    ZeroShotClassifier(const ClipNetwork& network, const TextTokenizeFn& tokenize, QStringList labels,
                       QStringList templates, PromptEnsemble ensemble = PromptEnsemble::MeanEmbedding);

    const QStringList& labels() const { return m_labels; }
    int indexOf(const QString& label) const { return m_labels.indexOf(label); }

    // [labels, embedDim], L2-normalised (the mean over templates, whatever the ensemble).
    const at::Tensor& labelEmbeddings() const { return m_labelEmbeddings; }
    // Softmax probabilities [N, labels] for normalised CLIP inputs [N, 3, R, R].
    at::Tensor probabilities(const at::Tensor& images) const;
    // The same from image embeddings already computed (unnormalised encode_image output).
    at::Tensor probabilitiesFromEmbeddings(const at::Tensor& imageEmbeddings) const;

private:
    const ClipNetwork& m_network;
    QStringList m_labels;
    PromptEnsemble m_ensemble;
    at::Tensor m_labelEmbeddings;
    at::Tensor m_templateEmbeddings;  // [labels, templates, embedDim], L2-normalised
};

// "a photo of a {}" with the label in place of "{}".
QString fillTemplate(const QString& templ, const QString& label);

}  // namespace ms
