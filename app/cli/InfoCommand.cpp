// `multiscope-cli info --model M [--json]`: what a model is — architecture, resolution,
// normalisation, tokenizer, identity (SHA-256 of the weights file).

#include "CliCommand.h"
#include "ModelOptions.h"

#include "bundled/BundledSidecar.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <vector>

namespace ms::cli {

namespace {

// Float32 constants printed with the fewest digits that read back as the same float
// (0.48145466, not 0.48145467042922974).
std::vector<double> shortestFloats(const std::array<float, 3>& values) {
    std::vector<double> out;
    for (float v : values) {
        char text[32];
        for (int digits = 6; digits <= 9; ++digits) {
            std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(v));
            if (std::strtof(text, nullptr) == v) break;
        }
        out.push_back(std::strtod(text, nullptr));
    }
    return out;
}

nlohmann::ordered_json describeJson(const ModelBundle& bundle) {
    const ModelDescriptor& d = bundle.descriptor();
    const ClipConfig& c = d.config;
    nlohmann::ordered_json vision{{"layers", c.visionLayers}, {"width", c.visionWidth}, {"heads", c.visionHeads}};
    if (c.family == VisionFamily::ViT) vision["patch_size"] = c.visionPatchSize;
    return nlohmann::ordered_json{{"source", bundle.weightsPath()},
            {"sha256", d.contentHash},
            {"family", d.family},
            {"input_resolution", d.inputResolution},
            {"embed_dim", c.embedDim},
            {"vision", vision},
            {"text",
             nlohmann::ordered_json{{"layers", c.transformerLayers},
              {"width", c.transformerWidth},
              {"heads", c.transformerHeads},
              {"context_length", c.contextLength},
              {"vocab_size", c.vocabSize}}},
            {"mean", shortestFloats(d.mean)},
            {"std", shortestFloats(d.std)},
            {"tokenizer", bundle.tokenizerKind()},
            {"sidecar", bundle.sidecar() != nullptr},
            {"capture_points", d.points.size()},
            {"default_layer", bundle.defaultLayer()}};
}

std::string joined(const std::vector<int>& values) {
    std::string out;
    for (int v : values) out += (out.empty() ? "" : ", ") + std::to_string(v);
    return out;
}

std::string describeText(const ModelBundle& bundle) {
    const ModelDescriptor& d = bundle.descriptor();
    const ClipConfig& c = d.config;
    std::ostringstream out;
    out << "source          " << bundle.weightsPath() << "\n"
        << "sha256          " << d.contentHash << "\n"
        << "family          " << d.family << "\n"
        << "resolution      " << d.inputResolution << "x" << d.inputResolution << "\n"
        << "embedding       " << c.embedDim << "\n"
        << "vision          layers [" << joined(c.visionLayers) << "], width " << c.visionWidth << ", heads "
        << c.visionHeads;
    if (c.family == VisionFamily::ViT) out << ", patch " << c.visionPatchSize;
    out << "\n"
        << "text            layers " << c.transformerLayers << ", width " << c.transformerWidth << ", heads "
        << c.transformerHeads << ", context " << c.contextLength << ", vocabulary " << c.vocabSize << "\n"
        << "tokenizer       " << bundle.tokenizerKind() << (bundle.sidecar() ? " (from the sidecar)" : "") << "\n"
        << "capture points  " << d.points.size() << " (default layer " << bundle.defaultLayer() << ")";
    return out.str();
}

}  // namespace

void addInfoCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("info", "Describe a model: architecture, resolution, tokenizer, SHA-256 identity");
    auto options = std::make_shared<ModelOptions>();
    auto json = std::make_shared<bool>(false);
    addModelOptions(*cmd, *options);
    cmd->add_flag("--json", *json, "Print one JSON object");
    cmd->callback([&chosen, options, json] {
        chosen.run = [options, json] {
            const ModelBundle bundle = loadModel(*options);
            printResult(*json ? describeJson(bundle).dump() : describeText(bundle));
            return 0;
        };
    });
}

}  // namespace ms::cli
