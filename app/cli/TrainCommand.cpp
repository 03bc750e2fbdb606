// `multiscope-cli train --out DIR --seed S [--minutes M]`: trains (or resumes training) the
// project's small CLIP on the generated world and exports it with its sidecar.

#include "CliCommand.h"
#include "CliProgress.h"

#include "bundled/ClipTrainer.h"
#include "jobs/ComputeThread.h"
#include "util/Log.h"

#include <QCoreApplication>

#include <memory>

namespace ms::cli {

void addTrainCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("train", "Train the bundled model on the generated world (resumes from DIR when it holds a checkpoint)");
    auto o = std::make_shared<TrainerOptions>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("--out", *out, "Folder for checkpoints and the exported model")->required();
    cmd->add_option("--seed", o->seed, "Random seed")->required();
    cmd->add_option("--minutes", o->minutes, "Stop this sitting after M minutes (0: until --steps)");
    cmd->add_option("--steps", o->totalSteps, "Total optimisation steps (the schedule's length)")->check(CLI::PositiveNumber);
    cmd->add_option("--batch", o->batchSize, "Batch size")->check(CLI::Range(2, 4096));
    cmd->add_option("--lr", o->peakLearningRate, "Peak learning rate");
    cmd->add_option("--warmup", o->warmupSteps, "Warm-up steps");
    cmd->add_option("--checkpoint-minutes", o->checkpointMinutes, "Minutes between checkpoints");
    cmd->add_option("--threads", o->threads, "LibTorch threads (default: all cores)")->check(CLI::PositiveNumber);
    cmd->add_option("--data-threads", o->dataThreads, "Threads generating the next batch")->check(CLI::PositiveNumber);
    cmd->add_flag("--tiny", o->tiny, "A tiny architecture (tests)");
    cmd->add_flag("!--no-bf16", o->bf16, "Train in float32 only");
    cmd->callback([&chosen, o, out] {
        chosen.drawsText = true;
        chosen.run = [o, out] {
            o->outDir = QString::fromStdString(*out);
            // As a user would type it, whatever the executable's path.
            o->command = (QStringList{QStringLiteral("multiscope-cli")} + QCoreApplication::arguments().mid(1))
                             .join(QLatin1Char(' '));
            configureComputeThread(o->threads > 0 ? o->threads : defaultComputeThreads());
            ClipTrainer trainer(*o);
            if (trainer.resumeFromCheckpoint()) logInfo("resuming at step " + std::to_string(trainer.step()));
            CliProgress progress("train");
            trainer.run(progress.feedback());
            progress.finish();
            return 0;
        };
    });
}

}  // namespace ms::cli
