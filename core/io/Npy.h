#pragma once
// The NumPy .npy header (format versions 1.0, 2.0 and 3.0), parsed and written without
// LibTorch so that the parser can be tested on its own under the sanitizers. NpyTensor.h
// turns the data that follows into tensors.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ms {

// What a .npy header says about the array that follows it.
struct NpyHeader {
    std::string descr;           // NumPy type string, e.g. "<f4", "|u1", "|b1"
    bool fortranOrder = false;   // column-major data
    std::vector<int64_t> shape;  // empty for a 0-d array
    size_t dataOffset = 0;       // first byte of the data, counted from the start of the file
    size_t itemSize = 0;         // bytes per element of descr
    size_t dataBytes = 0;        // itemSize × number of elements (checked for overflow)
};

// The type strings Multiscope reads and writes, with their element size; 0 for any other.
size_t npyItemSize(const std::string& descr);

// Parses the header at the start of a .npy file. `fileBytesPrefix` holds at least the
// header (the whole file is fine); `nameForErrors` prefixes every error message.
// Throws ms::Error for a missing magic string, an unknown version, a truncated or malformed
// header, big-endian or unsupported types, negative or overflowing shapes.
NpyHeader parseNpyHeader(const std::string& fileBytesPrefix, const std::string& nameForErrors);

// Throws ms::Error unless a file of `fileSize` bytes holds all of the header's data.
void checkNpyDataSize(const NpyHeader& header, uint64_t fileSize, const std::string& nameForErrors);

// A version 1.0 header (magic, version, length, dictionary) padded with spaces and a newline
// to a multiple of 64 bytes, as numpy.save writes it.
std::string formatNpyHeader(const std::string& descr, bool fortranOrder, const std::vector<int64_t>& shape);

}  // namespace ms
