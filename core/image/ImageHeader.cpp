#include "image/ImageHeader.h"

#include "util/Error.h"

#include <cstring>

namespace ms {
namespace {

// Bounds-checked reads from the header bytes; every read that would pass the end throws
// "truncated", so a malicious header can never make the parser read outside the buffer.
class ByteReader {
public:
    ByteReader(const uint8_t* data, size_t size, const std::string& name, const char* format)
        : mData(data), mSize(size), mName(name), mFormat(format) {}

    size_t size() const { return mSize; }
    bool has(size_t offset, size_t count) const { return offset <= mSize && count <= mSize - offset; }
    void need(size_t offset, size_t count) const {
        if (!has(offset, count))
            throw Error(mName + ": truncated " + mFormat + " header");
    }
    uint8_t u8(size_t offset) const { need(offset, 1); return mData[offset]; }
    uint64_t le(size_t offset, size_t bytes) const {
        need(offset, bytes);
        uint64_t v = 0;
        for (size_t i = bytes; i-- > 0;) v = (v << 8) | mData[offset + i];
        return v;
    }
    uint64_t be(size_t offset, size_t bytes) const {
        need(offset, bytes);
        uint64_t v = 0;
        for (size_t i = 0; i < bytes; ++i) v = (v << 8) | mData[offset + i];
        return v;
    }
    bool matches(size_t offset, const char* text) const {
        const size_t n = std::strlen(text);
        return has(offset, n) && std::memcmp(mData + offset, text, n) == 0;
    }
    [[noreturn]] void malformed(const std::string& what) const {
        throw Error(mName + ": malformed " + mFormat + " header (" + what + ")");
    }

private:
    const uint8_t* mData;
    size_t mSize;
    const std::string& mName;
    const char* mFormat;
};

bool startsWith(const uint8_t* data, size_t size, const char* magic, size_t n) {
    return size >= n && std::memcmp(data, magic, n) == 0;
}

ImageHeaderInfo readPng(const ByteReader& r) {
    // Signature, then the IHDR chunk: length, "IHDR", width, height, depth, colour type.
    if (!r.matches(12, "IHDR")) {
        r.need(12, 4);
        r.malformed("first chunk is not IHDR");
    }
    ImageHeaderInfo info;
    info.format = ImageFormat::Png;
    info.width = r.be(16, 4);
    info.height = r.be(20, 4);
    info.pngBitDepth = r.u8(24);
    info.pngColorType = r.u8(25);
    const int ct = info.pngColorType;
    if (ct != 0 && ct != 2 && ct != 3 && ct != 4 && ct != 6)
        r.malformed("colour type " + std::to_string(ct));
    return info;
}

bool isJpegFrameMarker(uint8_t m) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool isStandaloneJpegMarker(uint8_t m) {
    return m == 0x01 || m == 0xD8 || (m >= 0xD0 && m <= 0xD7);
}

// Walks the marker segments after SOI until `stop` says so; returns the offset of the marker
// byte that stopped it (the byte after 0xFF).
template <typename Stop>
size_t walkJpegSegments(const ByteReader& r, Stop stop) {
    size_t pos = 2;
    for (;;) {
        if (r.u8(pos) != 0xFF)
            r.malformed("expected a marker at byte " + std::to_string(pos));
        while (r.u8(pos) == 0xFF) ++pos;  // fill bytes
        const uint8_t marker = r.u8(pos);
        if (stop(marker)) return pos;
        ++pos;
        if (isStandaloneJpegMarker(marker)) continue;
        if (marker == 0xD9) r.malformed("end of image before the frame header");
        const uint64_t length = r.be(pos, 2);
        if (length < 2) r.malformed("segment length " + std::to_string(length));
        pos += length;
    }
}

ImageHeaderInfo readJpeg(const ByteReader& r) {
    const size_t at = walkJpegSegments(r, [&](uint8_t m) {
        if (m == 0xDA) r.malformed("scan data before the frame header");
        return isJpegFrameMarker(m);
    });
    // Frame header: length (2), precision (1), height (2), width (2).
    ImageHeaderInfo info;
    info.format = ImageFormat::Jpeg;
    info.height = r.be(at + 4, 2);
    info.width = r.be(at + 6, 2);
    return info;
}

ImageHeaderInfo readBmp(const ByteReader& r) {
    const uint64_t dibSize = r.le(14, 4);
    ImageHeaderInfo info;
    info.format = ImageFormat::Bmp;
    if (dibSize == 12) {  // BITMAPCOREHEADER: 16-bit sizes
        info.width = r.le(18, 2);
        info.height = r.le(20, 2);
        return info;
    }
    if (dibSize < 16) r.malformed("DIB header size " + std::to_string(dibSize));
    const auto w = static_cast<int32_t>(static_cast<uint32_t>(r.le(18, 4)));
    const auto h = static_cast<int32_t>(static_cast<uint32_t>(r.le(22, 4)));
    if (w < 0) r.malformed("negative width");
    info.width = static_cast<uint64_t>(w);
    // A negative height marks a top-down bitmap.
    info.height = h < 0 ? uint64_t(0) - static_cast<uint64_t>(static_cast<int64_t>(h)) : static_cast<uint64_t>(h);
    return info;
}

ImageHeaderInfo readGif(const ByteReader& r) {
    ImageHeaderInfo info;
    info.format = ImageFormat::Gif;
    info.width = r.le(6, 2);  // logical screen size
    info.height = r.le(8, 2);
    return info;
}

ImageHeaderInfo readWebP(const ByteReader& r) {
    ImageHeaderInfo info;
    info.format = ImageFormat::WebP;
    if (r.matches(12, "VP8X")) {  // extended: canvas size minus one, 24 bits each
        info.width = r.le(24, 3) + 1;
        info.height = r.le(27, 3) + 1;
    } else if (r.matches(12, "VP8L")) {  // lossless: signature, then 14-bit sizes minus one
        if (r.u8(20) != 0x2F) r.malformed("bad VP8L signature");
        const uint64_t bits = r.le(21, 4);
        info.width = (bits & 0x3FFF) + 1;
        info.height = ((bits >> 14) & 0x3FFF) + 1;
    } else if (r.matches(12, "VP8 ")) {  // lossy: frame tag, start code, 14-bit sizes
        if (r.u8(23) != 0x9D || r.u8(24) != 0x01 || r.u8(25) != 0x2A)
            r.malformed("bad VP8 start code");
        info.width = r.le(26, 2) & 0x3FFF;
        info.height = r.le(28, 2) & 0x3FFF;
    } else {
        r.need(12, 4);
        r.malformed("unknown first chunk");
    }
    return info;
}

// TIFF and BigTIFF: find ImageWidth (256) and ImageLength (257) in the first IFD.
ImageHeaderInfo readTiff(const ByteReader& r) {
    const bool little = r.u8(0) == 'I';
    auto num = [&](size_t off, size_t bytes) { return little ? r.le(off, bytes) : r.be(off, bytes); };
    const bool big = num(2, 2) == 43;
    const size_t offBytes = big ? 8 : 4, countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12;
    const uint64_t ifd = big ? num(8, 8) : num(4, 4);
    if (ifd >= r.size()) r.malformed("first IFD offset beyond the data");
    const uint64_t entries = num(ifd, countBytes);
    if (entries > (r.size() - ifd) / entryBytes) r.malformed("IFD runs past the data");
    ImageHeaderInfo info;
    info.format = ImageFormat::Tiff;
    for (uint64_t i = 0; i < entries; ++i) {
        const size_t e = ifd + countBytes + i * entryBytes;
        const uint64_t tag = num(e, 2), type = num(e + 2, 2);
        if (tag != 256 && tag != 257) continue;
        const size_t value = e + 4 + offBytes;
        uint64_t v = 0;
        if (type == 3) v = num(value, 2);                // SHORT
        else if (type == 4) v = num(value, 4);           // LONG
        else if (type == 16 && big) v = num(value, 8);  // LONG8
        else r.malformed("image size of type " + std::to_string(type));
        (tag == 256 ? info.width : info.height) = v;
    }
    return info;
}

}  // namespace

const char* imageFormatName(ImageFormat format) {
    switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Gif: return "GIF";
    case ImageFormat::WebP: return "WebP";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::Unknown: break;
    }
    return "unknown";
}

