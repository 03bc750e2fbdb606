// `multiscope-cli tokenize [--context-length 77] [--vocab PATH] TEXT...`: clip.tokenize() for
// each text, one JSON array of ids per line (start, BPE ids, end, zero padding).

#include "CliCommand.h"

#include "text/BpeTokenizer.h"
#include "text/VocabularyLocator.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace ms::cli {

void addTokenizeCommand(CLI::App& app, Command& chosen) {
    auto* cmd = app.add_subcommand("tokenize", "Tokenize texts with the CLIP BPE tokenizer (one JSON array per line)");
    struct Args {
        std::vector<std::string> texts;
        int contextLength = 77;
        std::string vocab;
        bool noTruncate = false;
    };
    auto args = std::make_shared<Args>();
    cmd->add_option("texts", args->texts, "Texts to tokenize")->required();
    cmd->add_option("--context-length", args->contextLength, "Token positions (start and end included)")
        ->check(CLI::Range(2, 100000));
    cmd->add_option("--vocab", args->vocab, "BPE merges file (bpe_simple_vocab_16e6.txt.gz); default: the model cache folder");
    cmd->add_flag("--no-truncate", args->noTruncate, "Fail on texts longer than the context instead of cutting them");
    cmd->callback([&chosen, args] {
        chosen.run = [args] {
            const BpeTokenizer tokenizer = BpeTokenizer::fromFile(findBpeVocabulary(args->vocab, {}));
            std::string out;
            for (const std::string& text : args->texts)
                out += nlohmann::json(tokenizer.tokenize(text, args->contextLength, !args->noTruncate)).dump() + "\n";
            out.pop_back();
            printResult(out);
            return 0;
        };
    });
}

}  // namespace ms::cli
