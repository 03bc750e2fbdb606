#pragma once
// The exception core code throws for bad input (a file, a model, an argument). Its message
// is shown to the user as is, so it names the thing and the problem:
// "weights.safetensors: header says tensor 'visual.conv1.weight' ends at byte 9000, file has 4096".

#include <stdexcept>
#include <string>

namespace ms {

struct Error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace ms
