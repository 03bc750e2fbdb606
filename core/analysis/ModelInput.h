#pragma once
// The model's view of a picture: CLIP preprocessing (short side to the resolution with PIL's
// bicubic, centre crop, normalisation with the descriptor's mean/std) from a file or a QImage.

#include "image/ImageOptions.h"

#include <ATen/core/Tensor.h>

#include <QImage>

#include <string>

namespace ms {

struct ModelDescriptor;

ImageNormalization normalizationOf(const ModelDescriptor& descriptor);

// [3, R, R] float32.
at::Tensor modelInputFromImage(const QImage& image, const ModelDescriptor& descriptor);
at::Tensor modelInputFromFile(const std::string& path, const ModelDescriptor& descriptor);

}  // namespace ms
