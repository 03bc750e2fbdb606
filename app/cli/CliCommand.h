#pragma once
// How subcommands of multiscope-cli are put together: each file registers one subcommand on
// the CLI11 app and returns the function that runs it. Results go to stdout; logs, progress
// and errors go to stderr.

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace ms::cli {

using Runner = std::function<int()>;

// A user error: printed as "multiscope-cli: error: <message>" and exit status 1.
struct CliError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The subcommands; each adds itself to app and sets run when it is the one chosen.
void addAboutCommand(CLI::App& app, Runner& run);

// Writes to stdout exactly what the caller gives (the requested output only).
void printResult(const std::string& text);

}  // namespace ms::cli
