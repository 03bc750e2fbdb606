#include "TokenizerCases.h"

#include "TestSupport.h"

#include <nlohmann/json.hpp>

#include <QtGlobal>

#include <fstream>

namespace ms::test {
namespace {

std::vector<TokenizerCase> load() {
    const QString path = fixturePath(QStringLiteral("clip/tokenizer_cases.jsonl"));
    std::ifstream in(path.toStdString());
    if (!in) qFatal("cannot read %s", qPrintable(path));
    std::vector<TokenizerCase> cases;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        try {
            const auto j = nlohmann::json::parse(line);
            TokenizerCase c;
            c.line = number;
            c.category = j.at("category").get<std::string>();
            c.text = j.at("text").get<std::string>();
            c.ids = j.at("ids").get<std::vector<int>>();
            c.tokenized77 = j.at("tokenized77").get<std::vector<int>>();
            c.truncated = j.at("truncated").get<bool>();
            c.normalized = j.at("normalized").get<std::string>();
            c.ftfySensitive = j.at("ftfy_sensitive").get<bool>();
            c.idsWithoutFtfy = c.ftfySensitive ? j.at("ids_without_ftfy").get<std::vector<int>>() : c.ids;
            c.decoded = j.at("decoded").get<std::string>();
            cases.push_back(std::move(c));
        } catch (const std::exception& e) {
            qFatal("%s:%d: %s", qPrintable(path), number, e.what());
        }
    }
    return cases;
}

}  // namespace

const std::vector<TokenizerCase>& tokenizerCases() {
    static const std::vector<TokenizerCase> cases = load();
    return cases;
}

QString vocabularyFixture() { return fixturePath(QStringLiteral("clip/bpe_simple_vocab_16e6.txt.gz")); }

}  // namespace ms::test
