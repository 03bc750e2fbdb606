#pragma once
// The caption clean-up of the CLIP reference tokenizer, in its order: ftfy-style fixing,
// html.unescape twice, strip, whitespace runs (the `regex` module's \s) collapsed to one
// space, strip, Python's str.lower(). The result is the text the splitting pattern runs on.
// Torch-free; uses QtCore only for Unicode character data.

#include <string>
#include <string_view>

namespace ms {

class TextCleaner {
public:
    struct Options {
        // ftfy's fix_text first (the reference does); off reproduces the reference with
        // fix_text replaced by the identity.
        bool fixText = true;
    };

    static std::u32string clean(std::u32string_view text, const Options& options);
    static std::u32string clean(std::u32string_view text) { return clean(text, Options{}); }

    // UTF-8 in and out; malformed input bytes become U+FFFD.
    static std::string cleanUtf8(std::string_view utf8, const Options& options);
    static std::string cleanUtf8(std::string_view utf8) { return cleanUtf8(utf8, Options{}); }
};

}  // namespace ms
