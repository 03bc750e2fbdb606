#include "shell/Workbench.h"

#include "annotations/AnnotationStore.h"
#include "explorer/BrowserDock.h"
#include "explorer/ExamplesDock.h"
#include "explorer/FoldersDock.h"
#include "explorer/RenderedWordsDock.h"
#include "explorer/UnitResponseDock.h"
#include "export/NeuronCardExporter.h"
#include "featurevis/FeatureVisDock.h"
#include "probe/AttackBenchDock.h"
#include "probe/ProbeDock.h"
#include "session/ModelSession.h"
#include "shell/MainWindow.h"
#include "util/Log.h"

#include <QMenu>

namespace ms {
namespace {

std::unique_ptr<AnnotationStore> openAnnotations(const QString& path) {
    try {
        return path.isEmpty() ? std::make_unique<AnnotationStore>() : std::make_unique<AnnotationStore>(path);
    } catch (const std::exception& e) {  // an unwritable data folder: keep this session's notes in memory
        logError(std::string("annotations: ") + e.what() + "; they will not be kept after this session");
        return std::make_unique<AnnotationStore>(QStringLiteral(":memory:"));
    }
}

}  // namespace

Workbench::Workbench(ComputeWorker* worker, LanguageSwitcher* languages, const QString& annotationsPath)
    : m_session(std::make_unique<ModelSession>(worker)),
      m_annotations(openAnnotations(annotationsPath)),
      m_window(std::make_unique<MainWindow>(worker, languages)) {
    MainWindow* window = m_window.get();
    ModelSession* session = m_session.get();
    // The model every view works on: loaded on the worker whenever the window opens one.
    connect(window, &MainWindow::modelOpened, session, &ModelSession::load);
    connect(session, &ModelSession::loadFailed, window, [](const QString& path, const QString& error) {
        logError("cannot load " + path.toStdString() + ": " + error.toStdString());
    });

    m_browser = new BrowserDock(session, m_annotations.get(), window);
    window->addDock(m_browser, Qt::LeftDockWidgetArea);
    m_folders = new FoldersDock(session, window);
    window->addDock(m_folders, Qt::LeftDockWidgetArea);
    m_probe = new ProbeDock(session, window);
    m_probe->setMeanSource([this] { return m_folders->readyIndexList(); });
    window->addDock(m_probe, Qt::LeftDockWidgetArea);
    m_bench = new AttackBenchDock(session, window);
    window->addDock(m_bench, Qt::LeftDockWidgetArea);
    window->tabifyDockWidget(m_probe, m_bench);
    m_probe->raise();

    // The neuron page: the selected unit's panels.
    m_examples = new ExamplesDock(session, m_folders, window);
    window->addDock(m_examples, Qt::RightDockWidgetArea);
    m_featureVis = new FeatureVisDock(session, window);
    m_featureVis->setPrefetchNext(true);
    window->addDock(m_featureVis, Qt::RightDockWidgetArea);
    m_words = new RenderedWordsDock(session, m_folders, window);
    window->addDock(m_words, Qt::RightDockWidgetArea);
    m_response = new UnitResponseDock(session, m_folders, window);
    window->addDock(m_response, Qt::RightDockWidgetArea);
    window->tabifyDockWidget(m_examples, m_words);
    window->tabifyDockWidget(m_examples, m_response);
    m_examples->raise();
    connect(m_browser, &BrowserDock::unitSelected, m_examples, &ExamplesDock::setUnit);
    connect(m_browser, &BrowserDock::unitSelected, m_words, &RenderedWordsDock::setUnit);
    connect(m_browser, &BrowserDock::unitSelected, m_response, &UnitResponseDock::setUnit);
    connect(m_browser, &BrowserDock::unitSelected, m_featureVis, [this](const QString& layer, int unit) {
        m_featureVis->setObjective(layer + QLatin1Char(':') + QString::number(unit));
    });

    // Elsewhere: double-click a unit to open its page, a picture to probe it.
    auto goToUnit = [this](const QString& layer, int unit) { m_browser->goTo(layer + QLatin1Char(':') + QString::number(unit)); };
    connect(m_words, &RenderedWordsDock::unitActivated, m_browser, goToUnit);
    connect(m_probe, &ProbeDock::unitActivated, m_browser, goToUnit);
    connect(m_examples, &ExamplesDock::imageActivated, m_probe, [this](const QString& path) {
        m_probe->show();
        m_probe->raise();
        m_probe->probeFile(path);
    });

    QMenu* file = window->fileMenu();
    file->insertAction(file->actions().value(1), m_probe->openAction());
    m_cardExporter = new NeuronCardExporter(session, {m_browser, m_featureVis, m_examples, m_words, m_response}, window);
    const auto actions = file->actions();  // before the separator above Quit
    file->insertAction(actions.value(actions.size() - 2), m_cardExporter->action());
}

Workbench::~Workbench() = default;

void Workbench::goToWhenLoaded(const QString& address) {
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(m_session.get(), &ModelSession::modelLoaded, m_browser, [this, once, address] {
        QObject::disconnect(*once);
        if (!m_browser->goTo(address)) logError("--goto: no unit " + address.toStdString() + " in this model");
    });
}

}  // namespace ms
