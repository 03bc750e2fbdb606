#pragma once
// Progress of a CLI command on stderr: a live line with percentage, rate and ETA when stderr
// is a terminal; when it is not (a batch job's log), one plain line a minute, none for short
// runs. The ETA counts from where this run started, so a resumed job's estimate is right.

#include "jobs/Feedback.h"

#include <chrono>
#include <string>

namespace ms::cli {

class CliProgress {
public:
    explicit CliProgress(std::string label, std::chrono::milliseconds plainLineEvery = std::chrono::minutes(1));
    ~CliProgress();

    Feedback& feedback() { return m_feedback; }
    // Ends the live line.
    void finish();

private:
    void show(double fraction, const std::string& message);

    std::string m_label;
    bool m_tty;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::milliseconds m_plainLineEvery;
    std::chrono::steady_clock::time_point m_lastLine;  // the last plain line (off a terminal)
    double m_firstFraction = -1;                       // the fraction at the first report
    Feedback m_feedback;
};

}  // namespace ms::cli
