#pragma once
// The objective factories (Lucid's objectives module), each a few lines. Scores are to be
// maximised; penalties are negative (see Objective.h). Unit maps are [N, units, gh, gw]
// (ObjectiveInput::unitMap); `batch` picks one image of the batch (−1: the mean over all;
// descriptions write a batch index as "layer:unit@b").
// Point names may be canonical or Microscope aliases; the parser canonicalises them.

#include "featurevis/Objective.h"

#include <ATen/core/Tensor.h>

#include <optional>
#include <string>

namespace ms::objectives {

// The unit's mean over the grid ("layer:unit", Lucid's channel).
Objective channel(const std::string& point, int64_t unit, int batch = -1);
// The unit at one grid position; by default the centre (gh/2, gw/2) of the map the
// transformed image produces. Positions past the edge are clamped to it.
Objective neuron(const std::string& point, int64_t unit, std::optional<int64_t> x = std::nullopt,
                 std::optional<int64_t> y = std::nullopt, int batch = -1);
// The dot product of each position's activation vector with `vector` ([units]), averaged over
// the grid. `label` names the vector in the description.
Objective direction(const std::string& point, const at::Tensor& vector, const std::string& label = "vector",
                    int batch = -1);
// Lucid's diversity: minus the mean over images of the summed cosine similarity between the
// image's Gram matrix (units × units, over the grid) and every other image's. 0 for batch 1.
Objective diversity(const std::string& point);

// Image regularisers on the [0, 1] image before the transforms, as means over its values:
// −mean|x − c|, −mean((x − c)²), −(mean|∂x/∂h| + mean|∂x/∂w|), and the pull towards a 3×3
// blur of the current image (Lucid's blur-each-step: −½·mean((x − blur(x))²), the blurred
// image held constant).
Objective l1(double constant = 0.5);
Objective l2(double constant = 0.5);
Objective totalVariation();
Objective blur();

// CLIP: the mean cosine similarity between the image embedding and `textEmbedding` ([D] or
// [1, D], e.g. encode_text of "a drawing of a spider"). `prompt` is for the description.
Objective textDirection(const at::Tensor& textEmbedding, const std::string& prompt);

}  // namespace ms::objectives
