// multiscope-cli: the headless command line for heavy jobs (indexing, feature visualization,
// export). Runs with no display; stdout carries only the requested output.

#include "CliCommand.h"

#include "util/Log.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <exception>
#include <memory>

namespace {

void logToStderr(ms::LogLevel level, const std::string& message) {
    if (level == ms::LogLevel::Debug) return;
    std::fprintf(stderr, "multiscope-cli: %s: %s\n", ms::logLevelName(level), message.c_str());
}

// Commands that draw text get a QGuiApplication on the offscreen platform: no display needed.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[], bool drawsText) {
    std::unique_ptr<QCoreApplication> app;
    if (drawsText) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("Multiscope"));
    QCoreApplication::setApplicationName(QStringLiteral("multiscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MULTISCOPE_VERSION));
    return app;
}

}  // namespace

int main(int argc, char* argv[]) {
    ms::setLogSink(logToStderr);

    CLI::App cli{"multiscope-cli: headless Multiscope (indexing, feature visualization, export)", "multiscope-cli"};
    cli.set_version_flag("--version", std::string("multiscope-cli ") + MULTISCOPE_VERSION);
    cli.require_subcommand(1);
    // Usage errors in one line, like every other error (scripts read the last line of stderr).
    cli.failure_message([](const CLI::App*, const CLI::Error& e) {
        return std::string("multiscope-cli: error: ") + e.what() + " (see --help)\n";
    });
    ms::cli::Command command;
    ms::cli::addAboutCommand(cli, command);
    ms::cli::addGenerateCommand(cli, command);
    ms::cli::addTokenizeCommand(cli, command);
    ms::cli::addTrainCommand(cli, command);
    ms::cli::addQuantizeCommand(cli, command);
    ms::cli::addInfoCommand(cli, command);
    ms::cli::addLayersCommand(cli, command);
    ms::cli::addPreprocessCommand(cli, command);
    ms::cli::addEmbedCommand(cli, command);
    ms::cli::addActivationsCommand(cli, command);
    ms::cli::addEvaluateCommand(cli, command);
    ms::cli::addIndexCommands(cli, command);
    ms::cli::addVisCommand(cli, command);
    ms::cli::addModelsCommands(cli, command);
    ms::cli::addProbeCommands(cli, command);
    ms::cli::addWordsCommand(cli, command);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);  // --help and --version exit 0 on stdout; usage errors on stderr
    }
    const auto app = makeApplication(argc, argv, command.drawsText);
    try {
        return command.run ? command.run() : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "multiscope-cli: error: %s\n", e.what());
        return 1;
    }
}
