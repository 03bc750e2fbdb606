#pragma once
// The panels' tests run on the rn_tiny reference model: a one-thread compute worker and a
// ModelSession that has loaded it (the BPE vocabulary comes from the fixtures folder).

#include "TestSupport.h"

#include "jobs/ComputeWorker.h"
#include "session/ModelSession.h"

#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include <memory>

namespace ms::test {

// Settings and the app's data folder of the test, empty, not the user's.
inline void useEmptyTestAppData() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

inline QString tinyModelPath() { return fixturePath(QStringLiteral("clip/rn_tiny/weights.safetensors")); }

struct TinyModelSession {
    std::unique_ptr<ComputeWorker> worker = std::make_unique<ComputeWorker>(ComputeWorker::Options{1});
    std::unique_ptr<ModelSession> session = std::make_unique<ModelSession>(worker.get());

    // False (with a test failure recorded) when the model did not load within a minute.
    bool load() {
        qputenv("MULTISCOPE_MODEL_DIR", fixturePath(QStringLiteral("clip")).toUtf8());
        QSignalSpy loaded(session.get(), &ModelSession::modelLoaded);
        session->load(tinyModelPath());
        return loaded.wait(60'000) && session->bundle();
    }
};

}  // namespace ms::test
