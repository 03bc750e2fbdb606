#pragma once
// The reference tokenizer cases (../shared/fixtures/clip/tokenizer_cases.jsonl), read once and
// shared by the tokenizer test suites.

#include <QString>

#include <string>
#include <vector>

namespace ms::test {

struct TokenizerCase {
    int line = 0;
    std::string category;
    std::string text;
    std::vector<int> ids;
    std::vector<int> tokenized77;
    bool truncated = false;
    std::string normalized;
    bool ftfySensitive = false;
    std::vector<int> idsWithoutFtfy;  // the ids without ftfy: `ids` unless ftfy_sensitive
    std::string decoded;
};

// Fails the test run (qFatal) when the file is missing or malformed.
const std::vector<TokenizerCase>& tokenizerCases();

QString vocabularyFixture();

}  // namespace ms::test
