#pragma once
// Paths for JSON output. File names are bytes, not necessarily UTF-8; JSON strings must be
// UTF-8. Valid UTF-8 sequences are kept as they are and every byte that is not part of one
// is written as %XX (uppercase hex), e.g. "caf\xE9.jpg" → "caf%E9.jpg".

#include <string>

namespace ms {

std::string jsonPath(const std::string& bytes);

}  // namespace ms
