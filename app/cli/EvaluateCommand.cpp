// `multiscope-cli evaluate --model M --data DIR [--layer L] [--json]`: zero-shot accuracy per
// rendition, the typographic-attack rate and the multimodal-unit table on a labelled folder.

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "analysis/Evaluation.h"
#include "analysis/ModelText.h"
#include "bundled/BundledSidecar.h"
#include "model/ClipModelTorch.h"

#include <QJsonDocument>

#include <memory>

namespace ms::cli {

void addEvaluateCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("evaluate", "Zero-shot accuracy per rendition, typographic-attack rate and multimodal units on a labelled folder");
    auto model = std::make_shared<ModelOptions>();
    struct Args {
        std::string data, layer, ensemble;
        bool json = false;
        int batch = 64;
        std::uint64_t attackSeed = 1;
    };
    auto args = std::make_shared<Args>();
    addModelOptions(*cmd, *model);
    cmd->add_option("--data", args->data, "Folder with labels.csv (e.g. from `generate`)")->required();
    cmd->add_option("--layer", args->layer, "Capture point for the multimodal-unit table (default: the model's studied layer)");
    cmd->add_option("--batch", args->batch, "Images per forward pass")->check(CLI::PositiveNumber);
    cmd->add_option("--attack-seed", args->attackSeed, "Which word goes on which photo, and where");
    cmd->add_option("--ensemble", args->ensemble,
                    "How the prompt templates combine: mean (of their embeddings, as CLIP) or best (the best-matching template per "
                    "label); default: the model's sidecar, else mean")
        ->check(CLI::IsMember({"mean", "best"}));
    cmd->add_flag("--json", args->json, "Print one JSON object");
    cmd->callback([&chosen, model, args] {
        chosen.drawsText = true;  // the attack writes words on the photos
        chosen.run = [model, args] {
            const ModelBundle bundle = loadModel(*model);
            EvaluationOptions options;
            options.dataDir = QString::fromStdString(args->data);
            options.layer = QString::fromStdString(args->layer);
            options.templates = promptTemplatesFor(bundle);
            if (bundle.sidecar()) options.labels = bundle.sidecar()->concepts;
            options.batchSize = args->batch;
            options.attackSeed = args->attackSeed;
            options.ensemble = args->ensemble.empty() ? promptEnsembleFor(bundle) : parsePromptEnsemble(args->ensemble);
            CliProgress progress("evaluate");
            const EvaluationReport report =
                evaluateModel(bundle.model().network(), tokenizeFnFor(bundle), options, &progress.feedback());
            progress.finish();
            printResult(args->json ? QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact).toStdString()
                                   : report.toText().toStdString());
            return 0;
        };
    });
}

}  // namespace ms::cli
