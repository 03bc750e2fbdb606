#include "jobs/ComputeThread.h"

#include <ATen/Parallel.h>

namespace ms {

void configureComputeThread(int threads) {
    at::init_num_threads();
    at::set_num_threads(threads);
}

int libtorchThreadsOfThisThread() { return at::get_num_threads(); }

}  // namespace ms
