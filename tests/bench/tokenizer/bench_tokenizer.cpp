// Tokenizer throughput: tokens/s and strings/s for encoding a few thousand varied captions,
// with the BPE cache off (the baseline, every word merged from bytes), with a cold cache (first
// pass) and a warm one (second pass over the same strings).
// Usage: bench_tokenizer [vocabulary.txt.gz] [strings]

#include "TestSupport.h"
#include "text/BpeTokenizer.h"
#include "util/Error.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>
#include <optional>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

// Deterministic captions: prompt templates around words drawn from a small stock, with case,
// punctuation, numbers, HTML entities and non-Latin scripts mixed in.
std::vector<std::string> makeCaptions(int count) {
    const std::vector<std::string> templates = {
        "a photo of a {}.",          "a bad photo of the {}.",
        "a sculpture of a {}",       "a rendering of a {}.",
        "graffiti of the {}",        "a cropped photo of a {} and a {}.",
        "{} {} {} in the wild",      "itap of my {}",
        "a close-up photo of a {}!", "a {} &amp; a {}",
        "the {}'s {} at night",      "\xe2\x80\x9c{}\xe2\x80\x9d \xe2\x80\x94 {} (2019)"};
    const std::vector<std::string> words = {"dog",
                                            "cat",
                                            "golden retriever",
                                            "Eiffel Tower",
                                            "mountain",
                                            "river",
                                            "bicycle",
                                            "NASA",
                                            "sunflower",
                                            "skyscraper",
                                            "origami",
                                            "photograph",
                                            "microscope",
                                            "caf\xc3\xa9",
                                            "na\xc3\xafve",
                                            "\xe7\x8c\xab",
                                            "\xe6\x97\xa5\xe6\x9c\xac",
                                            "\xd0\xbc\xd0\xb8\xd1\x80",
                                            "\xce\xb1\xce\xb8\xce\xae\xce\xbd\xce\xb1",
                                            "\xf0\x9f\x98\x80",
                                            "123",
                                            "3.14",
                                            "McDonald's",
                                            "iPhone 15 Pro",
                                            "watercolour",
                                            "neuron",
                                            "astronaut",
                                            "lighthouse",
                                            "pineapple",
                                            "tyrannosaurus",
                                            "xylophone",
                                            "ukulele",
                                            "quokka"};
    std::mt19937 rng(77);
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        std::string t = templates[rng() % templates.size()];
        for (std::size_t pos; (pos = t.find("{}")) != std::string::npos;) {
            std::string w = words[rng() % words.size()];
            if (rng() % 4 == 0) w += std::to_string(rng() % 1000);  // rarer words, more misses
            t.replace(pos, 2, w);
        }
        if (rng() % 5 == 0)
            std::transform(t.begin(), t.end(), t.begin(),
                           [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
        out.push_back(std::move(t));
    }
    return out;
}

struct Run {
    double seconds = 0;
    std::size_t tokens = 0;
};

Run encodeAll(const ms::BpeTokenizer& tok, const std::vector<std::string>& texts) {
    const auto start = std::chrono::steady_clock::now();
    Run run;
    for (const std::string& t : texts) run.tokens += tok.encode(t).size();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return run;
}

void report(const char* label, const Run& run, std::size_t strings) {
    std::printf("%-34s %10.0f tokens/s %10.0f strings/s  (%.1f ms)\n", label, run.tokens / run.seconds,
                strings / run.seconds, run.seconds * 1e3);
}

// Best of `repeats` runs; `prepare` runs before each (untimed).
template <typename Prepare>
Run best(int repeats, Prepare prepare, const ms::BpeTokenizer& tok, const std::vector<std::string>& texts) {
    Run bestRun;
    for (int r = 0; r < repeats; ++r) {
        prepare();
        const Run run = encodeAll(tok, texts);
        if (r == 0 || run.seconds < bestRun.seconds) bestRun = run;
    }
    return bestRun;
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const std::string vocab = argc > 1 && *argv[1]
                                  ? argv[1]
                                  : ms::test::fixturePath("clip/bpe_simple_vocab_16e6.txt.gz").toStdString();
    const int count = argc > 2 ? std::max(1, std::atoi(argv[2])) : 4000;

    const auto loadStart = std::chrono::steady_clock::now();
    std::optional<ms::BpeTokenizer> loaded;
    try {
        loaded.emplace(ms::BpeTokenizer::fromFile(vocab));
    } catch (const ms::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    ms::BpeTokenizer& tok = *loaded;
    std::printf(
        "vocabulary loaded in %.0f ms\n",
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - loadStart).count());
    const std::vector<std::string> texts = makeCaptions(count);
    std::printf("%d captions, %zu bytes\n", count,
                std::accumulate(texts.begin(), texts.end(), std::size_t(0),
                                [](std::size_t n, const std::string& s) { return n + s.size(); }));

    const int repeats = 5;
    tok.setCacheCapacity(0);
    const Run none = best(
        repeats, [] {}, tok, texts);
    report("cache off (baseline)", none, texts.size());
    tok.setCacheCapacity(ms::BpeTokenizer::kDefaultCacheCapacity);
    const Run cold = best(
        repeats, [&] { tok.clearCache(); }, tok, texts);
    report("cold cache (first pass)", cold, texts.size());
    const Run warm = best(
        repeats, [] {}, tok, texts);
    report("warm cache (repeat pass)", warm, texts.size());
    std::printf("speed-up over cache off: cold %.2fx, warm %.2fx\n", none.seconds / cold.seconds,
                none.seconds / warm.seconds);
    return 0;
}
