// The executables' conventions: --help and --version on stdout with status 0, unknown
// options rejected with a non-zero status, `about --json` prints only JSON, and the CLI runs
// with no display and no QT_QPA_PLATFORM.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString& program, const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(120000)) qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QProcessEnvironment headlessEnvironment() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    return env;
}

}  // namespace

class TestCliBasics : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cliHelpAndVersion() {
        Run help = run(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("--help")}, headlessEnvironment());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("about"));
        Run version = run(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("--version")}, headlessEnvironment());
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.trimmed().endsWith(MULTISCOPE_VERSION));
    }

    void cliRejectsUnknownInput() {
        Run bad = run(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("no-such-command")}, headlessEnvironment());
        QVERIFY(bad.exitCode != 0);
        QVERIFY(bad.out.isEmpty());
        QVERIFY(!bad.err.isEmpty());
        Run none = run(QStringLiteral(MULTISCOPE_CLI), {}, headlessEnvironment());
        QVERIFY(none.exitCode != 0);
    }

    void aboutJsonIsTheOnlyOutputOnStdout() {
        Run about = run(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("about"), QStringLiteral("--json"),
                                                         QStringLiteral("--threads"), QStringLiteral("1")},
                        headlessEnvironment());
        QCOMPARE(about.exitCode, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(about.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(QStringLiteral("multiscope")).toString(), QStringLiteral(MULTISCOPE_VERSION));
        QVERIFY(o.value(QStringLiteral("libtorch")).toString().startsWith(QStringLiteral("1.13")));
        QCOMPARE(o.value(QStringLiteral("threads")).toInt(), 1);
    }

    void generateWritesADeterministicLabelledFolderWithoutADisplay() {
        QTemporaryDir a, b;
        for (const QString& dir : {a.path(), b.path()}) {
            Run gen = run(QStringLiteral(MULTISCOPE_CLI),
                          {QStringLiteral("generate"), QStringLiteral("--out"), dir, QStringLiteral("--count"),
                           QStringLiteral("12"), QStringLiteral("--seed"), QStringLiteral("4"), QStringLiteral("--size"),
                           QStringLiteral("64")},
                          headlessEnvironment());
            QVERIFY2(gen.exitCode == 0, gen.err.constData());
            QVERIFY(gen.out.isEmpty());
        }
        const QStringList files = QDir(a.path()).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 13);  // 12 PNGs + labels.csv
        for (const QString& f : files) {
            QFile x(QDir(a.path()).filePath(f)), y(QDir(b.path()).filePath(f));
            QVERIFY(x.open(QIODevice::ReadOnly) && y.open(QIODevice::ReadOnly));
            QVERIFY2(x.readAll() == y.readAll(), qPrintable(f));
        }
        QFile labels(QDir(a.path()).filePath(QStringLiteral("labels.csv")));
        QVERIFY(labels.open(QIODevice::ReadOnly));
        QVERIFY(labels.readLine().startsWith("file,concept,rendition,colour,caption,overlay_word"));
        Run bad = run(QStringLiteral(MULTISCOPE_CLI), {QStringLiteral("generate"), QStringLiteral("--out"), a.path()},
                      headlessEnvironment());
        QVERIFY(bad.exitCode != 0);
    }

    void guiHelpAndVersion() {
        Run help = run(QStringLiteral(MULTISCOPE_GUI), {QStringLiteral("--help")}, headlessEnvironment());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--screenshot"));
        Run version = run(QStringLiteral(MULTISCOPE_GUI), {QStringLiteral("--version")}, headlessEnvironment());
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(MULTISCOPE_VERSION));
    }

    void guiStartsOffscreenAndGrabsItsWindow() {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("window.png"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        Run shot = run(QStringLiteral(MULTISCOPE_GUI), {QStringLiteral("--screenshot"), png, QStringLiteral("--screenshot-timeout"), QStringLiteral("20")}, env);
        QCOMPARE(shot.exitCode, 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
    }

    void guiStartsUnderXvfb() {
        // A real X server (Xvfb), as a desktop user would run it. setup-deps.sh installs xvfb.
        const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
        QVERIFY2(!xvfbRun.isEmpty(), "xvfb-run is missing: run packaging/setup-deps.sh");
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("xvfb.png"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        Run shot = run(xvfbRun, {QStringLiteral("-a"), QStringLiteral(MULTISCOPE_GUI), QStringLiteral("--screenshot"), png,
                                 QStringLiteral("--screenshot-timeout"), QStringLiteral("20")}, env);
        QVERIFY2(shot.exitCode == 0, shot.err.constData());
        QVERIFY(!QImage(png).isNull());
    }
};

QTEST_GUILESS_MAIN(TestCliBasics)
#include "tst_cli_basics.moc"
