#pragma once
// The text side of a loaded model as the analysis code wants it: a tokenize function giving
// the [N, contextLength] tensor, and the prompt templates the model comes with.

#include "analysis/ZeroShot.h"

#include <QStringList>

namespace ms {

class ModelBundle;

// The bundle must outlive the function.
TextTokenizeFn tokenizeFnFor(const ModelBundle& bundle);

// The sidecar's templates for a Multiscope-trained model, else CLIP's "a photo of a {}.".
QStringList promptTemplatesFor(const ModelBundle& bundle);
// How the model's templates combine: the sidecar's choice, else CLIP's mean embedding.
PromptEnsemble promptEnsembleFor(const ModelBundle& bundle);

}  // namespace ms
