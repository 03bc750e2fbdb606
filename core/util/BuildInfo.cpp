#include "util/BuildInfo.h"

#include "jobs/ComputeThread.h"

#include <QThread>
#include <QtGlobal>

#include <opencv2/core/version.hpp>
#include <torch/cuda.h>
#include <torch/version.h>

namespace ms {

BuildInfo buildInfo(int computeThreads) {
    BuildInfo info;
    info.multiscope = MULTISCOPE_VERSION;
    info.qt = qVersion();
    info.libtorch = TORCH_VERSION;
    info.opencv = CV_VERSION;
    info.computeThreads = computeThreads > 0 ? computeThreads : defaultComputeThreads();
    info.device = "CPU (" + std::to_string(info.computeThreads) + " threads)";
    if (torch::cuda::is_available())
        info.device += ", CUDA devices: " + std::to_string(torch::cuda::device_count());
    return info;
}

}  // namespace ms
