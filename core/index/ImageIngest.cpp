#include "index/ImageIngest.h"

#include "image/ClipPreprocess.h"
#include "image/ImageDecode.h"
#include "image/ImageHeader.h"
#include "index/ContentHash.h"
#include "index/FolderWalk.h"
#include "util/Error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <vector>

namespace ms {
namespace {

// Enough to recognise every format by its magic bytes.
constexpr size_t kSniffBytes = 64;

FileRecord baseRecord(const PlanEntry& e) {
    FileRecord r;
    r.path = e.path;
    r.size = e.size;
    r.mtimeNs = e.mtimeNs;
    return r;
}

IngestResult refuse(FileRecord r, IssueKind kind, std::string reason) {
    r.status = FileRecord::Status::Error;
    r.kind = kind;
    r.reason = std::move(reason);
    return IngestResult{std::move(r), {}};
}

IngestResult ignore(FileRecord r) {
    r.status = FileRecord::Status::Ignored;
    return IngestResult{std::move(r), {}};
}

// ms::Error messages of core/image start with the name they were given; the index records
// the path separately.
std::string reasonOf(const std::exception& e, const std::string& name) {
    std::string text = e.what();
    const std::string prefix = name + ": ";
    if (text.compare(0, prefix.size(), prefix) == 0) text.erase(0, prefix.size());
    return text;
}

// Reads the whole file; false with errno set on a read error.
bool readAll(int fd, std::vector<uint8_t>& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) {  // shrank since fstat
            bytes.resize(done);
            return true;
        }
        done += static_cast<size_t>(n);
    }
    return true;
}

IssueKind openFailureKind(int error) {
    return error == ELOOP ? IssueKind::SymlinkLoop : IssueKind::Unreadable;
}

// Decides from the first bytes; returns true when the file is to be decoded.
bool triage(const uint8_t* head, size_t size, FileRecord& r, IngestResult& out) {
    const ImageFormat format = detectImageFormat(head, size);
    if (format == ImageFormat::Gif) {
        out = refuse(r, IssueKind::Unsupported, "unsupported format: GIF");
        return false;
    }
    if (format != ImageFormat::Unknown) return true;
    if (const char* other = sniffUnsupportedFormat(head, size)) {
        out = refuse(r, IssueKind::Unsupported, std::string("unsupported format: ") + other);
    } else if (const char* byName = unsupportedExtensionFormat(r.path)) {
        out = refuse(r, IssueKind::Unsupported, std::string("unsupported format (") + byName + " by its extension)");
    } else if (hasImageExtension(r.path)) {
        out = refuse(r, IssueKind::NotImage, "not an image (the content is not JPEG, PNG, BMP, WebP or TIFF)");
    } else {
        out = ignore(r);
    }
    return false;
}

IngestResult decodeAndPreprocess(FileRecord r, const std::vector<uint8_t>& bytes, const IngestSettings& s) {
    try {
        const ImageHeaderInfo header = readImageHeader(bytes.data(), bytes.size(), r.path);
        r.width = static_cast<int64_t>(header.width);
        r.height = static_cast<int64_t>(header.height);
        r.format = imageFormatName(header.format);
        try {
            checkPixelLimit(header, s.maxPixels, r.path);
        } catch (const Error& e) {
            std::string reason = "too large (decompression bomb?): " + reasonOf(e, r.path);
            return refuse(std::move(r), IssueKind::TooLarge, std::move(reason));
        }
        DecodeOptions options;
        options.maxPixels = s.maxPixels;
        const DecodedImage decoded = decodeImageBytes(bytes.data(), bytes.size(), r.path, options);
        at::Tensor tensor = preprocessImage(decoded, s.resolution, s.normalization);
        r.status = FileRecord::Status::Image;
        return IngestResult{std::move(r), std::move(tensor)};
    } catch (const Error& e) {
        std::string reason = reasonOf(e, r.path);
        return refuse(std::move(r), IssueKind::Corrupt, std::move(reason));
    } catch (const std::exception& e) {
        return refuse(std::move(r), IssueKind::Corrupt, std::string("cannot decode: ") + e.what());
    }
}

