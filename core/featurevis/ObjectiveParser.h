#pragma once
// Objective expressions as people type them (CLI --objective, the GUI's objective field):
//
//   visual.layer4.5.add:89                  the channel objective (a unit's spatial mean)
//   image_block_4/5/Add_6:89                the same through a Microscope alias
//   layer:unit@2                            ... read from batch image 2 only
//   neuron(layer:unit[, x, y])              one grid position (default: the centre)
//   diversity(layer)   l1[(c)]  l2[(c)]  tv  blur
//   text("a drawing of a spider")           CLIP text direction (needs a text encoder)
//   terms combine with + and -, scale with a number (2*x, x*0.5, -x) and group with ( )
//
// e.g. "visual.layer4.2.add:0 + 10*l2 + 0.5*diversity(visual.layer4.2.add)". Names are
// resolved with the model's resolver and written canonically in the description.

#include "featurevis/Objective.h"
#include "model/ModelDescriptor.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <string>

namespace ms {

// A prompt → its CLIP text embedding [D] or [1, D] (tokenizer + encode_text).
using TextEncoder = std::function<at::Tensor(const std::string& prompt)>;

// A "layer:unit" reference, resolved.
struct UnitRef {
    std::string point;  // canonical capture-point name
    int64_t unit = 0;
    int batch = -1;     // "@b" suffix; −1 when absent
};

// Parses "layer:unit" or "layer:unit@b"; throws ms::Error naming the text and the problem
// (unknown layer with close names, unit out of range, not of that form).
UnitRef parseUnitRef(const std::string& text, const ModelDescriptor& model);

// Parses an expression. `encodeText` is called once per text("...") term; without one such a
// term is an error. Throws ms::Error quoting the expression and the position of the problem.
Objective parseObjective(const std::string& expression, const ModelDescriptor& model,
                         const TextEncoder& encodeText = {});

// Whether an expression mentions text("...") (so a caller knows to build a text encoder).
bool objectiveNeedsText(const std::string& expression);

}  // namespace ms
