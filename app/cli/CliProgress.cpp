#include "CliProgress.h"

#include <cstdio>
#include <unistd.h>

namespace ms::cli {

CliProgress::CliProgress(std::string label, std::chrono::milliseconds plainLineEvery)
    : m_label(std::move(label)),
      m_tty(::isatty(STDERR_FILENO) == 1),
      m_start(std::chrono::steady_clock::now()),
      m_plainLineEvery(plainLineEvery),
      m_lastLine(m_start),
      m_feedback([this](double f, const std::string& m) { show(f, m); }) {}

CliProgress::~CliProgress() { finish(); }

void CliProgress::show(double fraction, const std::string& message) {
    const auto now = std::chrono::steady_clock::now();
    if (m_firstFraction < 0) m_firstFraction = fraction;  // a resumed job starts part-way
    // Off a terminal (a batch job's log) one plain line a minute, so long runs still report.
    if (!m_tty && now - m_lastLine < m_plainLineEvery) return;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double done = fraction - m_firstFraction;
    char eta[32] = "--:--";
    if (done > 0.001) {
        const int remaining = static_cast<int>(elapsed * (1 - fraction) / done);
        std::snprintf(eta, sizeof eta, "%d:%02d:%02d", remaining / 3600, remaining / 60 % 60, remaining % 60);
    }
    if (m_tty) {
        std::fprintf(stderr, "\r%s: %5.1f%%  %s  ETA %s\033[K", m_label.c_str(), fraction * 100, message.c_str(), eta);
        m_shown = true;
    } else {
        std::fprintf(stderr, "%s: %5.1f%%  %s  ETA %s\n", m_label.c_str(), fraction * 100, message.c_str(), eta);
        m_lastLine = now;
    }
    std::fflush(stderr);
}

void CliProgress::finish() {
    if (m_shown) std::fputc('\n', stderr);
    m_shown = false;
}

}  // namespace ms::cli
