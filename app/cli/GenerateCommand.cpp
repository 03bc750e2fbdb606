// `multiscope-cli generate --out DIR --count N --seed S`: a folder of the generated
// multimodal world (PNGs + labels.csv).

#include "CliCommand.h"
#include "CliProgress.h"

#include "jobs/ComputeThread.h"
#include "world/WorldFolder.h"

#include <memory>

namespace ms::cli {

void addGenerateCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("generate", "Write a folder of generated labelled images (photos, drawings, icons, words, attacks, scenes)");
    struct Args {
        std::string out;
        std::uint64_t count = 0;
        std::uint64_t seed = 0;
        int size = 128;
        double difficulty = 1.0;
        int threads = 0;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("--out", args->out, "Folder to write (created if missing)")->required();
    cmd->add_option("--count", args->count, "Number of images")->required()->check(CLI::PositiveNumber);
    cmd->add_option("--seed", args->seed, "Random seed (same seed, same bytes)")->required();
    cmd->add_option("--size", args->size, "Image side in pixels")->check(CLI::Range(32, 1024));
    cmd->add_option("--difficulty", args->difficulty, "0: large upright words, plain backgrounds … 1: full variety")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--threads", args->threads, "Threads (default: all cores)")->check(CLI::PositiveNumber);
    cmd->callback([&chosen, args] {
        chosen.drawsText = true;
        chosen.run = [args] {
            CliProgress progress("generate");
            writeWorldFolder(QString::fromStdString(args->out), args->count, args->seed,
                             WorldOptions{args->size, args->difficulty},
                             args->threads > 0 ? args->threads : defaultComputeThreads(), &progress.feedback());
            progress.finish();
            return 0;
        };
    });
}

}  // namespace ms::cli
