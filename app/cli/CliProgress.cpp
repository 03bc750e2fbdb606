#include "CliProgress.h"

#include <cstdio>
#include <unistd.h>

namespace ms::cli {

CliProgress::CliProgress(std::string label)
    : m_label(std::move(label)),
      m_tty(::isatty(STDERR_FILENO) == 1),
      m_start(std::chrono::steady_clock::now()),
      m_feedback([this](double f, const std::string& m) { show(f, m); }) {}

CliProgress::~CliProgress() { finish(); }

void CliProgress::show(double fraction, const std::string& message) {
    if (!m_tty) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    char eta[32] = "--:--";
    if (fraction > 0.001) {
        const int remaining = static_cast<int>(elapsed * (1 - fraction) / fraction);
        std::snprintf(eta, sizeof eta, "%d:%02d:%02d", remaining / 3600, remaining / 60 % 60, remaining % 60);
    }
    std::fprintf(stderr, "\r%s: %5.1f%%  %s  ETA %s\033[K", m_label.c_str(), fraction * 100, message.c_str(), eta);
    std::fflush(stderr);
    m_shown = true;
}

void CliProgress::finish() {
    if (m_shown) std::fputc('\n', stderr);
    m_shown = false;
}

}  // namespace ms::cli
