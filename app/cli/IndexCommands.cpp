// The activation index from the command line:
//   multiscope-cli index --model M --images DIR --index OUT [--layers L1,L2] [--batch B]
//                        [--threads T] [--shard I/N] [--report]
//   multiscope-cli top --index DIR --layer L --unit U [-k 16] [--bottom] [--by max|mean] [--json]
//   multiscope-cli scores --index DIR --layer L --unit U [--by max|mean] --out FILE.npy
//   multiscope-cli merge --out DIR SHARD_DIR...

#include "CliCommand.h"
#include "CliProgress.h"
#include "ModelOptions.h"

#include "analysis/UnitScoresExport.h"
#include "index/ClipActivationSource.h"
#include "index/IndexMerge.h"
#include "index/IndexReader.h"
#include "index/IndexRun.h"
#include "index/JsonPath.h"
#include "util/Log.h"

#include <QJsonObject>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace ms::cli {
namespace {

void addIndex(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("index", "Index a folder of images: per unit spatial max, mean and argmax (resumable)");
    auto model = std::make_shared<ModelOptions>();
    struct Args {
        std::string images, index, shard;
        std::vector<std::string> layers;
        int batch = 0;
        bool report = false;
    };
    auto args = std::make_shared<Args>();
    addModelOptions(*cmd, *model);
    cmd->add_option("--images", args->images, "Folder of images (walked recursively)")->required();
    cmd->add_option("--index", args->index, "Index folder (created, or resumed/updated)")->required();
    cmd->add_option("--layers", args->layers, "Capture points (default: the model's default layer)")->delimiter(',');
    cmd->add_option("--batch", args->batch, "Images per batch (fixed for an index)")->check(CLI::PositiveNumber);
    cmd->add_option("--shard", args->shard, "Process shard I of N (I from 1); merge the shards with `merge`");
    cmd->add_flag("--report", args->report, "After the run, print each bad file as a JSON line {\"path\", \"reason\"}");
    cmd->callback([&chosen, model, args] {
        chosen.run = [model, args] {
            const ModelBundle bundle = loadModel(*model);
            ClipActivationSource source(bundle.model(), model->threads, bundle.defaultLayer());
            IndexOptions options;
            options.model = model->model;
            options.imagesDir = args->images;
            options.indexDir = args->index;
            options.layers = args->layers;
            options.batchSize = args->batch;
            options.threads = model->threads;
            if (!args->shard.empty()) options.shard = parseShardSpec(args->shard);
            CliProgress progress("index");
            const IndexReport report = runIndexing(options, source, progress.feedback());
            progress.finish();
            logInfo(std::to_string(report.indexed) + " images indexed, " + std::to_string(report.unchanged) +
                    " unchanged, " + std::to_string(report.errors.size()) + " bad files; " +
                    std::to_string(report.totalImages) + " images in the index");
            if (args->report) {
                std::string lines;
                for (const IndexIssue& e : report.errors)
                    lines += nlohmann::json{{"path", jsonPath(e.path)}, {"reason", e.reason}}.dump() + "\n";
                if (!lines.empty()) {
                    lines.pop_back();
                    printResult(lines);
                }
            }
            return 0;
        };
    });
}

void addTop(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("top", "The images that most (or least) activate a unit");
    struct Args {
        std::string index, layer, by = "max";
        long unit = 0;
        int k = 16;
        bool bottom = false, json = false;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("--index", args->index, "Index folder")->required();
    cmd->add_option("--layer", args->layer, "Capture point")->required();
    cmd->add_option("--unit", args->unit, "Unit (channel) number")->required()->check(CLI::NonNegativeNumber);
    cmd->add_option("-k", args->k, "How many images")->check(CLI::PositiveNumber);
    cmd->add_flag("--bottom", args->bottom, "The least activating images instead");
    cmd->add_option("--by", args->by, "Score: the unit's spatial max or mean")->check(CLI::IsMember({"max", "mean"}));
    cmd->add_flag("--json", args->json, "Print a JSON array of {path, score, x, y}");
    cmd->callback([&chosen, args] {
        chosen.run = [args] {
            const auto reader = IndexReader::open(args->index);
            const auto hits = reader->top(args->layer, args->unit, args->k, args->bottom, parseScoreKind(args->by));
            std::string out;
            if (args->json) {
                nlohmann::json array = nlohmann::json::array();
                for (const TopHit& h : hits)
                    array.push_back({{"path", jsonPath(h.path)}, {"score", h.score}, {"x", h.x}, {"y", h.y}});
                out = array.dump();
            } else {
                for (const TopHit& h : hits) {
                    char line[64];
                    std::snprintf(line, sizeof line, "%10.4f  (%d,%d)  ", h.score, h.x, h.y);
                    out += line + jsonPath(h.path) + "\n";
                }
            }
            if (!out.empty() || args->json) printResult(out);
            return 0;
        };
    });
}

void addScores(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("scores", "A unit's score on every indexed image, as .npy (paths and provenance beside it)");
    struct Args {
        std::string index, layer, by = "max", out;
        long unit = 0;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("--index", args->index, "Index folder")->required();
    cmd->add_option("--layer", args->layer, "Capture point")->required();
    cmd->add_option("--unit", args->unit, "Unit (channel) number")->required()->check(CLI::NonNegativeNumber);
    cmd->add_option("--by", args->by, "Score: the unit's spatial max or mean")->check(CLI::IsMember({"max", "mean"}));
    cmd->add_option("--out", args->out, "The .npy file (FILE.paths.txt and FILE.json are written beside it)")->required();
    cmd->callback([&chosen, args] {
        chosen.run = [args] {
            const auto reader = IndexReader::open(args->index);
            UnitScoresExportRequest request;
            request.indexes = {{QString::fromStdString(reader->info().imagesRoot), QString::fromStdString(args->index)}};
            request.modelHash = reader->info().modelHash;
            request.layer = reader->layer(args->layer).name;
            request.unit = int(args->unit);
            request.by = parseScoreKind(args->by);
            request.path = QString::fromStdString(args->out);
            request.relativePaths = true;
            request.provenance = QJsonObject{{"model", QString::fromStdString(reader->info().modelSource)}};
            const int64_t pictures = exportUnitScores(request);
            logInfo("wrote " + std::to_string(pictures) + " scores to " + args->out);
            return 0;
        };
    });
}

void addMerge(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("merge", "Combine shard indexes into one (identical to a single-machine run)");
    auto out = std::make_shared<std::string>();
    auto shards = std::make_shared<std::vector<std::string>>();
    cmd->add_option("--out", *out, "Merged index folder")->required();
    cmd->add_option("shards", *shards, "Shard index folders")->required();
    cmd->callback([&chosen, out, shards] {
        chosen.run = [out, shards] {
            CliProgress progress("merge");
            mergeIndexes(*out, *shards, &progress.feedback());
            progress.finish();
            return 0;
        };
    });
}

}  // namespace

void addIndexCommands(CLI::App& app, Command& chosen) {
    addIndex(app, chosen);
    addTop(app, chosen);
    addScores(app, chosen);
    addMerge(app, chosen);
}

}  // namespace ms::cli
