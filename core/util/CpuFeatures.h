#pragma once
// What the CPU computes natively, for choices that pay only with hardware support. Torch-free.

namespace ms {

// bfloat16 arithmetic in hardware (AVX-512 BF16 or AMX): where bf16 autocast speeds up
// convolutions; elsewhere oneDNN emulates bf16, slower than float32.
inline bool cpuHasNativeBf16() {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
    return false;
#endif
}

}  // namespace ms
