#pragma once
// How subcommands of multiscope-cli are put together: each file registers one subcommand on
// the CLI11 app and, when it is the one chosen, fills in the Command to run. Results go to
// stdout; logs, progress and errors go to stderr.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace ms::cli {

struct Command {
    std::function<int()> run;
    // Drawing text needs a QGuiApplication; the CLI then starts one on the offscreen platform.
    bool drawsText = false;
};

void addAboutCommand(CLI::App& app, Command& chosen);
void addGenerateCommand(CLI::App& app, Command& chosen);
void addTokenizeCommand(CLI::App& app, Command& chosen);
void addTrainCommand(CLI::App& app, Command& chosen);
void addQuantizeCommand(CLI::App& app, Command& chosen);
// The model commands (issue 3's CLI contract), sharing ModelOptions.h.
void addInfoCommand(CLI::App& app, Command& chosen);
void addLayersCommand(CLI::App& app, Command& chosen);
void addPreprocessCommand(CLI::App& app, Command& chosen);
void addEmbedCommand(CLI::App& app, Command& chosen);
void addActivationsCommand(CLI::App& app, Command& chosen);
void addEvaluateCommand(CLI::App& app, Command& chosen);
void addIndexCommands(CLI::App& app, Command& chosen);  // index, top, merge
void addVisCommand(CLI::App& app, Command& chosen);
void addModelsCommands(CLI::App& app, Command& chosen);  // models, download, verify
void addProbeCommands(CLI::App& app, Command& chosen);   // probe, attack
void addWordsCommand(CLI::App& app, Command& chosen);

// Writes to stdout exactly what the caller gives (the requested output only), plus a newline.
void printResult(const std::string& text);

}  // namespace ms::cli
