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

// The picture as the model sees it, before normalisation: R × R RGB888 after the short-side
// resize and centre crop (what the probe shows and typographic attacks are written on).
// Throws ms::Error naming the file for unreadable or corrupt images.
QImage modelViewFromFile(const std::string& path, const ModelDescriptor& descriptor);
QImage modelViewFromImage(const QImage& image, const ModelDescriptor& descriptor);

}  // namespace ms
