#pragma once
// Read-only view of a whole file, memory-mapped where possible so that large model files are
// not copied before their tensors are. Torch-free (QtCore only).

#include <cstdint>
#include <memory>
#include <string>

class QFile;

namespace ms {

// Maps (or, where mapping is impossible, reads) a file; the bytes live as long as the object.
class MappedFile {
public:
    // Throws ms::Error naming the file when it cannot be opened or read.
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const char* data() const { return mData; }
    uint64_t size() const { return mSize; }
    const std::string& path() const { return mPath; }

private:
    std::string mPath;
    std::unique_ptr<QFile> mFile;
    std::string mBuffer;  // used only when mapping failed
    const char* mData = nullptr;
    uint64_t mSize = 0;
};

}  // namespace ms
