#pragma once
// Command-line options of the GUI executable.

#include <QString>

class QCoreApplication;

namespace ms {

struct GuiOptions {
    int threads = 0;           // compute threads; 0 = all cores
    QString language;          // empty: the saved choice
    QString screenshotPath;    // grab the main window to this PNG and quit
    int screenshotTimeout = 600;  // seconds to wait for the panels to fill before grabbing anyway
    bool resetLayout = false;  // ignore the saved dock layout
    QString model;             // --model; empty: the bundled model when installed
    QString goTo;              // --goto: "layer:unit" or a multiscope:// address
};

// Whether the arguments contain -h, --help, -v or --version.
bool asksForHelpOrVersion(int argc, char* argv[]);

// Parses the arguments; exits the process for --help, --version and bad arguments.
GuiOptions parseGuiOptions(const QCoreApplication& app);

}  // namespace ms
