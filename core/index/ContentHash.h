#pragma once
// The content hash that confirms whether a file changed between runs (kContentHashAlgorithm:
// BLAKE2b-256, lowercase hex). Fast enough (~0.8 GB/s) to run on every image read.

#include <cstddef>
#include <cstdint>
#include <string>

namespace ms {

std::string contentHash(const uint8_t* data, size_t size);
// Hash of a file's bytes, or an empty string when it cannot be read.
std::string fileContentHash(const std::string& path);

}  // namespace ms
