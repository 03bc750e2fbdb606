#include "StallMeter.h"

#include <algorithm>

namespace ms::bench {

StallMeter::StallMeter(int heartbeatMs, QObject* parent) : QObject(parent), m_heartbeatMs(heartbeatMs) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(heartbeatMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_gaps.push_back((now - m_lastNs) / 1e6);
        m_lastNs = now;
    });
}

void StallMeter::start() {
    m_gaps.clear();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallMeter::stop() { m_timer.stop(); }

double StallMeter::worstStallMs() const {
    if (m_gaps.empty()) return 0;
    return std::max(0.0, *std::max_element(m_gaps.begin(), m_gaps.end()) - m_heartbeatMs);
}

double StallMeter::percentileMs(double p) const {
    if (m_gaps.empty()) return 0;
    std::vector<double> sorted = m_gaps;
    std::sort(sorted.begin(), sorted.end());
    const size_t i = std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1)));
    return std::max(0.0, sorted[i] - m_heartbeatMs);
}

}  // namespace ms::bench
