#pragma once
// The official OpenAI CLIP checkpoints and the BPE vocabulary: names, files, URLs, SHA-256
// and input resolutions. The project keeps its own table of these published facts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ms {

struct CheckpointInfo {
    std::string name;         // as clip.load() takes it: "RN50x4", "ViT-B/32"
    std::string file;         // as the Python package stores it: "RN50x4.pt", "ViT-B-32.pt"
    std::string sha256;       // also the folder name in the URL
    int inputResolution = 0;
    std::int64_t approxBytes = 0;

    std::string url(const std::string& baseUrl = {}) const;  // base: up to "<sha256>/<file>"
};

struct VocabularyInfo {
    std::string file;
    std::string sha256;
    std::string url;
};

const std::vector<CheckpointInfo>& officialCheckpoints();
const VocabularyInfo& officialBpeVocabulary();

// The catalogue in use: the official table, plus (or, for the same name, replaced by) the
// entries of the JSON file named by $MULTISCOPE_CATALOG — same layout as the published
// checkpoints.json ({"checkpoints": [{name, file, sha256, input_resolution, size_bytes?}],
// "vocabulary": {file, sha256, url}}) — for private mirrors of other checkpoints.
// Throws ms::Error when that file is unreadable or malformed.
std::vector<CheckpointInfo> checkpointCatalogue();
VocabularyInfo bpeVocabulary();

// Case-insensitive, and "ViT-B-32" is accepted for "ViT-B/32". Searches the catalogue.
std::optional<CheckpointInfo> findCheckpoint(const std::string& name);

// The official download location: https://openaipublic.azureedge.net/clip/models
std::string defaultCheckpointBaseUrl();

}  // namespace ms
