#pragma once
// The text encoder that text("...") objectives need, made from a CLIP model and its
// tokenizer: prompt → clip.tokenize → encode_text, computed once without gradients.

#include "featurevis/ObjectiveParser.h"

namespace ms {

class BpeTokenizer;
class ClipModel;

// Both are shared by the returned function (copies of cheap handles); the model's
// thread rule applies when it is called.
TextEncoder clipTextEncoder(const ClipModel& model, const BpeTokenizer& tokenizer);

}  // namespace ms
