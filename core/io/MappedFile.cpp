#include "io/MappedFile.h"

#include "util/Error.h"

#include <QFile>
#include <QFileInfo>

namespace ms {

MappedFile::MappedFile(const std::string& path) : mPath(path), mFile(std::make_unique<QFile>(QString::fromStdString(path))) {
    if (QFileInfo(mFile->fileName()).isDir()) throw Error(path + ": is a folder, not a file");
    if (!mFile->open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open the file (" + mFile->errorString().toStdString() + ")");
    mSize = static_cast<uint64_t>(mFile->size());
    if (mSize == 0) return;
    if (const uchar* mapped = mFile->map(0, mFile->size())) {
        mData = reinterpret_cast<const char*>(mapped);
        return;
    }
    // Some file systems (pipes, some FUSE mounts) cannot be mapped: read the bytes instead.
    const QByteArray bytes = mFile->readAll();
    if (static_cast<uint64_t>(bytes.size()) != mSize) throw Error(path + ": read error");
    mBuffer.assign(bytes.constData(), static_cast<size_t>(bytes.size()));
    mData = mBuffer.data();
}

MappedFile::~MappedFile() = default;

}  // namespace ms
