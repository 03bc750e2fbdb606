#include "util/Log.h"

#include <memory>
#include <mutex>

namespace ms {
namespace {

std::mutex& sinkMutex() {
    static std::mutex m;
    return m;
}

// Held by shared_ptr so that a sink replaced while another thread logs stays alive.
std::shared_ptr<LogSink>& sinkSlot() {
    static std::shared_ptr<LogSink> s;
    return s;
}

}  // namespace

void setLogSink(LogSink sink) {
    auto next = sink ? std::make_shared<LogSink>(std::move(sink)) : nullptr;
    std::lock_guard<std::mutex> lock(sinkMutex());
    sinkSlot() = std::move(next);
}

void log(LogLevel level, const std::string& message) {
    std::shared_ptr<LogSink> sink;
    {
        std::lock_guard<std::mutex> lock(sinkMutex());
        sink = sinkSlot();
    }
    if (sink) (*sink)(level, message);
}

const char* logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "unknown";
}

}  // namespace ms
