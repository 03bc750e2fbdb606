#pragma once
// Finds CLIP's BPE merges file, which the project does not ship: a path the user gave
// (--vocab), else bpe_simple_vocab_16e6.txt.gz beside the model file, else in the model cache
// folder ($MULTISCOPE_MODEL_DIR, else ~/.cache/clip, where the Python clip package's files are).

#include <string>
#include <vector>

namespace ms {

inline constexpr const char* kBpeVocabularyFileName = "bpe_simple_vocab_16e6.txt.gz";

// The places searched when no path is given, in order (the model's folder only when a model
// path is given).
std::vector<std::string> bpeVocabularyCandidates(const std::string& modelPath);

// The file to use. Throws ms::Error listing every place it looked when there is none (or when
// the explicit path does not name a file).
std::string findBpeVocabulary(const std::string& explicitPath, const std::string& modelPath);

}  // namespace ms
