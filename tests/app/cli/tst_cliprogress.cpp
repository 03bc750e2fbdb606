// The CLI's progress off a terminal (a batch job's log): plain lines at the chosen interval,
// none between, and an ETA that counts from where a resumed job started.
#include "cli/CliProgress.h"

#include <QTemporaryFile>
#include <QtTest>

#include <cstdio>
#include <thread>
#include <unistd.h>

using namespace ms;
using namespace std::chrono_literals;

namespace {

// Runs `body` with stderr going to a file; returns what was written.
template <typename Body>
QByteArray captureStderr(Body body) {
    QTemporaryFile file;
    if (!file.open()) return "cannot open a temporary file";
    std::fflush(stderr);
    const int saved = ::dup(STDERR_FILENO);
    ::dup2(file.handle(), STDERR_FILENO);
    body();
    std::fflush(stderr);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    file.seek(0);
    return file.readAll();
}

}  // namespace

class TestCliProgress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainLinesOffATerminalAtTheInterval() {
        const QByteArray out = captureStderr([] {
            cli::CliProgress progress("index", 150ms);
            for (int i = 1; i <= 40; ++i) {  // about 400 ms of work
                progress.feedback().setProgress(i / 40.0, "working");
                std::this_thread::sleep_for(10ms);
            }
        });
        const QList<QByteArray> lines = out.split('\n');
        const int plain = int(out.count('\n'));
        QVERIFY2(plain >= 1 && plain <= 3, out.constData());  // not one per report
        QVERIFY(!out.contains('\r') && !out.contains("\033["));  // no terminal controls in a log
        QVERIFY2(lines.first().startsWith("index: ") && lines.first().contains("working") && lines.first().contains("ETA"),
                 out.constData());
    }

    void shortRunsLeaveTheLogClean() {
        const QByteArray out = captureStderr([] {
            cli::CliProgress progress("index");  // the default: a line a minute
            for (int i = 1; i <= 10; ++i) progress.feedback().setProgress(i / 10.0);
        });
        QVERIFY2(out.isEmpty(), out.constData());
    }

    void etaOfAResumedRunCountsFromItsStart() {
        // Resumed at 90%: 0.1% more took ~100 ms, so the remaining 9.9% take ~10 s — not the
        // ~0 s an estimate from 0% would say.
        const QByteArray out = captureStderr([] {
            cli::CliProgress progress("train", 0ms);
            progress.feedback().setProgress(0.9);
            std::this_thread::sleep_for(120ms);
            progress.feedback().setProgress(0.901);
        });
        const QByteArray last = out.trimmed().split('\n').last();
        const int eta = last.lastIndexOf("ETA ");
        QVERIFY2(eta > 0, out.constData());
        const QList<QByteArray> hms = last.mid(eta + 4).trimmed().split(':');
        QCOMPARE(hms.size(), 3);
        const int seconds = hms[0].toInt() * 3600 + hms[1].toInt() * 60 + hms[2].toInt();
        QVERIFY2(seconds >= 8 && seconds <= 30, last.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliProgress)
#include "tst_cliprogress.moc"
