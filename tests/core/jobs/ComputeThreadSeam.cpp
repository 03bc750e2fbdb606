// Link seam for the sanitizer build of the worker tests: LibTorch is not built with
// sanitizers, so this build replaces the LibTorch thread set-up with a record of what the worker
// asked for, on which thread. The tests still check that it asks on the compute thread.

#include "jobs/ComputeThread.h"

namespace ms {
namespace {
thread_local int configuredThreads = 1;  // LibTorch's default on this platform
}

void configureComputeThread(int threads) { configuredThreads = threads; }
int libtorchThreadsOfThisThread() { return configuredThreads; }

}  // namespace ms
