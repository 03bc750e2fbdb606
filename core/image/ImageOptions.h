#pragma once
// Plain settings of the image pipeline, free of OpenCV and LibTorch so that any target can
// include them: the normalisation constants and the decoder's pixel limit.

#include <array>
#include <cstdint>

namespace ms {

// Per-channel (R, G, B) constants applied to pixels scaled to [0, 1]: (x − mean) / std.
struct ImageNormalization {
    std::array<float, 3> mean;
    std::array<float, 3> std;
};

// The constants of OpenAI's CLIP (every released checkpoint uses them). The model
// descriptor owns the values a given model uses; this is the default.
inline constexpr ImageNormalization kClipImageNormalization{
    {0.48145466f, 0.4578275f, 0.40821073f},
    {0.26862954f, 0.26130258f, 0.27577711f}};

// PIL refuses images over 2 × Image.MAX_IMAGE_PIXELS (89478485) as decompression bombs.
constexpr uint64_t kDefaultMaxImagePixels = 178956970;

struct DecodeOptions {
    uint64_t maxPixels = kDefaultMaxImagePixels;  // checked on the header, before decoding
};

}  // namespace ms
