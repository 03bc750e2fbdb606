// The Multiscope GUI: assembles the main window, the compute worker and the docks.

#include "GuiOptions.h"
#include "SettledScreenshot.h"

#include "annotations/AnnotationStore.h"
#include "catalog/ModelLocator.h"
#include "explorer/BrowserDock.h"
#include "explorer/ExamplesDock.h"
#include "explorer/FoldersDock.h"
#include "explorer/RenderedWordsDock.h"
#include "explorer/UnitResponseDock.h"
#include "docks/LogDock.h"
#include "export/NeuronCardExporter.h"
#include "featurevis/FeatureVisDock.h"
#include "probe/AttackBenchDock.h"
#include "probe/ProbeDock.h"
#include "jobs/ComputeWorker.h"
#include "session/ModelSession.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"
#include "util/BuildInfo.h"
#include "util/Log.h"
#include "util/LogRelay.h"

#include <QApplication>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

#include <cstdio>
#include <memory>

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

    ms::MainWindow window(&worker, &languages);
    QObject::connect(&logRelay, &ms::LogRelay::messageLogged, window.logDock(), &ms::LogDock::appendMessage);
    // The model every view works on: loaded on the worker whenever the window opens one.
    ms::ModelSession session(&worker);
    QObject::connect(&window, &ms::MainWindow::modelOpened, &session, &ms::ModelSession::load);
    QObject::connect(&session, &ms::ModelSession::loadFailed, &window, [](const QString& path, const QString& error) {
        ms::logError("cannot load " + path.toStdString() + ": " + error.toStdString());
    });
    std::unique_ptr<ms::AnnotationStore> annotations;
    try {
        annotations = std::make_unique<ms::AnnotationStore>();
    } catch (const std::exception& e) {  // an unwritable data folder: keep this session's notes in memory
        ms::logError(std::string("annotations: ") + e.what() + "; they will not be kept after this session");
        annotations = std::make_unique<ms::AnnotationStore>(QStringLiteral(":memory:"));
    }
    auto* browser = new ms::BrowserDock(&session, annotations.get(), &window);
    window.addDock(browser, Qt::LeftDockWidgetArea);
    auto* folders = new ms::FoldersDock(&session, &window);
    window.addDock(folders, Qt::LeftDockWidgetArea);
    auto* examples = new ms::ExamplesDock(&session, folders, &window);
    window.addDock(examples, Qt::RightDockWidgetArea);
    QObject::connect(browser, &ms::BrowserDock::unitSelected, examples, &ms::ExamplesDock::setUnit);
    auto* featureVis = new ms::FeatureVisDock(&session, &window);
    window.addDock(featureVis, Qt::RightDockWidgetArea);
    QObject::connect(browser, &ms::BrowserDock::unitSelected, featureVis, [featureVis](const QString& layer, int unit) {
        featureVis->setObjective(layer + QLatin1Char(':') + QString::number(unit));
    });
    auto* words = new ms::RenderedWordsDock(&session, &window);
    window.addDock(words, Qt::RightDockWidgetArea);
    window.tabifyDockWidget(examples, words);
    examples->raise();
    QObject::connect(browser, &ms::BrowserDock::unitSelected, words, &ms::RenderedWordsDock::setUnit);
    auto* response = new ms::UnitResponseDock(&session, folders, &window);
    window.addDock(response, Qt::RightDockWidgetArea);
    window.tabifyDockWidget(examples, response);
    examples->raise();
    QObject::connect(browser, &ms::BrowserDock::unitSelected, response, &ms::UnitResponseDock::setUnit);
    QObject::connect(words, &ms::RenderedWordsDock::unitActivated, browser, [browser](const QString& layer, int unit) {
        browser->goTo(layer + QLatin1Char(':') + QString::number(unit));
    });
    if (!options.goTo.isEmpty()) {
        // Once the model is loaded (the first time only).
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = QObject::connect(&session, &ms::ModelSession::modelLoaded, browser, [browser, once, address = options.goTo] {
            QObject::disconnect(*once);
            if (!browser->goTo(address)) ms::logError("--goto: no unit " + address.toStdString() + " in this model");
        });
    }
    auto* probe = new ms::ProbeDock(&session, &window);
    window.addDock(probe, Qt::LeftDockWidgetArea);
    window.fileMenu()->insertAction(window.fileMenu()->actions().value(1), probe->openAction());
    QObject::connect(examples, &ms::ExamplesDock::imageActivated, probe, [probe](const QString& path) {
        probe->show();
        probe->raise();
        probe->probeFile(path);
    });
    // Double-clicking a unit in the probe or the text probe opens its neuron page.
    QObject::connect(probe, &ms::ProbeDock::unitActivated, browser, [browser](const QString& layer, int unit) {
        browser->goTo(layer + QLatin1Char(':') + QString::number(unit));
    });
    auto* cardExporter = new ms::NeuronCardExporter(&session, {browser, featureVis, examples, words, response}, &window);
    const auto fileActions = window.fileMenu()->actions();  // before the separator above Quit
    window.fileMenu()->insertAction(fileActions.value(fileActions.size() - 2), cardExporter->action());
    auto* bench = new ms::AttackBenchDock(&session, &window);
    window.addDock(bench, Qt::LeftDockWidgetArea);
    window.tabifyDockWidget(probe, bench);
    probe->raise();
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
