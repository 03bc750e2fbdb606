// `multiscope-cli activations --model M [--images IMAGE... | --images-npy X.npy |
//  --tokens-npy T.npy | --text T...] --layers L1,L2,... --out DIR`: the full activations of
// capture points, one float32 DIR/<layer>.npy each — conv points NCHW, transformer points
// batch-first [N, L, D], vector points [N, D].
//
// Files are named by the canonical point name (the reference module path, e.g.
// visual.layer4.5.add.npy) whatever name was asked for: Microscope aliases such as
// image_block_4/5/Add_6 contain slashes and several names may stand for one point.

#include "CliCommand.h"
#include "ModelInputs.h"
#include "ModelOptions.h"

#include "model/ClipModelTorch.h"
#include "util/Error.h"
#include "util/Log.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <map>
#include <memory>

namespace ms::cli {

namespace {

struct ActivationArgs {
    ModelOptions model;
    std::vector<std::string> images, texts, layers;
    std::string imagesNpy, tokensNpy, out;
};

ModelInput readInput(const ActivationArgs& a, const ModelBundle& bundle) {
    const int given = !a.images.empty() + !a.imagesNpy.empty() + !a.texts.empty() + !a.tokensNpy.empty();
    if (given != 1)
        throw Error("activations needs exactly one input: --images, --images-npy, --text or --tokens-npy");
    const ModelDescriptor& d = bundle.descriptor();
    if (!a.images.empty()) return ModelInput::imageFiles(a.images, d);
    if (!a.imagesNpy.empty()) return ModelInput::imageNpy(a.imagesNpy, d, /*exactResolution=*/false);
    if (!a.texts.empty()) return ModelInput::texts(a.texts, bundle);
    return ModelInput::tokenNpy(a.tokensNpy, d);
}

// The requested points by canonical name, checked against the input's tower.
CaptureRequest requestFor(const std::vector<std::string>& layers, const ModelDescriptor& d, bool text) {
    CaptureRequest request;
    for (const std::string& name : layers) {
        if (name.empty()) throw Error("--layers has an empty layer name");
        const CapturePointInfo& point = d.point(name);
        if ((point.tower == Tower::Text) != text)
            throw Error("'" + name + "' is a layer of the " + towerName(point.tower) + " tower, but the input is " +
                        (text ? "text" : "images"));
        if (point.name != name) logInfo(name + " is " + point.name + ": writing " + point.name + ".npy");
        request.add(point.name, PointCapture{});
    }
    return request;
}

int runActivations(const ActivationArgs& a) {
    const ModelBundle bundle = loadModel(a.model);
    c10::InferenceMode inference;
    const ModelInput input = readInput(a, bundle);
    const CaptureRequest request = requestFor(a.layers, bundle.descriptor(), input.isText());
    makeOutputFolder(a.out);
    const ClipNetwork& net = bundle.model().network();
    std::map<std::string, std::vector<at::Tensor>> parts;
    input.forEachSlice("activations", [&](const at::Tensor& batch) {
        CaptureResult result = net.capture(batch, request);
        for (auto& [name, captured] : result.points) parts[name].push_back(captured.full);
    });
    for (const auto& [name, tensors] : parts) writeOutputNpy(a.out, name, at::cat(tensors));
    return 0;
}

}  // namespace

void addActivationsCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("activations",
                                   "Full activations of capture points as DIR/<canonical layer name>.npy (conv NCHW, "
                                   "transformer [N, L, D]); Microscope aliases are written under the canonical name");
    auto args = std::make_shared<ActivationArgs>();
    addModelOptions(*cmd, args->model);
    auto* images = cmd->add_option("--images", args->images, "Picture files, preprocessed as the model expects");
    auto* imagesNpy = cmd->add_option("--images-npy", args->imagesNpy, "A float32 [N, 3, H, W] batch already preprocessed");
    auto* texts = cmd->add_option("--text", args->texts, "Texts, tokenized with the model's tokenizer");
    auto* tokensNpy = cmd->add_option("--tokens-npy", args->tokensNpy, "An integer [N, context length] batch of token ids");
    images->excludes(imagesNpy, texts, tokensNpy);
    imagesNpy->excludes(texts, tokensNpy);
    texts->excludes(tokensNpy);
    cmd->add_option("--layers", args->layers, "Capture points, comma-separated (see `layers`); Microscope aliases accepted")
        ->required()
        ->delimiter(',');
    cmd->add_option("--out", args->out, "Folder for the .npy files")->required();
    cmd->callback([&chosen, args] { chosen.run = [args] { return runActivations(*args); }; });
}

}  // namespace ms::cli
