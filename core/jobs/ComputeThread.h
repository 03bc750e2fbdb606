#pragma once
// How the compute thread configures LibTorch. Kept apart from the worker's scheduling code so
// that the scheduling can be built and tested without LibTorch (under ThreadSanitizer).

#include <QThread>

#include <algorithm>

namespace ms {

// The thread count the compute worker uses when none is configured: all cores.
inline int defaultComputeThreads() { return std::max(1, QThread::idealThreadCount()); }

// Called once on the compute thread before any job: LibTorch's (OpenMP's) intra-op thread
// count is per calling thread, and defaults to 1 on this platform.
void configureComputeThread(int threads);

// LibTorch's intra-op thread count as seen from the calling thread.
int libtorchThreadsOfThisThread();

}  // namespace ms
