#pragma once
// The reference's splitting pattern, matched by hand over code points:
//   <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// with IGNORECASE, applied to the cleaned, lower-cased text. Alternatives are tried in that
// order at each position (the first that matches wins, as in a backtracking regex); characters
// no alternative matches (whitespace) are skipped, as re.findall skips them.

#include <string_view>
#include <vector>

namespace ms::text {

struct Piece {
    std::size_t begin;
    std::size_t length;
};

std::vector<Piece> splitPieces(std::u32string_view text);

}  // namespace ms::text
