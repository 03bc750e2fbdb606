#pragma once
// Recognises an image file by its first bytes and reads its pixel dimensions from the header
// alone, so that a decompression bomb is refused before any pixel is decoded (cv::imdecode
// has no header-only API). Torch- and OpenCV-free so it can run under the sanitizers.

#include <cstddef>
#include <cstdint>
#include <string>

namespace ms {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp, Gif, WebP, Tiff };

// "PNG", "JPEG", "BMP", "GIF", "WebP", "TIFF" or "unknown".
const char* imageFormatName(ImageFormat format);

// What a header says before decoding.
struct ImageHeaderInfo {
    ImageFormat format = ImageFormat::Unknown;
    uint64_t width = 0;
    uint64_t height = 0;
    // PNG only (-1 elsewhere): IHDR colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha,
    // 6 RGBA) and bit depth. They decide the PIL mode, which OpenCV's output does not tell.
    int pngColorType = -1;
    int pngBitDepth = -1;
};

// The format recognised from magic bytes (the file name's extension is never consulted).
ImageFormat detectImageFormat(const uint8_t* data, size_t size);

// Format and dimensions from the header. Throws ms::Error prefixed with `name` for an empty
// buffer, an unknown format, or a header that is truncated or malformed (zero sizes included).
ImageHeaderInfo readImageHeader(const uint8_t* data, size_t size, const std::string& name);

// Throws ms::Error "<name>: W×H pixels exceeds the limit of L" when width·height > maxPixels.
void checkPixelLimit(const ImageHeaderInfo& info, uint64_t maxPixels, const std::string& name);

// Whether a JPEG stream reaches its end-of-image marker after the first scan. libjpeg only
// warns about a premature end (and OpenCV then returns a grey-filled image) where PIL fails
// with "image file is truncated"; this lets the decoder refuse such files as PIL does.
bool jpegHasEndMarker(const uint8_t* data, size_t size);

}  // namespace ms
