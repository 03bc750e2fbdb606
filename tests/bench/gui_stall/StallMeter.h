#pragma once
// Measures how long the GUI event loop goes without serving a timer: a heartbeat fires every
// few milliseconds and the meter records the gaps between beats.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace ms::bench {

class StallMeter : public QObject {
    Q_OBJECT
public:
    explicit StallMeter(int heartbeatMs = 5, QObject* parent = nullptr);

    void start();
    void stop();

    // Gaps in milliseconds beyond the heartbeat interval.
    double worstStallMs() const;
    double percentileMs(double p) const;
    int beats() const { return static_cast<int>(m_gaps.size()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    int m_heartbeatMs;
    std::vector<double> m_gaps;
};

}  // namespace ms::bench
