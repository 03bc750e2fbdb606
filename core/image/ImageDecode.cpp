#include "image/ImageDecode.h"

#include "util/Error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <vector>

namespace ms {
namespace {

std::vector<uint8_t> readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
    const std::streamoff size = in.tellg();
    if (size < 0) throw Error(path + ": cannot read");
    std::vector<uint8_t> bytes(static_cast<size_t>(size));
    in.seekg(0);
    if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size))
        throw Error(path + ": cannot read");
    return bytes;
}

// OpenCV's interleaved BGR(A) or grey to the channels named by `fromTo` pairs (source index,
// destination index), e.g. BGRA → LA keeps B (= grey) and A.
cv::Mat pickChannels(const cv::Mat& src, int channels, std::initializer_list<int> fromTo) {
    cv::Mat dst(src.size(), CV_MAKETYPE(src.depth(), channels));
    const std::vector<int> pairs(fromTo);
    cv::mixChannels(&src, 1, &dst, 1, pairs.data(), pairs.size() / 2);
    return dst;
}

cv::Mat toRgbOrder(const cv::Mat& bgr, bool keepAlpha) {
    if (bgr.channels() == 1) return pickChannels(bgr, 3, {0, 0, 0, 1, 0, 2});
    if (keepAlpha && bgr.channels() == 4) return pickChannels(bgr, 4, {2, 0, 1, 1, 0, 2, 3, 3});
    return pickChannels(bgr, 3, {2, 0, 1, 1, 0, 2});
}

// 16-bit samples to 8 bits: the high byte, as PIL's big-endian 16-bit unpackers keep it.
cv::Mat highByte(const cv::Mat& m16) {
    cv::Mat out(m16.size(), CV_MAKETYPE(CV_8U, m16.channels()));
    const size_t n = m16.total() * m16.channels();
    const cv::Mat src = m16.isContinuous() ? m16 : m16.clone();
    const auto* s = src.ptr<uint16_t>();
    auto* d = out.ptr<uint8_t>();
    for (size_t i = 0; i < n; ++i) d[i] = static_cast<uint8_t>(s[i] >> 8);
    return out;
}

PixelMode pngMode(const ImageHeaderInfo& h) {
    switch (h.pngColorType) {
    case 0: return h.pngBitDepth == 1 ? PixelMode::Bilevel : h.pngBitDepth == 16 ? PixelMode::I : PixelMode::L;
    case 3: return PixelMode::P;
    case 4: return PixelMode::LA;
    case 6: return PixelMode::RGBA;
    default: return PixelMode::RGB;
    }
}

PixelMode modeFromChannels(int channels) {
    return channels == 1 ? PixelMode::L : channels == 4 ? PixelMode::RGBA : PixelMode::RGB;
}

// OpenCV's output (grey, BGR or BGRA; 8 or 16 bits) in the layout of `mode`.
cv::Mat arrange(const cv::Mat& raw, PixelMode mode) {
    if (mode == PixelMode::I) {
        cv::Mat grey = raw.channels() == 1 ? raw : pickChannels(raw, 1, {0, 0});
        cv::Mat out;
        grey.convertTo(out, CV_32S);
        return out;
    }
    const cv::Mat m8 = raw.depth() == CV_16U ? highByte(raw) : raw;
    switch (mode) {
    case PixelMode::Bilevel:
    case PixelMode::L: return m8.channels() == 1 ? m8.clone() : pickChannels(m8, 1, {0, 0});
    case PixelMode::LA: return pickChannels(m8, 2, {0, 0, 3, 1});  // grey+alpha PNGs arrive as BGRA
    case PixelMode::RGBA: return toRgbOrder(m8, true);
    default: return toRgbOrder(m8, false);  // RGB and P: a tRNS-made alpha is not PIL's mode
    }
}

}  // namespace

const char* pixelModeName(PixelMode mode) {
    switch (mode) {
    case PixelMode::Bilevel: return "1";
    case PixelMode::L: return "L";
    case PixelMode::LA: return "LA";
    case PixelMode::P: return "P";
    case PixelMode::RGB: return "RGB";
    case PixelMode::RGBA: return "RGBA";
    case PixelMode::I: return "I";
    }
    return "?";
}

DecodedImage decodeImageBytes(const uint8_t* data, size_t size, const std::string& name,
                              const DecodeOptions& options) {
    const ImageHeaderInfo header = readImageHeader(data, size, name);
    checkPixelLimit(header, options.maxPixels, name);
    const char* format = imageFormatName(header.format);
    if (header.format == ImageFormat::Jpeg && !jpegHasEndMarker(data, size))
        throw Error(name + ": truncated JPEG data (no end-of-image marker)");

    if (size > static_cast<size_t>(std::numeric_limits<int>::max()))
        throw Error(name + ": file too large to decode (over 2 GiB)");
    cv::Mat raw;
    try {
        // IMREAD_UNCHANGED keeps grey, alpha and 16-bit samples and skips EXIF orientation.
        const cv::Mat buffer(1, static_cast<int>(size), CV_8UC1, const_cast<uint8_t*>(data));
        raw = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error(name + ": cannot decode " + format + " data (" + e.err + ")");
    }
    if (raw.empty()) {
        if (header.format == ImageFormat::Gif)
            throw Error(name + ": unsupported format (this OpenCV build cannot decode GIF)");
        throw Error(name + ": truncated or corrupt " + format + " data");
    }
    if (raw.depth() != CV_8U && raw.depth() != CV_16U)
        throw Error(name + ": unsupported " + format + " sample type (only 8- and 16-bit integers)");
    if (static_cast<uint64_t>(raw.cols) != header.width || static_cast<uint64_t>(raw.rows) != header.height)
        throw Error(name + ": corrupt " + format + " data (header says " + std::to_string(header.width) +
                    "×" + std::to_string(header.height) + ", decoded " + std::to_string(raw.cols) + "×" +
                    std::to_string(raw.rows) + ")");

    DecodedImage out;
    out.format = header.format;
    if (header.format == ImageFormat::Png) out.mode = pngMode(header);
    else if (raw.depth() == CV_16U && raw.channels() == 1) out.mode = PixelMode::I;
    else out.mode = modeFromChannels(raw.channels());
    out.pixels = arrange(raw, out.mode);
    return out;
}

DecodedImage decodeImageFile(const std::string& path, const DecodeOptions& options) {
    const std::vector<uint8_t> bytes = readWholeFile(path);
    return decodeImageBytes(bytes.data(), bytes.size(), path, options);
}

}  // namespace ms
