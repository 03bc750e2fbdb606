#include "shell/MainWindow.h"

#include "docks/LogDock.h"
#include "jobs/ComputeWorker.h"
#include "shell/AboutText.h"
#include "shell/LanguageSwitcher.h"
#include "shell/WorkerStatusWidget.h"
#include "util/BuildInfo.h"

#include <QActionGroup>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

namespace ms {
namespace {
// Bump when docks are renamed or removed, so that an old saved state is not applied.
constexpr int kLayoutVersion = 1;
const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
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

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi() {
    setWindowTitle(tr("Multiscope"));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Multiscope"));
    m_aboutQtAction->setText(tr("About &Qt"));
}

}  // namespace ms
