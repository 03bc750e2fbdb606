#pragma once
// What long-running core code receives instead of a thread: an atomic cancel flag,
// throttled progress, and a way to publish partial results (after QGIS's QgsFeedback).
// Core algorithms poll isCanceled() at safe points and return early when it is set.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace ms {

class JobOutput;

class Feedback {
public:
    using Clock = std::function<std::int64_t()>;  // monotonic milliseconds
    using ProgressFn = std::function<void(double fraction, const std::string& message)>;
    using PartialFn = std::function<void(std::shared_ptr<const JobOutput> partial)>;

    // Progress is forwarded when it moved by at least this much, or after this long.
    static constexpr double kMinProgressStep = 0.01;
    static constexpr std::int64_t kMinProgressIntervalMs = 100;

    explicit Feedback(ProgressFn onProgress = {}, PartialFn onPartial = {}, Clock clock = {});

    // Any thread.
    void cancel() noexcept { m_canceled.store(true, std::memory_order_release); }
    bool isCanceled() const noexcept { return m_canceled.load(std::memory_order_acquire); }

    // The working thread. fraction in [0, 1]; the message ("1,200 / 5,000 images, 40/s") is
    // shown beside the progress bar. Calls the progress callback only when the throttle allows;
    // reaching 1.0 is always forwarded.
    void setProgress(double fraction, const std::string& message = {});
    double progress() const noexcept { return m_progress; }

    // The working thread. Hands a partial result (a live snapshot) to the owner.
    void publishPartial(std::shared_ptr<const JobOutput> partial);

private:
    std::atomic<bool> m_canceled{false};
    ProgressFn m_onProgress;
    PartialFn m_onPartial;
    Clock m_clock;
    double m_progress = 0.0;
    double m_lastForwarded = -1.0;
    std::int64_t m_lastForwardedAt = 0;
};

std::int64_t steadyMilliseconds();

}  // namespace ms
