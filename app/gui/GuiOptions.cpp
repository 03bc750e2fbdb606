#include "GuiOptions.h"

#include <algorithm>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ms {

bool asksForHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "-h" || a == "--help" || a == "-v" || a == "--version" || a == "--help-all") return true;
    }
    return false;
}

GuiOptions parseGuiOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Multiscope: explore the neurons of vision-language models such as CLIP."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QCoreApplication::translate("main", "Compute threads (default: all cores)."),
                                     QStringLiteral("N"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QCoreApplication::translate("main", "User interface language (en, de)."),
                                      QStringLiteral("code"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("main", "Save a PNG of the main window once the model is loaded and every panel has filled, then quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption screenshotTimeout(
        QStringLiteral("screenshot-timeout"),
        QCoreApplication::translate("main", "With --screenshot: seconds to wait for the panels to fill (default 600)."),
        QStringLiteral("seconds"), QStringLiteral("600"));
    const QCommandLineOption resetLayout(QStringLiteral("reset-layout"),
                                         QCoreApplication::translate("main", "Start with the default dock layout."));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QCoreApplication::translate("main", "Model to open: a .pt/.safetensors file, 'bundled' (the default) or a checkpoint "
                                            "name such as RN50x4 (offered for download when missing)."),
        QStringLiteral("model"));
    const QCommandLineOption goTo(
        QStringLiteral("goto"),
        QCoreApplication::translate("main", "Open at this unit: visual.layer4.5.add:89 or a multiscope:// address."),
        QStringLiteral("unit"));
    parser.addOptions({threads, language, screenshot, screenshotTimeout, resetLayout, model, goTo});
    parser.process(app);

    GuiOptions options;
    if (parser.isSet(threads)) {
        bool ok = false;
        options.threads = parser.value(threads).toInt(&ok);
        if (!ok || options.threads < 1) {
            std::fprintf(stderr, "multiscope: --threads needs a positive number, not '%s'\n",
                         qPrintable(parser.value(threads)));
            std::exit(2);
        }
    }
    options.language = parser.value(language);
    options.screenshotPath = parser.value(screenshot);
    options.screenshotTimeout = std::max(1, parser.value(screenshotTimeout).toInt());
    options.resetLayout = parser.isSet(resetLayout);
    options.model = parser.value(model);
    options.goTo = parser.value(goTo);
    return options;
}

}  // namespace ms
