#pragma once
// Conversions between image tensors and QImage for display: the tensor convention is float32
// CHW, RGB, values in [0, 1] (before normalisation). Deep copies both ways.

#include <QImage>

#include <ATen/core/Tensor.h>

namespace ms {

// [3, H, W] (or [1, 3, H, W]) floating tensor in [0, 1], on any device → QImage::Format_RGB888,
// each value clamped to [0, 1] and rounded to the nearest of 0..255 (NaN becomes 0).
// Throws ms::Error for another shape.
QImage tensorToQImage(const at::Tensor& chw);

// Any QImage → float32 [3, H, W] with values u8 / 255 (grey replicated, alpha dropped).
// A null QImage gives an undefined tensor.
at::Tensor qImageToTensor(const QImage& image);

}  // namespace ms
