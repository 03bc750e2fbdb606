#include "analysis/ZeroShot.h"

#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <torch/torch.h>

namespace ms {

QString fillTemplate(const QString& templ, const QString& label) {
    QString out = templ;
    return out.replace(QStringLiteral("{}"), label);
}

const char* promptEnsembleName(PromptEnsemble e) { return e == PromptEnsemble::MeanEmbedding ? "mean" : "best"; }

PromptEnsemble parsePromptEnsemble(const std::string& name) {
    for (PromptEnsemble e : {PromptEnsemble::MeanEmbedding, PromptEnsemble::BestTemplate})
        if (name == promptEnsembleName(e)) return e;
    throw Error("prompt ensemble '" + name + "' is neither mean nor best");
}

ZeroShotClassifier::ZeroShotClassifier(const ClipNetwork& network, const TextTokenizeFn& tokenize, QStringList labels,
                                       QStringList templates, PromptEnsemble ensemble)
    : m_network(network), m_labels(std::move(labels)), m_ensemble(ensemble) {
    if (m_labels.isEmpty()) throw Error("zero-shot classification needs at least one label");
    if (templates.isEmpty()) templates << QStringLiteral("{}");
    torch::NoGradGuard noGrad;
    std::vector<std::string> prompts;
    for (const QString& label : m_labels)
        for (const QString& t : templates) prompts.push_back(fillTemplate(t, label).toStdString());
    at::Tensor e = network.encodeText(tokenize(prompts));
    e = e / e.norm(2, -1, true);
    m_templateEmbeddings = e.view({static_cast<long>(m_labels.size()), static_cast<long>(templates.size()), -1});
    const at::Tensor mean = m_templateEmbeddings.mean(1);
    m_labelEmbeddings = mean / mean.norm(2, -1, true);
}

at::Tensor ZeroShotClassifier::probabilitiesFromEmbeddings(const at::Tensor& imageEmbeddings) const {
    const at::Tensor image = imageEmbeddings / imageEmbeddings.norm(2, -1, true);
    if (m_ensemble == PromptEnsemble::MeanEmbedding)
        return torch::softmax(m_network.logitScale() * image.mm(m_labelEmbeddings.t()), -1);
    // [N, labels, templates] cosines, the best template per label.
    const at::Tensor cosines = torch::einsum("nd,ltd->nlt", {image, m_templateEmbeddings});
    return torch::softmax(m_network.logitScale() * std::get<0>(cosines.max(-1)), -1);
}

at::Tensor ZeroShotClassifier::probabilities(const at::Tensor& images) const {
    torch::NoGradGuard noGrad;
    return probabilitiesFromEmbeddings(m_network.encodeImage(images));
}

}  // namespace ms
