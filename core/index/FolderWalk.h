#pragma once
// Lists the files under an images folder, recursively, in bytewise order of their relative
// paths — the order that makes an index independent of how the work is split. Works on raw
// byte paths (POSIX), so names that are not valid UTF-8 are listed like any other.
//
// Symbolic links to files are followed (the link's path is listed); links to folders are
// followed unless they lead back to a folder above them. What cannot be listed is returned
// with a problem instead of stopping the walk: a broken link, a link loop, a folder that
// cannot be opened, a FIFO/socket/device named like an image.

#include "index/IndexTypes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ms {

struct WalkEntry {
    std::string path;  // relative to the root, '/'-separated, raw bytes
    uint64_t size = 0;  // of the link's target for symbolic links
    int64_t mtimeNs = 0;
    std::optional<IndexIssue> problem;
};

// Throws ms::Error when `root` itself cannot be listed. `skipDir` (optional): a folder not to
// enter, e.g. the index folder when it lies inside the images folder.
std::vector<WalkEntry> walkFolder(const std::string& root, const std::string& skipDir = {});

// Whether the file name ends in an image extension (case-insensitive): the ones Multiscope
// reads (jpg, jpeg, png, bmp, webp, tif, tiff) and common ones it does not (gif, heic...).
bool hasImageExtension(const std::string& path);
// For an extension of a format Multiscope does not read: its name ("HEIF", "GIF"...), else null.
const char* unsupportedExtensionFormat(const std::string& path);

}  // namespace ms
