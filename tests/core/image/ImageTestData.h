#pragma once
// Test-side helpers for the image suites: a minimal .npy reader (uint8 / float32, C order),
// a PNG writer for the layouts cv::imencode cannot produce (palette, grey+alpha), and a
// plain, unoptimised statement of Pillow's bicubic resampling to check the real one against.

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace imgtest {

struct NpyArray {
    std::string descr;
    std::vector<int64_t> shape;
    std::vector<char> data;
    int64_t count() const {
        int64_t n = 1;
        for (int64_t d : shape) n *= d;
        return n;
    }
};

// Reads version 1.0 .npy files as numpy.save writes them (little-endian, C order).
inline NpyArray loadNpy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < 10 || std::string(bytes.data() + 1, 5) != "NUMPY") throw std::runtime_error(path + ": not .npy");
    const size_t headerLen = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
    const std::string header(bytes.data() + 10, headerLen);
    NpyArray a;
    const size_t d = header.find("'descr': '") + 10;
    a.descr = header.substr(d, header.find('\'', d) - d);
    if (header.find("'fortran_order': False") == std::string::npos) throw std::runtime_error(path + ": Fortran order");
    const size_t s = header.find('(', header.find("'shape'")) + 1;
    const std::string dims = header.substr(s, header.find(')', s) - s);
    for (size_t p = 0; p < dims.size();) {
        const size_t comma = dims.find(',', p);
        const std::string tok = dims.substr(p, comma == std::string::npos ? std::string::npos : comma - p);
        if (tok.find_first_of("0123456789") != std::string::npos) a.shape.push_back(std::stoll(tok));
        if (comma == std::string::npos) break;
        p = comma + 1;
    }
    a.data.assign(bytes.begin() + 10 + static_cast<long>(headerLen), bytes.end());
    return a;
}

inline void putBE32(std::vector<uint8_t>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

inline void putChunk(std::vector<uint8_t>& png, const char* type, const std::vector<uint8_t>& body) {
    putBE32(png, static_cast<uint32_t>(body.size()));
    std::vector<uint8_t> typed(type, type + 4);
    typed.insert(typed.end(), body.begin(), body.end());
    png.insert(png.end(), typed.begin(), typed.end());
    putBE32(png, static_cast<uint32_t>(crc32(0, typed.data(), static_cast<uInt>(typed.size()))));
}

// A PNG from raw 8-bit samples, rows packed without filter bytes (added here).
inline std::vector<uint8_t> makePng(int w, int h, int colorType, const std::vector<uint8_t>& samples,
                                    const std::vector<uint8_t>& palette = {}, const std::vector<uint8_t>& trns = {}) {
    std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<uint8_t> ihdr;
    putBE32(ihdr, static_cast<uint32_t>(w));
    putBE32(ihdr, static_cast<uint32_t>(h));
    ihdr.insert(ihdr.end(), {8, static_cast<uint8_t>(colorType), 0, 0, 0});
    putChunk(png, "IHDR", ihdr);
    if (!palette.empty()) putChunk(png, "PLTE", palette);
    if (!trns.empty()) putChunk(png, "tRNS", trns);
    const size_t rowBytes = samples.size() / static_cast<size_t>(h);
    std::vector<uint8_t> raw;
    for (int y = 0; y < h; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), samples.begin() + static_cast<long>(y * rowBytes),
                   samples.begin() + static_cast<long>((y + 1) * rowBytes));
    }
    uLongf packedSize = compressBound(static_cast<uLong>(raw.size()));
    std::vector<uint8_t> packed(packedSize);
    compress(packed.data(), &packedSize, raw.data(), static_cast<uLong>(raw.size()));
    packed.resize(packedSize);
    putChunk(png, "IDAT", packed);
    putChunk(png, "IEND", {});
    return png;
}

inline std::vector<uint8_t> encode(const std::string& ext, const cv::Mat& bgr, const std::vector<int>& params = {}) {
    std::vector<uint8_t> out;
    if (!cv::imencode(ext, bgr, out, params)) throw std::runtime_error("imencode " + ext + " failed");
    return out;
}

// Pillow's bicubic resampling written as directly as possible from its definition, one output
// sample at a time, with no window or row-range bookkeeping shared with the real code.
inline double keys(double x) {
    x = std::fabs(x);
    return x < 1 ? ((1.5 * x - 2.5) * x * x + 1) : x < 2 ? (((x - 5) * x + 8) * x - 4) * -0.5 : 0;
}

struct Taps {
    int lo;
    std::vector<int32_t> w;
};

inline std::vector<Taps> referenceTaps(int in, int out) {
    const double scale = double(in) / out, fs = std::max(scale, 1.0), support = 2 * fs;
    std::vector<Taps> taps;
    for (int i = 0; i < out; ++i) {
        const double c = (i + 0.5) * scale;
        const int lo = std::max(int(c - support + 0.5), 0), hi = std::min(int(c + support + 0.5), in);
        std::vector<double> w;
        double sum = 0;
        for (int x = lo; x < hi; ++x) sum += w.emplace_back(keys((x - c + 0.5) / fs));
        Taps t{lo, {}};
        for (double v : w) {
            const double f = v / sum * (1 << 22);
            t.w.push_back(int32_t(f < 0 ? f - 0.5 : f + 0.5));
        }
        taps.push_back(t);
    }
    return taps;
}

inline uint8_t referenceClip(int64_t acc) {
    return uint8_t(std::clamp<int64_t>(acc >> 22, 0, 255));
}

// 8-bit images, any channel count; passes skipped when their size does not change.
inline cv::Mat referenceBicubic(const cv::Mat& src, cv::Size size) {
    const int c = src.channels();
    cv::Mat img = src.clone();
    if (size.width != src.cols) {
        const auto taps = referenceTaps(src.cols, size.width);
        cv::Mat out(img.rows, size.width, img.type());
        for (int y = 0; y < img.rows; ++y)
            for (int x = 0; x < size.width; ++x)
                for (int ch = 0; ch < c; ++ch) {
                    int64_t acc = 1 << 21;
                    for (size_t j = 0; j < taps[x].w.size(); ++j)
                        acc += int64_t(img.ptr<uint8_t>(y)[(taps[x].lo + int(j)) * c + ch]) * taps[x].w[j];
                    out.ptr<uint8_t>(y)[x * c + ch] = referenceClip(acc);
                }
        img = out;
    }
    if (size.height != src.rows) {
        const auto taps = referenceTaps(src.rows, size.height);
        cv::Mat out(size.height, img.cols, img.type());
        for (int y = 0; y < size.height; ++y)
            for (int i = 0; i < img.cols * c; ++i) {
                int64_t acc = 1 << 21;
                for (size_t j = 0; j < taps[y].w.size(); ++j)
                    acc += int64_t(img.ptr<uint8_t>(taps[y].lo + int(j))[i]) * taps[y].w[j];
                out.ptr<uint8_t>(y)[i] = referenceClip(acc);
            }
        img = out;
    }
    return img;
}

}  // namespace imgtest
