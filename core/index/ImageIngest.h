#pragma once
// What a decoding thread does with one entry of a run's work list: read the file, recognise
// it by content, hash it, refuse it with a reason (empty, corrupt, a decompression bomb by
// its header...) or decode and preprocess it into the model's input tensor. Never throws:
// every failure becomes a FileRecord with Status::Error.

#include "image/ImageOptions.h"
#include "index/IndexWriter.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace ms {

struct IngestSettings {
    std::string root;  // the images folder
    uint64_t maxPixels = kDefaultMaxImagePixels;
    int resolution = 224;
    ImageNormalization normalization = kClipImageNormalization;
};

struct IngestResult {
    FileRecord record;
    at::Tensor tensor;  // float32 [3, resolution, resolution] for images, else undefined
};

IngestResult ingestFile(const PlanEntry& entry, const IngestSettings& settings);

// A format recognised by its first bytes that Multiscope does not read (HEIF, AVIF, JPEG 2000,
// JPEG XL, PSD, ICO...), or null.
const char* sniffUnsupportedFormat(const uint8_t* data, size_t size);

}  // namespace ms
