#include "index/IndexTypes.h"

#include "util/Error.h"

#include <cctype>

namespace ms {

const char* scoreKindName(ScoreKind kind) { return kind == ScoreKind::Max ? "max" : "mean"; }

ScoreKind parseScoreKind(const std::string& text) {
    if (text == "max") return ScoreKind::Max;
    if (text == "mean") return ScoreKind::Mean;
    throw Error("score '" + text + "': expected 'max' or 'mean'");
}

ShardSpec parseShardSpec(const std::string& text) {
    const size_t slash = text.find('/');
    const auto isNumber = [](const std::string& s) {
        if (s.empty() || s.size() > 9) return false;
        for (char c : s)
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        return true;
    };
    if (slash == std::string::npos || !isNumber(text.substr(0, slash)) || !isNumber(text.substr(slash + 1)))
        throw Error("shard '" + text + "': expected I/N, e.g. 2/8 (I counts from 1)");
    ShardSpec spec;
    spec.index = std::stoi(text.substr(0, slash));
    spec.count = std::stoi(text.substr(slash + 1));
    if (spec.count < 1 || spec.index < 1 || spec.index > spec.count)
        throw Error("shard '" + text + "': I must be between 1 and N");
    return spec;
}

std::string shardSpecText(const ShardSpec& spec) {
    return spec.active() ? std::to_string(spec.index) + "/" + std::to_string(spec.count) : std::string();
}

}  // namespace ms
