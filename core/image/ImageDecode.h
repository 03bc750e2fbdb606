#pragma once
// Decodes image files with OpenCV into pixels laid out the way PIL would hold them, together
// with the PIL mode the reference preprocessing would see: the mode decides how the image is
// resized (one grey channel, premultiplied alpha, nearest-neighbour for palettes) before it is
// converted to RGB. EXIF orientation is not applied, as PIL's Image.open does not.
//
// Modes and layouts (rows contiguous, channels interleaved, RGB order — never BGR):
//   Bilevel "1"  CV_8UC1, 0 or 255        (1-bit grey PNG)
//   L            CV_8UC1
//   LA           CV_8UC2 (L, A)
//   P            CV_8UC3 RGB              (palette PNG, expanded; transparency dropped)
//   RGB          CV_8UC3
//   RGBA         CV_8UC4 (not premultiplied)
//   I            CV_32SC1                 (16-bit grey: PIL opens it as 32-bit integers,
//                                         and convert("RGB") later clips them to 0..255)
// Other 16-bit images keep the high byte of each sample, as PIL's ";16B" unpackers do.

#include "image/ImageHeader.h"
#include "image/ImageOptions.h"

#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ms {

enum class PixelMode { Bilevel, L, LA, P, RGB, RGBA, I };

// PIL's name of the mode: "1", "L", "LA", "P", "RGB", "RGBA", "I".
const char* pixelModeName(PixelMode mode);

// A decoded picture and the PIL mode it stands for (see the table above).
struct DecodedImage {
    cv::Mat pixels;
    PixelMode mode = PixelMode::RGB;
    ImageFormat format = ImageFormat::Unknown;
};

// Reads and decodes a file, recognising the format by content. Throws ms::Error naming the
// file for: a file that cannot be read, an empty file, an unsupported format, a header over
// the pixel limit, truncated or corrupt data.
DecodedImage decodeImageFile(const std::string& path, const DecodeOptions& options = {});

// The same from bytes in memory; `name` stands for the source in error messages.
DecodedImage decodeImageBytes(const uint8_t* data, size_t size, const std::string& name,
                              const DecodeOptions& options = {});

}  // namespace ms
