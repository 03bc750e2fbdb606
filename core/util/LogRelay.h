#pragma once
// Turns core's logging callback into a Qt signal, so that GUI code can receive messages
// logged on any thread through an (automatically queued) connection.

#include "util/Log.h"

#include <QObject>
#include <QString>

namespace ms {

class LogRelay : public QObject {
    Q_OBJECT
public:
    // Installs itself as the process's log sink; the destructor removes it.
    explicit LogRelay(QObject* parent = nullptr);
    ~LogRelay() override;

Q_SIGNALS:
    void messageLogged(ms::LogLevel level, const QString& message);
};

}  // namespace ms

Q_DECLARE_METATYPE(ms::LogLevel)
