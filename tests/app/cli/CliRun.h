#pragma once
// Runs multiscope-cli as a user would (a separate process, no display) and keeps what it
// printed, for the command-line contract tests.

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

namespace ms::test {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    // The diagnostic when a run did not do what a test expected.
    QByteArray report() const { return "exit " + QByteArray::number(exitCode) + ", stderr: " + err; }
};

// No display and a model cache folder of the test's choosing (empty: an empty one made here),
// so that nothing on the machine (~/.cache/clip) changes the outcome.
inline QProcessEnvironment cliEnvironment(const QString& modelDir) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.insert(QStringLiteral("MULTISCOPE_MODEL_DIR"), modelDir);
    return env;
}

inline CliRun runCli(const QStringList& args, const QProcessEnvironment& env) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MULTISCOPE_CLI), args);
    if (!p.waitForFinished(240000)) qFatal("multiscope-cli %s did not finish", qPrintable(args.join(' ')));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

}  // namespace ms::test
