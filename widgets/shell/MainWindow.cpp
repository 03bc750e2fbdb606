#include "shell/MainWindow.h"

#include "catalog/ModelLocator.h"
#include "docks/LogDock.h"
#include "download/ModelFiles.h"
#include "jobs/ComputeWorker.h"
#include "models/GetModelDialog.h"
#include "shell/AboutText.h"
#include "shell/LanguageSwitcher.h"
#include "shell/WorkerStatusWidget.h"
#include "util/BuildInfo.h"
#include "util/Error.h"
#include "util/Log.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include <optional>

namespace ms {
namespace {
// Bump when docks are renamed or removed, so that an old saved state is not applied.
constexpr int kLayoutVersion = 1;
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kRecentModelsKey = QStringLiteral("models/recent");
constexpr int kMaxRecentModels = 8;
}  // namespace

MainWindow::MainWindow(ComputeWorker* worker, LanguageSwitcher* languages, QWidget* parent)
    : QMainWindow(parent),
      m_worker(worker),
      m_languages(languages),
      m_logDock(new LogDock(this)),
      m_workerStatus(new WorkerStatusWidget(worker, this)) {
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/multiscope.svg")));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    createMenus();
    statusBar()->addPermanentWidget(m_workerStatus, 1);
    addDock(m_logDock, Qt::BottomDockWidgetArea);
    resize(1280, 800);
    retranslateUi();
}

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_getModelAction = m_fileMenu->addAction(QString(), this, [this] { showGetModelDialog(); });
    m_getModelAction->setObjectName(QStringLiteral("getModelAction"));
    m_recentMenu = m_fileMenu->addMenu(QString());
    rebuildRecentMenu();
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_docksSeparator = m_viewMenu->addSeparator();
    createLanguageMenu();

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutQtAction = m_helpMenu->addAction(QString(), qApp, &QApplication::aboutQt);
}

void MainWindow::createLanguageMenu() {
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString& code : m_languages->languages()) {
        QAction* action = m_languageMenu->addAction(LanguageSwitcher::nativeName(code));
        action->setObjectName(QStringLiteral("language_") + code);
        action->setCheckable(true);
        action->setChecked(code == m_languages->current());
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, m_languages, [this, code] { m_languages->setLanguage(code); });
    }
}

void MainWindow::addDock(QDockWidget* dock, Qt::DockWidgetArea area) {
    Q_ASSERT(!dock->objectName().isEmpty());
    addDockWidget(area, dock);
    m_viewMenu->insertAction(m_docksSeparator, dock->toggleViewAction());
}

void MainWindow::saveLayout(QSettings& settings) const {
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kLayoutVersion));
}

bool MainWindow::restoreLayout(QSettings& settings) {
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (!geometry.isEmpty()) restoreGeometry(geometry);
    const QByteArray state = settings.value(kStateKey).toByteArray();
    return !state.isEmpty() && restoreState(state, kLayoutVersion);
}

void MainWindow::showAbout() {
    QMessageBox::about(this, tr("About Multiscope"), aboutText(buildInfo(m_worker->threads())));
}

void MainWindow::openModel(const QString& path, const QString& displayName) {
    const QFileInfo info(path);
    if (!info.isFile()) {
        logError(tr("Cannot open model: %1 is not a file").arg(path).toStdString());
        return;
    }
    m_modelPath = info.absoluteFilePath();
    m_modelName = displayName.isEmpty() ? info.completeBaseName() : displayName;
    QSettings settings;
    QStringList recent = settings.value(kRecentModelsKey).toStringList();
    recent.removeAll(m_modelPath);
    recent.prepend(m_modelPath);
    settings.setValue(kRecentModelsKey, QStringList(recent.mid(0, kMaxRecentModels)));
    rebuildRecentMenu();
    retranslateUi();
    logInfo(tr("Opened model %1 (%2)").arg(m_modelName, m_modelPath).toStdString());
    Q_EMIT modelOpened(m_modelPath);
}

bool MainWindow::openModelArgument(const QString& argument) {
    try {
        const QString path = QString::fromStdString(resolveModelPath(argument.toStdString()));
        openModel(path, argument == QLatin1String("bundled") ? tr("bundled model") : QString());
        return true;
    } catch (const Error& e) {
        std::optional<ModelFile> file;
        try {
            file = findModelFile(argument, checkpointBaseUrl());
        } catch (const Error&) {
        }
        if (file && file->kind == QLatin1String("checkpoint")) {
            showGetModelDialog(file->name);
            return false;
        }
        logError(e.what());
        statusBar()->showMessage(QString::fromUtf8(e.what()), 10'000);
        return false;
    }
}

GetModelDialog* MainWindow::showGetModelDialog(const QString& offer) {
    auto* dialog = new GetModelDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!offer.isEmpty()) dialog->offer(offer);
    connect(dialog, &GetModelDialog::modelReady, this, [this](const QString& name, const QString& path) { openModel(path, name); });
    dialog->open();  // window-modal, returns at once: downloads run while the app stays live
    return dialog;
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentModelsKey).toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openModel(path); })->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi() {
    setWindowTitle(m_modelName.isEmpty() ? tr("Multiscope") : tr("%1 — Multiscope").arg(m_modelName));
    m_fileMenu->setTitle(tr("&File"));
    m_getModelAction->setText(tr("&Get model…"));
    m_recentMenu->setTitle(tr("Open &recent model"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Multiscope"));
    m_aboutQtAction->setText(tr("About &Qt"));
}

}  // namespace ms
