#pragma once
// Progress of a CLI command on stderr: a live line with percentage, rate and ETA when stderr
// is a terminal; nothing when it is not (logs stay clean in batch jobs).

#include "jobs/Feedback.h"

#include <chrono>
#include <string>

namespace ms::cli {

class CliProgress {
public:
    explicit CliProgress(std::string label);
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
    Feedback m_feedback;
};

}  // namespace ms::cli
