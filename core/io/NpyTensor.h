#pragma once
// Reading and writing NumPy .npy files as tensors: the exchange format of the command-line
// tool and the reference fixtures. at::Tensor is torch::Tensor; this header keeps the heavy
// <torch/torch.h> out of its users.

#include <ATen/core/Tensor.h>

#include <string>

namespace ms {

// Reads a .npy file (float32 '<f4', float64 '<f8', float16 '<f2', int64 '<i8', int32 '<i4',
// int16 '<i2', int8 '|i1', uint8 '|u1', bool '|b1'; C or Fortran order) into a contiguous CPU
// tensor of the matching dtype. Throws ms::Error naming the file for anything else.
at::Tensor readNpy(const std::string& path);

// Writes a tensor (any of the dtypes above, any device, any layout) as a version 1.0 .npy file
// in C order, byte-compatible with numpy.save. Throws ms::Error when the file cannot be written.
void writeNpy(const std::string& path, const at::Tensor& tensor);

}  // namespace ms