ImageFormat detectImageFormat(const uint8_t* data, size_t size) {
    if (startsWith(data, size, "\x89PNG\r\n\x1a\n", 8)) return ImageFormat::Png;
    if (startsWith(data, size, "\xFF\xD8\xFF", 3)) return ImageFormat::Jpeg;
    if (startsWith(data, size, "BM", 2)) return ImageFormat::Bmp;
    if (startsWith(data, size, "GIF87a", 6) || startsWith(data, size, "GIF89a", 6)) return ImageFormat::Gif;
    if (startsWith(data, size, "RIFF", 4) && size >= 12 && std::memcmp(data + 8, "WEBP", 4) == 0)
        return ImageFormat::WebP;
    if (startsWith(data, size, "II*\0", 4) || startsWith(data, size, "MM\0*", 4) ||
        startsWith(data, size, "II+\0", 4) || startsWith(data, size, "MM\0+", 4))
        return ImageFormat::Tiff;
    return ImageFormat::Unknown;
}

ImageHeaderInfo readImageHeader(const uint8_t* data, size_t size, const std::string& name) {
    if (size == 0) throw Error(name + ": empty file");
    const ImageFormat format = detectImageFormat(data, size);
    const ByteReader r(data, size, name, imageFormatName(format));
    ImageHeaderInfo info;
    switch (format) {
    case ImageFormat::Png: info = readPng(r); break;
    case ImageFormat::Jpeg: info = readJpeg(r); break;
    case ImageFormat::Bmp: info = readBmp(r); break;
    case ImageFormat::Gif: info = readGif(r); break;
    case ImageFormat::WebP: info = readWebP(r); break;
    case ImageFormat::Tiff: info = readTiff(r); break;
    case ImageFormat::Unknown:
        throw Error(name + ": unsupported image format (not PNG, JPEG, BMP, GIF, WebP or TIFF)");
    }
    if (info.width == 0 || info.height == 0)
        r.malformed("image size " + std::to_string(info.width) + "×" + std::to_string(info.height));
    return info;
}

void checkPixelLimit(const ImageHeaderInfo& info, uint64_t maxPixels, const std::string& name) {
    // Sizes come from at most 32-bit fields (64-bit in BigTIFF): divide instead of multiplying.
    const bool over = info.height != 0 && info.width > maxPixels / info.height;
    if (over)
        throw Error(name + ": " + std::to_string(info.width) + "×" + std::to_string(info.height) +
                    " pixels exceeds the limit of " + std::to_string(maxPixels));
}

bool jpegHasEndMarker(const uint8_t* data, size_t size) {
    // Segments are walked to the first scan; the end-of-image marker must follow somewhere in
    // the entropy-coded data (where 0xFF is always escaped, so FF D9 cannot occur by chance).
    const std::string name;
    const ByteReader r(data, size, name, "JPEG");
    size_t scan = 0;
    try {
        scan = walkJpegSegments(r, [](uint8_t m) { return m == 0xDA; });
    } catch (const Error&) {
        return false;
    }
    for (size_t i = scan; i + 1 < size; ++i)
        if (data[i] == 0xFF && data[i + 1] == 0xD9) return true;
    return false;
}

}  // namespace ms
