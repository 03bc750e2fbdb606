#pragma once
// The options every model subcommand of multiscope-cli shares (--model, --vocab,
// --text-heads, --vision-heads, --threads) and the one way the CLI loads a model with them.

#include "model/ModelBundle.h"

#include <CLI/CLI.hpp>

#include <string>

namespace ms::cli {

struct ModelOptions {
    std::string model;
    std::string vocab;
    int textHeads = 0;
    int visionHeads = 0;
    int threads = 0;  // 0 = all cores
};

// Registers the shared options on a subcommand (--model required).
void addModelOptions(CLI::App& command, ModelOptions& options);

// Sets LibTorch's thread count on the calling (compute) thread, then loads the model and
// its sidecar (model/ModelBundle.h). Throws ms::Error with a one-line message.
ModelBundle loadModel(const ModelOptions& options);

}  // namespace ms::cli
