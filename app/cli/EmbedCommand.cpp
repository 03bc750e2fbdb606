// `multiscope-cli embed --model M [--images IMAGE... | --images-npy X.npy]
//  [--text T... | --tokens-npy T.npy] --out DIR`: the reference's encode_image / encode_text
// (unnormalised) into DIR/image_features.npy and DIR/text_features.npy, and, when both sides
// are given, model(images, texts)[0] into DIR/logits_per_image.npy.

#include "CliCommand.h"
#include "ModelInputs.h"
#include "ModelOptions.h"

#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <memory>

namespace ms::cli {

namespace {

struct EmbedArgs {
    ModelOptions model;
    std::vector<std::string> images, texts;
    std::string imagesNpy, tokensNpy, out;
};

at::Tensor embedAll(const ModelInput& input, const ClipNetwork& net, const std::string& label) {
    std::vector<at::Tensor> parts;
    input.forEachSlice(label, [&](const at::Tensor& batch) {
        parts.push_back(input.isText() ? net.encodeText(batch) : net.encodeImage(batch));
    });
    return at::cat(parts);
}

int runEmbed(const EmbedArgs& a) {
    const bool images = !a.images.empty() || !a.imagesNpy.empty();
    const bool texts = !a.texts.empty() || !a.tokensNpy.empty();
    if (!images && !texts)
        throw Error("embed needs images (--images or --images-npy) and/or texts (--text or --tokens-npy)");
    const ModelBundle bundle = loadModel(a.model);
    const ModelDescriptor& d = bundle.descriptor();
    c10::InferenceMode inference;
    // Read and check every input before computing anything.
    std::unique_ptr<ModelInput> imageInput, textInput;
    if (images)
        imageInput = std::make_unique<ModelInput>(a.images.empty() ? ModelInput::imageNpy(a.imagesNpy, d, true)
                                                                   : ModelInput::imageFiles(a.images, d));
    if (texts)
        textInput = std::make_unique<ModelInput>(a.texts.empty() ? ModelInput::tokenNpy(a.tokensNpy, d)
                                                                 : ModelInput::texts(a.texts, bundle));
    makeOutputFolder(a.out);
    const ClipNetwork& net = bundle.model().network();
    at::Tensor imageFeatures, textFeatures;
    if (imageInput) {
        imageFeatures = embedAll(*imageInput, net, "embed images");
        writeOutputNpy(a.out, "image_features", imageFeatures);
    }
    if (textInput) {
        textFeatures = embedAll(*textInput, net, "embed texts");
        writeOutputNpy(a.out, "text_features", textFeatures);
    }
    if (imageInput && textInput)
        writeOutputNpy(a.out, "logits_per_image", net.logitsFromEmbeddings(imageFeatures, textFeatures));
    return 0;
}

}  // namespace

void addEmbedCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("embed", "Image and/or text embeddings (encode_image/encode_text) and their logits, as .npy files");
    auto args = std::make_shared<EmbedArgs>();
    addModelOptions(*cmd, args->model);
    auto* images = cmd->add_option("--images", args->images, "Picture files, preprocessed as the model expects");
    auto* imagesNpy = cmd->add_option("--images-npy", args->imagesNpy, "A float32 [N, 3, R, R] batch already preprocessed");
    auto* texts = cmd->add_option("--text", args->texts, "Texts, tokenized with the model's tokenizer");
    auto* tokensNpy = cmd->add_option("--tokens-npy", args->tokensNpy, "An integer [N, context length] batch of token ids");
    images->excludes(imagesNpy);
    texts->excludes(tokensNpy);
    cmd->add_option("--out", args->out, "Folder for image_features.npy, text_features.npy, logits_per_image.npy")
        ->required();
    cmd->callback([&chosen, args] { chosen.run = [args] { return runEmbed(*args); }; });
}

}  // namespace ms::cli
