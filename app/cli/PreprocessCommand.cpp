// `multiscope-cli preprocess --model M IMAGE... --out FILE.npy`: the reference CLIP
// preprocessing of pictures at the model's resolution and normalisation, as one float32 NCHW
// batch (what `torch.stack([preprocess(Image.open(f)) for f in files])` gives).

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "image/ClipPreprocess.h"
#include "io/NpyTensor.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QFileInfo>

#include <memory>

namespace ms::cli {

void addPreprocessCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("preprocess", "Preprocess pictures as the model expects them into one float32 NCHW .npy batch");
    struct Args {
        ModelOptions model;
        std::vector<std::string> images;
        std::string out;
    };
    auto args = std::make_shared<Args>();
    addModelOptions(*cmd, args->model);
    cmd->add_option("images", args->images, "Picture files (PNG, JPEG, ...)")->required();
    cmd->add_option("--out", args->out, "The .npy file to write")->required();
    cmd->callback([&chosen, args] {
        chosen.run = [args] {
            const ModelBundle bundle = loadModel(args->model);
            const ModelDescriptor& d = bundle.descriptor();
            c10::InferenceMode inference;
            std::vector<at::Tensor> images;
            CliProgress progress("preprocess");
            for (const std::string& path : args->images) {
                if (!QFileInfo(QString::fromStdString(path)).isFile()) throw Error(path + ": no such image file");
                images.push_back(preprocessImageFile(path, d.inputResolution, ImageNormalization{d.mean, d.std}));
                progress.feedback().setProgress(static_cast<double>(images.size()) / args->images.size());
            }
            progress.finish();
            writeNpy(args->out, at::stack(images));
            return 0;
        };
    });
}

}  // namespace ms::cli
