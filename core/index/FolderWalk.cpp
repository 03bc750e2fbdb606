#include "index/FolderWalk.h"

#include "util/Error.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace ms {
namespace {

// Deeper nesting than this is almost surely a loop the (dev, inode) check cannot see.
constexpr int kMaxDepth = 128;

constexpr const char* kReadable[] = {"jpg", "jpeg", "jpe", "jfif", "png", "bmp", "webp", "tif", "tiff"};
constexpr std::pair<const char*, const char*> kUnreadable[] = {
    {"gif", "GIF"},       {"heic", "HEIF"},     {"heif", "HEIF"},  {"avif", "AVIF"},  {"jp2", "JPEG 2000"},
    {"j2k", "JPEG 2000"}, {"jxl", "JPEG XL"},   {"ico", "ICO"},    {"psd", "PSD"},    {"svg", "SVG"},
    {"exr", "OpenEXR"},   {"hdr", "Radiance HDR"}, {"tga", "TGA"}, {"ppm", "PPM"},    {"pgm", "PGM"},
    {"pbm", "PBM"},       {"pnm", "PNM"},       {"dng", "DNG"},    {"cr2", "Canon RAW"}, {"nef", "Nikon RAW"},
};

std::string lowerExtension(const std::string& path) {
    const size_t slash = path.rfind('/');
    const size_t dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = path.substr(dot + 1);
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

int64_t mtimeOf(const struct stat& st) {
    return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
}

class Walker {
public:
    Walker(std::string root, const std::string& skipDir) : mRoot(std::move(root)) {
        struct stat st {};
        if (!skipDir.empty() && ::stat(skipDir.c_str(), &st) == 0) mSkip = {st.st_dev, st.st_ino};
    }

    std::vector<WalkEntry> run() {
        struct stat st {};
        if (::stat(mRoot.c_str(), &st) != 0) throw Error(mRoot + ": cannot open the images folder (" + std::strerror(errno) + ")");
        if (!S_ISDIR(st.st_mode)) throw Error(mRoot + ": not a folder");
        std::vector<std::pair<dev_t, ino_t>> ancestors{{st.st_dev, st.st_ino}};
        if (!walk(mRoot, "", ancestors, 0)) throw Error(mRoot + ": cannot list the images folder (" + std::strerror(errno) + ")");
        std::sort(mEntries.begin(), mEntries.end(), [](const WalkEntry& a, const WalkEntry& b) { return a.path < b.path; });
        return std::move(mEntries);
    }

private:
    void problem(const std::string& rel, const struct stat* st, IssueKind kind, const std::string& reason) {
        WalkEntry e;
        e.path = rel;
        if (st) {
            e.size = static_cast<uint64_t>(st->st_size);
            e.mtimeNs = mtimeOf(*st);
        }
        e.problem = IndexIssue{rel, kind, reason};
        mEntries.push_back(std::move(e));
    }

    // false when `dir` cannot be opened (errno set).
    bool walk(const std::string& dir, const std::string& prefix, std::vector<std::pair<dev_t, ino_t>>& ancestors, int depth) {
        DIR* d = ::opendir(dir.c_str());
        if (!d) return false;
        while (const dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            visit(dir + "/" + name, prefix + name, ancestors, depth);
        }
        ::closedir(d);
        return true;
    }

    void visit(const std::string& full, const std::string& rel, std::vector<std::pair<dev_t, ino_t>>& ancestors, int depth) {
        struct stat lst {};
        if (::lstat(full.c_str(), &lst) != 0) {
            problem(rel, nullptr, IssueKind::Unreadable, std::string("cannot read the entry (") + std::strerror(errno) + ")");
            return;
        }
        struct stat st = lst;
        const bool link = S_ISLNK(lst.st_mode);
        if (link && ::stat(full.c_str(), &st) != 0) {
            if (errno == ENOENT) problem(rel, &lst, IssueKind::BrokenSymlink, "broken symbolic link (its target does not exist)");
            else if (errno == ELOOP) problem(rel, &lst, IssueKind::SymlinkLoop, "symbolic link loop");
            else problem(rel, &lst, IssueKind::Unreadable, std::string("cannot follow the symbolic link (") + std::strerror(errno) + ")");
            return;
        }
        if (S_ISDIR(st.st_mode)) {
            enterFolder(full, rel, st, lst, link, ancestors, depth);
        } else if (S_ISREG(st.st_mode)) {
            WalkEntry entry;
            entry.path = rel;
            entry.size = static_cast<uint64_t>(st.st_size);
            entry.mtimeNs = mtimeOf(st);
            mEntries.push_back(std::move(entry));
        } else if (hasImageExtension(rel)) {
            problem(rel, &lst, IssueKind::NotRegular, S_ISFIFO(st.st_mode) ? "not a regular file (a FIFO)"
                                                      : S_ISSOCK(st.st_mode) ? "not a regular file (a socket)"
                                                                             : "not a regular file (a device)");
        }
    }

    void enterFolder(const std::string& full, const std::string& rel, const struct stat& st, const struct stat& lst,
                     bool link, std::vector<std::pair<dev_t, ino_t>>& ancestors, int depth) {
        const std::pair<dev_t, ino_t> id{st.st_dev, st.st_ino};
        if (mSkip && *mSkip == id) return;
        if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
            if (link) problem(rel, &lst, IssueKind::SymlinkLoop, "symbolic link loop (it leads to a folder above it)");
            return;
        }
        if (depth >= kMaxDepth) {
            problem(rel, &lst, IssueKind::SymlinkLoop, "folders nested too deep (a loop?)");
            return;
        }
        ancestors.push_back(id);
        if (!walk(full, rel + "/", ancestors, depth + 1))
            problem(rel, &lst, IssueKind::Unreadable, std::string("cannot open the folder (") + std::strerror(errno) + ")");
        ancestors.pop_back();
    }

    std::string mRoot;
    std::optional<std::pair<dev_t, ino_t>> mSkip;
    std::vector<WalkEntry> mEntries;
};

}  // namespace

bool hasImageExtension(const std::string& path) {
    const std::string ext = lowerExtension(path);
    if (ext.empty()) return false;
    for (const char* e : kReadable)
        if (ext == e) return true;
    return unsupportedExtensionFormat(path) != nullptr;
}

const char* unsupportedExtensionFormat(const std::string& path) {
    const std::string ext = lowerExtension(path);
    for (const auto& [e, name] : kUnreadable)
        if (ext == e) return name;
    return nullptr;
}

std::vector<WalkEntry> walkFolder(const std::string& root, const std::string& skipDir) {
    return Walker(root, skipDir).run();
}

}  // namespace ms
