#pragma once
// Helpers of the index tests: folders of generated images, a bad-file corpus, and a
// fingerprint of an index folder (every table that defines its content, and the bytes of its
// matrix files) to compare indexes for identity.

#include <cstdint>
#include <string>
#include <vector>

namespace ms::test {

// Encodes a w×h picture (blocks of seeded colours) as ".jpg", ".png", ".bmp", ".webp", ".tiff".
std::vector<uint8_t> encodedImage(const std::string& extension, int seed, int w = 40, int h = 30);
void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes);
void writeText(const std::string& path, const std::string& text);
// Creates the file's folders too.
void writeImage(const std::string& path, int seed, int w = 40, int h = 30);

// A folder of `count` images in a few sub-folders, all good: "dirK/imgNNN.ext", formats mixed.
std::vector<std::string> makeImageFolder(const std::string& root, int count, int seed = 1);

// Deletes a folder tree by raw byte paths (QTemporaryDir cannot delete names that are not
// valid UTF-8, nor files made unreadable).
void removeTree(const std::string& path);

// Removes its tree when it goes out of scope (declare it after the QTemporaryDir).
struct TreeRemover {
    std::string path;
    ~TreeRemover() { removeTree(path); }
};

// Tables, counters and matrix-file hashes of an index folder, one line each (run history
// and timestamps excluded: they describe how the index was made, not what it holds).
std::string indexFingerprint(const std::string& dir);

// Makes permission bits bind for this thread and the threads it creates, also when running
// as root (drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the effective set); the
// destructor restores them.
class PermissionsEnforced {
public:
    PermissionsEnforced();
    ~PermissionsEnforced();
    bool active() const { return mActive; }

private:
    bool mActive = false;
    bool mDropped = false;
};

}  // namespace ms::test
