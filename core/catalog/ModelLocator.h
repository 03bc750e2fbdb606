#pragma once
// Turns what a user passes as --model into a file: a path to a .pt/.safetensors file, the
// word "bundled" (the project's own model), or an official checkpoint name looked up in the
// model cache folder (the folder the Python clip package uses, so its downloads are reused).

#include <string>

namespace ms {

// The QSettings key (organisation "Multiscope", application "multiscope") of the user's choice.
inline constexpr const char* kModelCacheDirSetting = "models/cacheDir";

// $MULTISCOPE_MODEL_DIR if set, else the setting above if set, else ~/.cache/clip.
std::string modelCacheDir();

// The folder holding the installed or source-tree data (bundled model, word lists):
// $MULTISCOPE_DATA_DIR, then <exe>/../share/multiscope, then the source tree's resources/.
std::string dataDir();

// Throws ms::Error with a specific message (what was looked for, and where) when nothing fits.
std::string resolveModelPath(const std::string& modelArgument);

}  // namespace ms