IngestResult ingestOpened(int fd, FileRecord r, const IngestSettings& s) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return refuse(std::move(r), IssueKind::Unreadable, std::string("cannot stat: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) {
        if (!hasImageExtension(r.path)) return ignore(std::move(r));
        return refuse(std::move(r), IssueKind::NotRegular, "not a regular file");
    }
    if (st.st_size == 0) return hasImageExtension(r.path) ? refuse(std::move(r), IssueKind::Empty, "empty file") : ignore(std::move(r));

    uint8_t head[kSniffBytes];
    const ssize_t got = ::pread(fd, head, sizeof head, 0);
    if (got < 0) return refuse(std::move(r), IssueKind::Unreadable, std::string("cannot read: ") + std::strerror(errno));
    IngestResult out;
    if (!triage(head, static_cast<size_t>(got), r, out)) return out;
    if (st.st_size > std::numeric_limits<int>::max())
        return refuse(std::move(r), IssueKind::TooLarge, "file too large to decode (over 2 GiB)");

    std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
    if (!readAll(fd, bytes)) return refuse(std::move(r), IssueKind::Unreadable, std::string("cannot read: ") + std::strerror(errno));
    r.hash = contentHash(bytes.data(), bytes.size());
    if (bytes.empty()) return refuse(std::move(r), IssueKind::Empty, "empty file");
    return decodeAndPreprocess(std::move(r), bytes, s);
}

bool startsWith(const uint8_t* data, size_t size, size_t offset, const char* magic, size_t n) {
    return size >= offset + n && std::memcmp(data + offset, magic, n) == 0;
}

}  // namespace

const char* sniffUnsupportedFormat(const uint8_t* d, size_t n) {
    if (startsWith(d, n, 4, "ftyp", 4) && n >= 12) {
        for (const char* brand : {"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"})
            if (std::memcmp(d + 8, brand, 4) == 0) return "HEIF";
        for (const char* brand : {"avif", "avis"})
            if (std::memcmp(d + 8, brand, 4) == 0) return "AVIF";
    }
    if (startsWith(d, n, 0, "\0\0\0\x0CjP  \r\n\x87\n", 12) || startsWith(d, n, 0, "\xFF\x4F\xFF\x51", 4)) return "JPEG 2000";
    if (startsWith(d, n, 0, "\xFF\x0A", 2) || startsWith(d, n, 0, "\0\0\0\x0CJXL \r\n\x87\n", 12)) return "JPEG XL";
    if (startsWith(d, n, 0, "8BPS", 4)) return "PSD";
    if (startsWith(d, n, 0, "\0\0\1\0", 4) && n >= 6 && d[4] != 0) return "ICO";
    if (startsWith(d, n, 0, "\x76\x2F\x31\x01", 4)) return "OpenEXR";
    return nullptr;
}

IngestResult ingestFile(const PlanEntry& entry, const IngestSettings& s) {
    FileRecord r = baseRecord(entry);
    if (entry.problem) return refuse(std::move(r), entry.problem->kind, entry.problem->reason);
    const std::string full = s.root + "/" + entry.path;
    // O_NONBLOCK: a FIFO put in a file's place must not hang the thread.
    const int fd = ::open(full.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return refuse(std::move(r), openFailureKind(error), std::string("cannot open: ") + std::strerror(error));
    }
    IngestResult out;
    try {
        out = ingestOpened(fd, std::move(r), s);
    } catch (const std::exception& e) {  // out of memory and the like: still not fatal
        out = refuse(baseRecord(entry), IssueKind::Unreadable, std::string("cannot process: ") + e.what());
    }
    ::close(fd);
    return out;
}

}  // namespace ms
