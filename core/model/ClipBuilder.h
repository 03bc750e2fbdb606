#pragma once
// Internal: from a state dict to a ready ClipModule, the way the reference `build_model`
// does it (architecture inferred from key names and tensor shapes), and the random
// initialisation used by benchmarks. Every error names `source` (the file) and the key.

#include "io/StateDict.h"
#include "model/ClipConfig.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ms::detail {

struct ClipModule;

// The architecture the weights describe; head counts from `options` or the defaults.
ClipConfig inferClipConfig(const StateDict& weights, const std::string& source, const ClipLoadOptions& options);

// Copies every parameter and buffer of `module` from `weights` (as float32), checking that
// each key exists with the expected shape. Keys the module does not use are ignored.
void loadWeights(ClipModule& module, const StateDict& weights, const std::string& source);

// Plausible random weights (fan-in scaled normals, unit norms, identity BN statistics),
// reproducible from `seed`, for benchmarks and tests that need no trained model.
void initialiseRandomly(ClipModule& module, uint64_t seed);

// SHA-256 (lowercase hex) over the module's tensors: the identity of a model built in
// memory rather than read from a file.
std::string hashModuleTensors(const ClipModule& module);

}  // namespace ms::detail
