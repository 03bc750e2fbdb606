#include "util/LogRelay.h"

namespace ms {

LogRelay::LogRelay(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ms::LogLevel>("ms::LogLevel");
    setLogSink([this](LogLevel level, const std::string& message) {
        Q_EMIT messageLogged(level, QString::fromStdString(message));
    });
}

LogRelay::~LogRelay() { setLogSink({}); }

}  // namespace ms
