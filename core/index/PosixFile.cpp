#include "index/PosixFile.h"

#include "util/Error.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace ms::posix {
namespace {

[[noreturn]] void failErrno(const std::string& path, const std::string& what) {
    throw Error(path + ": " + what + " (" + std::strerror(errno) + ")");
}

size_t pageSize() {
    static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

// madvise over whole `granule`s (a multiple of the page size) around [offset, offset + length),
// clamped to the mapping [base, base + mapLength): advice never reaches a neighbouring mapping
// (MADV_DONTNEED would zero anonymous memory).
void advise(const uint8_t* base, size_t mapLength, size_t offset, size_t length, int advice, size_t granule) {
    if (!base || length == 0 || offset >= mapLength) return;
    const size_t from = offset & ~(granule - 1);
    const size_t mapEnd = (mapLength + pageSize() - 1) & ~(pageSize() - 1);
    const size_t to = std::min(mapEnd, (offset + length + granule - 1) & ~(granule - 1));
    // Advice only: a failure costs speed, never correctness.
    (void)::madvise(const_cast<uint8_t*>(base) + from, to - from, advice);
}

}  // namespace

int openFile(const std::string& path, int flags, int mode) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    if (fd < 0) failErrno(path, "cannot open");
    return fd;
}

void closeFile(int fd) {
    if (fd >= 0) ::close(fd);
}

void writeAt(int fd, const void* data, size_t size, int64_t offset, const std::string& path) {
    const auto* p = static_cast<const uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, p, size, offset);
        if (n < 0) {
            if (errno == EINTR) continue;
            failErrno(path, "cannot write");
        }
        p += n;
        size -= static_cast<size_t>(n);
        offset += n;
    }
}

void readAt(int fd, void* data, size_t size, int64_t offset, const std::string& path) {
    auto* p = static_cast<uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::pread(fd, p, size, offset);
        if (n < 0) {
            if (errno == EINTR) continue;
            failErrno(path, "cannot read");
        }
        if (n == 0) throw Error(path + ": file is shorter than the index records (truncated?)");
        p += n;
        size -= static_cast<size_t>(n);
        offset += n;
    }
}

void syncData(int fd, const std::string& path) {
    if (::fdatasync(fd) != 0) failErrno(path, "cannot sync to disk");
}

void truncateTo(int fd, int64_t size, const std::string& path) {
    if (::ftruncate(fd, size) != 0) failErrno(path, "cannot truncate");
}

int64_t fileSize(int fd, const std::string& path) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) failErrno(path, "cannot stat");
    return st.st_size;
}

void syncDirectory(const std::string& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) failErrno(dir, "cannot open folder");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) failErrno(dir, "cannot sync folder");
}

void removeIfExists(const std::string& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) failErrno(path, "cannot delete");
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

void makeDirectories(const std::string& path) {
    for (size_t pos = 1; pos <= path.size(); ++pos) {
        if (pos != path.size() && path[pos] != '/') continue;
        const std::string prefix = path.substr(0, pos);
        if (::mkdir(prefix.c_str(), 0755) != 0 && errno != EEXIST) failErrno(prefix, "cannot create folder");
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) throw Error(path + ": not a folder");
}

const uint8_t* mapReadOnly(const std::string& path, size_t length) {
    if (length == 0) return nullptr;
    const int fd = openFile(path, O_RDONLY);
    const int64_t size = fileSize(fd, path);
    if (size < static_cast<int64_t>(length)) {
        ::close(fd);
        throw Error(path + ": file has " + std::to_string(size) + " bytes, the index records " +
                    std::to_string(length));
    }
    void* data = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) failErrno(path, "cannot map");
    return static_cast<const uint8_t*>(data);
}

void unmapFile(const uint8_t* data, size_t length) {
    if (data) ::munmap(const_cast<uint8_t*>(data), length);
}

void adviseWillNeed(const uint8_t* base, size_t mapLength, size_t offset, size_t length) {
    advise(base, mapLength, offset, length, MADV_WILLNEED, pageSize());
}

void adviseDontNeed(const uint8_t* base, size_t mapLength, size_t offset, size_t length) {
    // Page faults map up to 64 KiB around the faulting page ("fault-around") when those pages
    // are cached: let go of the 64 KiB windows around the range too, or resident memory
    // creeps up query by query.
    constexpr size_t kFaultAround = 64 * 1024;
    const size_t from = offset >= kFaultAround ? offset - kFaultAround : 0;
    advise(base, mapLength, from, length + (offset - from) + kFaultAround, MADV_DONTNEED, kFaultAround);
}

void adviseFileWillNeed(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    ::close(fd);
}

uint64_t diskUsage(const std::string& dir) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return 0;
    uint64_t total = 0;
    while (const dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        const std::string path = dir + "/" + name;
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) continue;
        total += static_cast<uint64_t>(st.st_blocks) * 512u;
        if (S_ISDIR(st.st_mode)) total += diskUsage(path);
    }
    ::closedir(d);
    return total;
}

}  // namespace ms::posix
