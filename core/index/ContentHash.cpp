#include "index/ContentHash.h"

#include <QCryptographicHash>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace ms {

std::string contentHash(const uint8_t* data, size_t size) {
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    hash.addData(QByteArrayView(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    return hash.result().toHex().toStdString();
}

std::string fileContentHash(const std::string& path) {
    // POSIX rather than QFile: the path is raw bytes that need not be valid UTF-8.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return {};
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    std::vector<char> buffer(1 << 20);
    for (;;) {
        const ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            return {};
        }
        if (n == 0) break;
        hash.addData(QByteArrayView(buffer.data(), n));
    }
    ::close(fd);
    return hash.result().toHex().toStdString();
}

}  // namespace ms
