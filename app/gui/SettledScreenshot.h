#pragma once
// `--screenshot FILE`: grabs the main window once it has settled — the model loaded and the
// compute worker idle for two seconds (the panels have filled: examples indexed, words
// scored, feature visualization done) — or after `maxWaitSeconds` at most, then quits.

#include <QObject>
#include <QSet>
#include <QString>

class QTimer;
class QWidget;

namespace ms {

class ComputeWorker;
class ModelSession;

class SettledScreenshot : public QObject {
    Q_OBJECT
public:
    // waitForModel: a model is being opened (else the window settles without one).
    SettledScreenshot(QWidget* window, ComputeWorker* worker, ModelSession* session, QString path, bool waitForModel,
                      int maxWaitSeconds);

private:
    void check();
    void grab();

    QWidget* m_window;
    QString m_path;
    QSet<quint64> m_active;
    bool m_modelReady = false;
    qint64 m_idleSince = -1;
    qint64 m_started = 0;
    qint64 m_maxWaitMs = 0;
    QTimer* m_timer;
};

}  // namespace ms
