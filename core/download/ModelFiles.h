#pragma once
// The catalogue as files in the model cache: where each official checkpoint (and the BPE
// vocabulary) lives locally, whether it is there and verified, and what to fetch it from.
// Shared by `multiscope-cli models/download/verify` and the GUI's Get model… dialog.

#include "download/FileDownload.h"
#include "download/Sha256.h"

#include <QString>

#include <optional>
#include <vector>

namespace ms {

struct ModelFile {
    QString name;        // "RN50x4", or "vocabulary" for the BPE vocabulary
    QString kind;        // "checkpoint" or "vocabulary"
    QString sha256;
    QString url;
    QString path;        // where it lives (or will) in the model cache
    int inputResolution = 0;
    std::int64_t approxBytes = 0;
};

enum class ModelFileState { Missing, Present, Verified, Mismatch };

struct ModelFileStatus {
    ModelFile file;
    ModelFileState state = ModelFileState::Missing;
    std::int64_t bytesOnDisk = 0;
    std::int64_t partialBytes = 0;   // a .part an interrupted download left
};

inline constexpr const char* kVocabularyName = "vocabulary";

// The base URL of checkpoint downloads: `override` when given, else $MULTISCOPE_CLIP_BASE_URL,
// else the official one.
QString checkpointBaseUrl(const QString& override = {});

// Every checkpoint of the catalogue, then the vocabulary, with cache paths and URLs.
std::vector<ModelFile> modelFiles(const QString& baseUrl);
// By checkpoint name (as findCheckpoint matches it) or "vocabulary"; nullopt when unknown.
std::optional<ModelFile> findModelFile(const QString& name, const QString& baseUrl);

// "missing" / "present" (there, not yet hashed) / "verified" / "mismatch" (hashed, wrong).
// `verifyNow` hashes present files that carry no valid stamp (and stamps those that match).
ModelFileStatus modelFileStatus(const ModelFile& file, bool verifyNow, const HashProgressFn& onProgress = {});
QString stateName(ModelFileState state);

DownloadRequest downloadRequestFor(const ModelFile& file);

}  // namespace ms
