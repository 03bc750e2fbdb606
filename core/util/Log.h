#pragma once
// Core never prints: it reports through one process-wide logging callback that the
// application installs (the GUI shows a log dock, the CLI writes to stderr).

#include <functional>
#include <string>

namespace ms {

enum class LogLevel { Debug, Info, Warning, Error };

using LogSink = std::function<void(LogLevel level, const std::string& message)>;

// Installs the sink that receives every message; an empty sink discards them.
// Thread-safe; the sink itself is called on the thread that logs.
void setLogSink(LogSink sink);

void log(LogLevel level, const std::string& message);
inline void logDebug(const std::string& m) { log(LogLevel::Debug, m); }
inline void logInfo(const std::string& m) { log(LogLevel::Info, m); }
inline void logWarning(const std::string& m) { log(LogLevel::Warning, m); }
inline void logError(const std::string& m) { log(LogLevel::Error, m); }

const char* logLevelName(LogLevel level);

}  // namespace ms
