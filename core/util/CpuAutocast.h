#pragma once
// bf16 autocast on the CPU for the scope of the object (matrix products and convolutions run
// in bfloat16, reductions and normalisations stay float32), as torch.autocast("cpu") does.
// Used by the trainer and by feature visualization. It pays only where the CPU computes bf16
// natively (cpuHasNativeBf16(), util/CpuFeatures.h): elsewhere it is slower than float32.

#include <ATen/autocast_mode.h>

namespace ms {

class CpuAutocast {
public:
    explicit CpuAutocast(bool enabled) : m_enabled(enabled) {
        if (!m_enabled) return;
        m_wasEnabled = at::autocast::is_cpu_enabled();
        m_previousType = at::autocast::get_autocast_cpu_dtype();
        at::autocast::set_cpu_enabled(true);
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::increment_nesting();
    }
    ~CpuAutocast() {
        if (!m_enabled) return;
        if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
        at::autocast::set_cpu_enabled(m_wasEnabled);
        at::autocast::set_autocast_cpu_dtype(m_previousType);
    }
    CpuAutocast(const CpuAutocast&) = delete;
    CpuAutocast& operator=(const CpuAutocast&) = delete;

private:
    bool m_enabled;
    bool m_wasEnabled = false;
    at::ScalarType m_previousType = at::kBFloat16;
};

}  // namespace ms
