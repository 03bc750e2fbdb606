#include "analysis/ModelText.h"

#include "bundled/BundledSidecar.h"
#include "model/ModelBundle.h"

#include <torch/torch.h>

namespace ms {

TextTokenizeFn tokenizeFnFor(const ModelBundle& bundle) {
    return [&bundle](const std::vector<std::string>& texts) {
        const std::vector<std::int64_t> ids = bundle.tokenize(texts);
        return torch::tensor(ids, torch::kInt64).view({static_cast<long>(texts.size()), bundle.contextLength()});
    };
}

QStringList promptTemplatesFor(const ModelBundle& bundle) {
    if (bundle.sidecar() && !bundle.sidecar()->templates.isEmpty()) return bundle.sidecar()->templates;
    return {QStringLiteral("a photo of a {}.")};
}

PromptEnsemble promptEnsembleFor(const ModelBundle& bundle) {
    return bundle.sidecar() ? parsePromptEnsemble(bundle.sidecar()->promptEnsemble.toStdString()) : PromptEnsemble::MeanEmbedding;
}

}  // namespace ms
