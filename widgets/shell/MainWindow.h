#pragma once
// The main window shell: menus, the dock framework later panels plug into, the status
// bar's worker view and the log dock. Dock layout persists through QSettings.

#include <QMainWindow>

class QActionGroup;
class QMenu;
class QSettings;

namespace ms {

class ComputeWorker;
class GetModelDialog;
class LanguageSwitcher;
class LogDock;
class WorkerStatusWidget;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ComputeWorker* worker, LanguageSwitcher* languages, QWidget* parent = nullptr);

    // Adds a dock (which must have an objectName) and its toggle in the View menu.
    void addDock(QDockWidget* dock, Qt::DockWidgetArea area);

    void saveLayout(QSettings& settings) const;
    // Returns false when the settings hold no layout or one from an incompatible version.
    bool restoreLayout(QSettings& settings);

    LogDock* logDock() const { return m_logDock; }
    WorkerStatusWidget* workerStatus() const { return m_workerStatus; }
    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    QMenu* helpMenu() const { return m_helpMenu; }

    void showAbout();

    // The model the views show (a file path; empty until one is opened).
    QString currentModelPath() const { return m_modelPath; }
    // Makes `path` the current model: window title, recent list, modelOpened().
    void openModel(const QString& path, const QString& displayName = {});
    // What --model takes: "bundled", a checkpoint name or a path. A checkpoint that is not
    // downloaded yet opens the Get model dialog offering it. False when nothing opened (yet).
    bool openModelArgument(const QString& argument);
    // File → Get model…; `offer` preselects a checkpoint name.
    GetModelDialog* showGetModelDialog(const QString& offer = {});

Q_SIGNALS:
    void modelOpened(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void createMenus();
    void createLanguageMenu();
    void retranslateUi();
    void rebuildRecentMenu();

    ComputeWorker* m_worker;
    LanguageSwitcher* m_languages;
    LogDock* m_logDock;
    WorkerStatusWidget* m_workerStatus;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_docksSeparator = nullptr;
    QAction* m_getModelAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QString m_modelPath;
    QString m_modelName;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
};

}  // namespace ms
