#pragma once
// The few POSIX file operations the index's crash-safety rests on (positioned writes,
// fdatasync, truncation, directory sync, read-only mappings), each throwing ms::Error that
// names the file and the system's reason.

#include <cstddef>
#include <cstdint>
#include <string>

namespace ms::posix {

int openFile(const std::string& path, int flags, int mode = 0644);  // throws
void closeFile(int fd);
void writeAt(int fd, const void* data, size_t size, int64_t offset, const std::string& path);
void readAt(int fd, void* data, size_t size, int64_t offset, const std::string& path);
void syncData(int fd, const std::string& path);
void truncateTo(int fd, int64_t size, const std::string& path);
int64_t fileSize(int fd, const std::string& path);
void syncDirectory(const std::string& dir);
void removeIfExists(const std::string& path);
bool exists(const std::string& path);
void makeDirectories(const std::string& path);  // like mkdir -p

// Maps `length` bytes of a file read-only (nullptr for length 0); unmap with unmapFile.
const uint8_t* mapReadOnly(const std::string& path, size_t length);
void unmapFile(const uint8_t* data, size_t length);
// madvise over [base + offset, +length) of a mapping of mapLength bytes (never beyond it):
// prefetch the pages, or let go of them (they stay in the page cache).
void adviseWillNeed(const uint8_t* base, size_t mapLength, size_t offset, size_t length);
void adviseDontNeed(const uint8_t* base, size_t mapLength, size_t offset, size_t length);
// Starts reading a whole file into the page cache in the background.
void adviseFileWillNeed(const std::string& path);

// Disk space the files under `dir` occupy (allocated blocks, like du).
uint64_t diskUsage(const std::string& dir);

}  // namespace ms::posix
