#pragma once
// The .safetensors layout (8-byte little-endian header length, JSON header, raw little-endian
// data), parsed and bounds-checked without LibTorch so that the parser can be tested on its
// own under the sanitizers. StateDict.h turns the data into tensors.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ms {

// Element types the safetensors format defines. Multiscope loads the floating ones, the
// signed integers, U8 and BOOL; the rest are recognised so that the error can name them.
enum class SafetensorsDtype { Bool, U8, I8, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, F8_E4M3, F8_E5M2 };

// The name used in headers ("F32"), its size in bytes, and the reverse lookup.
const char* safetensorsDtypeName(SafetensorsDtype dtype);
size_t safetensorsDtypeSize(SafetensorsDtype dtype);
std::optional<SafetensorsDtype> safetensorsDtypeFromName(const std::string& name);

// One tensor's entry in the header. Offsets count from the first byte after the header.
struct SafetensorsEntry {
    std::string name;
    SafetensorsDtype dtype = SafetensorsDtype::F32;
    std::vector<int64_t> shape;  // empty for a 0-d tensor
    uint64_t begin = 0;
    uint64_t end = 0;
};

// A parsed, validated header: every entry's bytes lie inside the file, match shape × dtype
// size and overlap no other entry.
struct SafetensorsLayout {
    std::vector<SafetensorsEntry> tensors;  // in header order
    std::map<std::string, std::string> metadata;
    uint64_t dataStart = 0;  // file offset of the data section (8 + header length)
    uint64_t fileSize = 0;
};

// Largest header accepted (as the reference implementation: 100 MB).
constexpr uint64_t kMaxSafetensorsHeaderBytes = 100'000'000;

// Parses the header of a file of `fileSize` bytes whose first `available` bytes are at `data`
// (the whole file, or at least the length and the header). Throws ms::Error whose message
// starts with `nameForErrors` for: a file shorter than 8 bytes, a header length beyond the file
// or above the limit, invalid JSON, malformed entries, unknown dtypes, negative, overlapping or
// out-of-range offsets, and offsets that disagree with shape × dtype size.
SafetensorsLayout parseSafetensors(const char* data, size_t available, uint64_t fileSize,
                                   const std::string& nameForErrors);

// The first 8 + N bytes of a safetensors file for these entries (their offsets already set)
// and metadata (omitted when empty): the length, then the JSON padded with spaces to a
// multiple of 8 bytes so that the data section starts aligned.
std::string formatSafetensorsHeader(const std::vector<SafetensorsEntry>& tensors,
                                    const std::map<std::string, std::string>& metadata);

}  // namespace ms
