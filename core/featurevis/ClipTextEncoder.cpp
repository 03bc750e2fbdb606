#include "featurevis/ClipTextEncoder.h"

#include "model/ClipModelTorch.h"
#include "text/BpeTokenizer.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace ms {

TextEncoder clipTextEncoder(const ClipModel& model, const BpeTokenizer& tokenizer) {
    return [model, tokenizer](const std::string& prompt) {
        const int length = model.config().contextLength;
        std::vector<std::int64_t> ids = tokenizer.tokenize(prompt, length, /*truncate=*/true);
        at::Tensor tokens = at::tensor(ids, at::kLong).view({1, length});
        // Plain tensors (not inference tensors), so that they can enter an autograd graph later.
        c10::InferenceMode notInference(false);
        at::NoGradGuard noGrad;
        return model.network().encodeText(tokens).squeeze(0).clone();
    };
}

}  // namespace ms
