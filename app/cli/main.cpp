// multiscope-cli: the headless command line for heavy jobs (indexing, feature visualization,
// export). Runs with no display; stdout carries only the requested output.

#include "CliCommand.h"

#include "util/Log.h"

#include <QCoreApplication>

#include <cstdio>
#include <exception>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Multiscope"));
    QCoreApplication::setApplicationName(QStringLiteral("multiscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MULTISCOPE_VERSION));
    ms::setLogSink([](ms::LogLevel level, const std::string& message) {
        if (level == ms::LogLevel::Debug) return;
        std::fprintf(stderr, "multiscope-cli: %s: %s\n", ms::logLevelName(level), message.c_str());
    });

    CLI::App cli{"multiscope-cli: headless Multiscope (indexing, feature visualization, export)",
                 "multiscope-cli"};
    cli.set_version_flag("--version", std::string("multiscope-cli ") + MULTISCOPE_VERSION);
    cli.require_subcommand(1);
    ms::cli::Runner run;
    ms::cli::addAboutCommand(cli, run);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);  // --help and --version exit 0 on stdout; usage errors on stderr
    }
    try {
        return run ? run() : 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "multiscope-cli: error: %s\n", e.what());
        return 1;
    }
}
