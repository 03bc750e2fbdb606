#include "jobs/Feedback.h"

#include <algorithm>
#include <chrono>

namespace ms {

std::int64_t steadyMilliseconds() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

Feedback::Feedback(ProgressFn onProgress, PartialFn onPartial, Clock clock)
    : m_onProgress(std::move(onProgress)),
      m_onPartial(std::move(onPartial)),
      m_clock(clock ? std::move(clock) : Clock(steadyMilliseconds)) {}

void Feedback::setProgress(double fraction, const std::string& message) {
    m_progress = std::clamp(fraction, 0.0, 1.0);
    if (!m_onProgress) return;
    const std::int64_t now = m_clock();
    const bool first = m_lastForwarded < 0.0;
    const bool bigStep = m_progress - m_lastForwarded >= kMinProgressStep;
    const bool longWait = now - m_lastForwardedAt >= kMinProgressIntervalMs;
    const bool finished = m_progress >= 1.0 && m_lastForwarded < 1.0;
    if (!(first || bigStep || longWait || finished)) return;
    m_lastForwarded = m_progress;
    m_lastForwardedAt = now;
    m_onProgress(m_progress, message);
}

void Feedback::publishPartial(std::shared_ptr<const JobOutput> partial) {
    if (m_onPartial) m_onPartial(std::move(partial));
}

}  // namespace ms
