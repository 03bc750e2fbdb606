// The Multiscope GUI: assembles the main window, the compute worker and the docks.

#include "GuiOptions.h"
#include "SettledScreenshot.h"

#include "catalog/ModelLocator.h"
#include "docks/LogDock.h"
#include "jobs/ComputeWorker.h"
#include "session/ModelSession.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"
#include "shell/Workbench.h"
#include "util/BuildInfo.h"
#include "util/Log.h"
#include "util/LogRelay.h"

#include <QApplication>
#include <QFileInfo>
#include <QSettings>

#include <cstdio>

namespace {
void setApplicationNames() {
    QCoreApplication::setOrganizationName(QStringLiteral("Multiscope"));
    QCoreApplication::setApplicationName(QStringLiteral("multiscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MULTISCOPE_VERSION));
}
}  // namespace

int main(int argc, char* argv[]) {
    if (ms::asksForHelpOrVersion(argc, argv)) {
        // Answer without a display: QApplication would abort when none is available.
        QCoreApplication core(argc, argv);
        setApplicationNames();
        ms::parseGuiOptions(core);  // prints and exits
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("Multiscope"));
    const ms::GuiOptions options = ms::parseGuiOptions(app);

    QSettings settings;
    ms::LogRelay logRelay;
    ms::ComputeWorker worker(ms::ComputeWorker::Options{options.threads});
    ms::LanguageSwitcher languages;
    const QString language = options.language.isEmpty()
                                 ? settings.value(QStringLiteral("language"), QStringLiteral("en")).toString()
                                 : options.language;
    if (!languages.setLanguage(language))
        std::fprintf(stderr, "multiscope: no translation for language '%s'\n", qPrintable(language));
    QObject::connect(&languages, &ms::LanguageSwitcher::languageChanged, &settings,
                     [&settings](const QString& code) { settings.setValue(QStringLiteral("language"), code); });

    ms::Workbench workbench(&worker, &languages);
    ms::MainWindow& window = *workbench.window();
    ms::ModelSession& session = *workbench.session();
    QObject::connect(&logRelay, &ms::LogRelay::messageLogged, window.logDock(), &ms::LogDock::appendMessage);
    if (!options.goTo.isEmpty()) workbench.goToWhenLoaded(options.goTo);
    if (!options.resetLayout) window.restoreLayout(settings);
    const ms::BuildInfo info = ms::buildInfo(worker.threads());
    ms::logInfo("Multiscope " + info.multiscope + " on LibTorch " + info.libtorch + ", compute device: " + info.device);
    window.show();
    bool opening = true;
    if (!options.model.isEmpty()) window.openModelArgument(options.model);
    else if (QFileInfo::exists(QString::fromStdString(ms::dataDir()) + QStringLiteral("/models/multiscope-bundled.safetensors")))
        window.openModelArgument(QStringLiteral("bundled"));
    else opening = false;

    if (!options.screenshotPath.isEmpty()) {
        new ms::SettledScreenshot(&window, &worker, &session, options.screenshotPath, opening, options.screenshotTimeout);
        return app.exec();
    }
    QObject::connect(&app, &QApplication::aboutToQuit, &window, [&] { window.saveLayout(settings); });
    return app.exec();
}
