#pragma once
// Model weights as a flat name → tensor map with the reference's state-dict key names
// ("visual.conv1.weight"), loaded from .safetensors files or OpenAI's TorchScript .pt archives.
// The model builder picks the keys it needs and reports missing ones; this layer only reads.
// at::Tensor is torch::Tensor.

#include <ATen/core/Tensor.h>

#include <map>
#include <string>

namespace ms {

using StateDict = std::map<std::string, at::Tensor>;

// Kinds of model file, told apart by content rather than by extension.
enum class ModelFileFormat { Safetensors, TorchScriptArchive };

// Looks at the first bytes of a file. Throws ms::Error naming the file when it is empty,
// unreadable, or neither a zip archive ('PK') nor plausibly a safetensors file.
ModelFileFormat sniffModelFile(const std::string& path);

// Reads a .safetensors file: floating tensors (F64, F32, F16, BF16) become contiguous CPU
// float32; I64 stays int64; I32, I16, I8, U8 and BOOL keep their type, except int8 weights
// stored with their scales (Int8Weights.h), which become float32 too. Throws ms::Error naming
// the file and the problem for anything malformed (see Safetensors.h) or unsupported.
StateDict loadSafetensors(const std::string& path);

// Writes a .safetensors file; tensors are stored in their own dtype, or floating ones as F16
// when `asFloat16`. Entries are ordered by element size then name so that each is aligned.
void saveSafetensors(const std::string& path, const StateDict& tensors,
                     const std::map<std::string, std::string>& metadata, bool asFloat16 = false);

// Reads the parameters and buffers of a TorchScript archive (OpenAI's CLIP .pt files) without
// running any of its code: floating tensors become float32, integer ones keep their type. Keys
// are the dotted module paths of the state dict. OpenAI's archives also carry three 0-d int64
// buffers at top level, "input_resolution", "context_length" and "vocab_size"; they are kept
// (the model builder ignores keys it does not use). An archive saved by a PyTorch too new for
// this LibTorch, or a zip that is not TorchScript, gives an ms::Error naming the file.
StateDict loadTorchScriptArchive(const std::string& path);

// Sniffs the format (sniffModelFile) and loads with the matching function above.
StateDict loadStateDict(const std::string& path);

}  // namespace ms
