// The main-window shell, offscreen: dock layout persistence, run-time language switch,
// the status bar's worker view with its cancel button, the log dock and Help → About.

#include "docks/LogDock.h"
#include "jobs/ComputeWorker.h"
#include "jobs/Feedback.h"
#include "shell/AboutText.h"
#include "shell/LanguageSwitcher.h"
#include "shell/MainWindow.h"
#include "shell/WorkerStatusWidget.h"
#include "util/BuildInfo.h"
#include "util/LogRelay.h"

#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <thread>

using namespace ms;

namespace {

// A second dock so that layout round-trips are checked with more than one panel.
QDockWidget* makeTestDock(QWidget* parent) {
    auto* dock = new QDockWidget(QStringLiteral("Test"), parent);
    dock->setObjectName(QStringLiteral("TestDock"));
    dock->setWidget(new QWidget);
    return dock;
}

QStringList menuTitles(QMainWindow& window) {
    QStringList titles;
    for (QAction* a : window.menuBar()->actions()) titles << a->text();
    return titles;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { m_languages.setLanguage(QStringLiteral("en")); }

    void dockLayoutRoundTripsThroughSettings() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
        ComputeWorker worker;
        {
            MainWindow window(&worker, &m_languages);
            QDockWidget* test = makeTestDock(&window);
            window.addDock(test, Qt::LeftDockWidgetArea);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QCOMPARE(window.dockWidgetArea(window.logDock()), Qt::BottomDockWidgetArea);
            window.addDockWidget(Qt::RightDockWidgetArea, window.logDock());
            test->hide();
            window.saveLayout(settings);
        }
        settings.sync();
        MainWindow restored(&worker, &m_languages);
        QDockWidget* test = makeTestDock(&restored);
        restored.addDock(test, Qt::LeftDockWidgetArea);
        QVERIFY(restored.restoreLayout(settings));
        restored.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restored));
        QCOMPARE(restored.dockWidgetArea(restored.logDock()), Qt::RightDockWidgetArea);
        QVERIFY(restored.logDock()->isVisible());
        QVERIFY(!test->isVisible());
    }

    void emptySettingsKeepTheDefaultLayout() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("none.ini")), QSettings::IniFormat);
        ComputeWorker worker;
        MainWindow window(&worker, &m_languages);
        QVERIFY(!window.restoreLayout(settings));
        QCOMPARE(window.dockWidgetArea(window.logDock()), Qt::BottomDockWidgetArea);
    }

    void viewMenuTogglesEachDock() {
        ComputeWorker worker;
        MainWindow window(&worker, &m_languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction* toggle = window.logDock()->toggleViewAction();
        QVERIFY(window.viewMenu()->actions().contains(toggle));
        QVERIFY(window.logDock()->isVisible());
        toggle->trigger();
        QVERIFY(!window.logDock()->isVisible());
        toggle->trigger();
        QVERIFY(window.logDock()->isVisible());
    }

    void languageSwitchRetranslatesTheDockAndMenus() {
        ComputeWorker worker;
        MainWindow window(&worker, &m_languages);
        window.show();
        QCOMPARE(window.logDock()->windowTitle(), QStringLiteral("Log"));
        QVERIFY(m_languages.languages().contains(QStringLiteral("de")));

        // Through the View → Language menu, as a user would.
        auto* german = window.findChild<QAction*>(QStringLiteral("language_de"));
        QVERIFY(german);
        german->trigger();
        QCOMPARE(m_languages.current(), QStringLiteral("de"));
        QTRY_COMPARE(window.logDock()->windowTitle(), QStringLiteral("Protokoll"));
        QCOMPARE(menuTitles(window), (QStringList{"&Datei", "&Ansicht", "&Hilfe"}));
        QCOMPARE(window.workerStatus()->statusText(), QStringLiteral("Bereit"));

        QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
        QTRY_COMPARE(window.logDock()->windowTitle(), QStringLiteral("Log"));
        QCOMPARE(menuTitles(window), (QStringList{"&File", "&View", "&Help"}));
        QVERIFY(!m_languages.setLanguage(QStringLiteral("xx")));
        QCOMPARE(m_languages.current(), QStringLiteral("en"));
    }

    void statusBarShowsTheRunningJobAndCancelsIt() {
        ComputeWorker worker;
        MainWindow window(&worker, &m_languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy statuses(&worker, &ComputeWorker::jobStatusChanged);
        const JobId id = worker.submit(std::make_unique<FunctionJob>("Indexing sample images", [](Feedback& feedback) {
            feedback.setProgress(0.5, "250 / 500 images");
            while (!feedback.isCanceled()) {
            }
            return Job::Step::MoreWork;
        }));
        WorkerStatusWidget* status = window.workerStatus();
        QTRY_COMPARE(status->shownJob(), id);
        QTRY_VERIFY(status->statusText().contains(QStringLiteral("Indexing sample images")));
        QTRY_VERIFY(status->statusText().contains(QStringLiteral("250 / 500 images")));
        auto* cancel = status->findChild<QToolButton*>(QStringLiteral("CancelJobButton"));
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(statuses.last().at(1).value<JobStatus>(), JobStatus::Canceled);
        QTRY_COMPARE(status->shownJob(), JobId(0));
        QCOMPARE(status->statusText(), QStringLiteral("Ready"));
        QVERIFY(!cancel->isVisible());
    }

    void logDockShowsMessagesFromAnyThread() {
        ComputeWorker worker;
        MainWindow window(&worker, &m_languages);
        LogRelay relay;
        connect(&relay, &LogRelay::messageLogged, window.logDock(), &LogDock::appendMessage);
        std::thread other([] { logWarning("cannot decode broken.jpg: truncated file"); });
        other.join();
        logDebug("hidden by the default filter");
        QTRY_COMPARE(window.logDock()->messageCount(), 2);
        QVERIFY(window.logDock()->text().contains(QStringLiteral("cannot decode broken.jpg: truncated file")));
        QVERIFY(!window.logDock()->text().contains(QStringLiteral("hidden by the default filter")));
    }

    void aboutNamesEveryVersionAndTheDevice() {
        const BuildInfo info = buildInfo(2);
        const QString text = aboutText(info);
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("1.13")));   // LibTorch
        QVERIFY(text.contains(QStringLiteral("4.6")));    // OpenCV
        QVERIFY(text.contains(QStringLiteral("CPU (2 threads)")));
        QVERIFY(text.contains(QStringLiteral(MULTISCOPE_VERSION)));
    }

private:
    LanguageSwitcher m_languages;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
