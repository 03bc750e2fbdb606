#pragma once
// Zero-shot classification as CLIP does it: each label's text embedding is the normalised
// mean of its prompt templates' normalised embeddings; an image's class probabilities are the
// softmax of exp(logit_scale) · cosine similarities. Shared by `evaluate`, `probe`, the
// typographic-attack bench and the GUI.

#include <ATen/core/Tensor.h>

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace ms {

class ClipNetwork;

// Turns texts into the int64 token tensor [N, contextLength] the model's text tower expects.
using TextTokenizeFn = std::function<at::Tensor(const std::vector<std::string>& texts)>;

class ZeroShotClassifier {
public:
    // templates contain "{}" for the label ("a photo of a {}"); an empty list means {"{}"}.
    ZeroShotClassifier(const ClipNetwork& network, const TextTokenizeFn& tokenize, QStringList labels,
                       QStringList templates);

    const QStringList& labels() const { return m_labels; }
    int indexOf(const QString& label) const { return m_labels.indexOf(label); }

    // [labels, embedDim], L2-normalised.
    const at::Tensor& labelEmbeddings() const { return m_labelEmbeddings; }
    // Softmax probabilities [N, labels] for normalised CLIP inputs [N, 3, R, R].
    at::Tensor probabilities(const at::Tensor& images) const;
    // The same from image embeddings already computed (unnormalised encode_image output).
    at::Tensor probabilitiesFromEmbeddings(const at::Tensor& imageEmbeddings) const;

private:
    const ClipNetwork& m_network;
    QStringList m_labels;
    at::Tensor m_labelEmbeddings;
};

// "a photo of a {}" with the label in place of "{}".
QString fillTemplate(const QString& templ, const QString& label);

}  // namespace ms
