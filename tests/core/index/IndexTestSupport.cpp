#include "IndexTestSupport.h"

#include "index/ContentHash.h"
#include "index/IndexSchema.h"
#include "index/PosixFile.h"
#include "index/Sqlite.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <dirent.h>
#include <ftw.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <stdexcept>

namespace ms::test {

std::vector<uint8_t> encodedImage(const std::string& extension, int seed, int w, int h) {
    cv::Mat img(h, w, CV_8UC3);
    std::mt19937 rng(static_cast<uint32_t>(seed));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) img.at<cv::Vec3b>(y, x) = cv::Vec3b(0, 0, 0);
    for (int block = 0; block < 6; ++block) {
        const int x0 = static_cast<int>(rng() % static_cast<uint32_t>(w)), y0 = static_cast<int>(rng() % static_cast<uint32_t>(h));
        const cv::Vec3b colour(static_cast<uint8_t>(rng()), static_cast<uint8_t>(rng()), static_cast<uint8_t>(rng()));
        for (int y = y0; y < std::min(h, y0 + h / 2); ++y)
            for (int x = x0; x < std::min(w, x0 + w / 2); ++x) img.at<cv::Vec3b>(y, x) = colour;
    }
    std::vector<uint8_t> bytes;
    if (!cv::imencode(extension, img, bytes)) throw std::runtime_error("cannot encode " + extension);
    return bytes;
}

void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
    const size_t slash = path.rfind('/');
    if (slash != std::string::npos) posix::makeDirectories(path.substr(0, slash));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
}

void writeText(const std::string& path, const std::string& text) { writeBytes(path, std::vector<uint8_t>(text.begin(), text.end())); }

void writeImage(const std::string& path, int seed, int w, int h) {
    const size_t dot = path.rfind('.');
    writeBytes(path, encodedImage(path.substr(dot), seed, w, h));
}

std::vector<std::string> makeImageFolder(const std::string& root, int count, int seed) {
    static const char* exts[] = {".jpg", ".png", ".bmp", ".png", ".jpg", ".webp", ".tiff"};
    std::vector<std::string> paths;
    for (int i = 0; i < count; ++i) {
        char rel[64];
        std::snprintf(rel, sizeof rel, "dir%d/img%03d%s", i % 3, i, exts[i % 7]);
        writeImage(root + "/" + rel, seed * 1000 + i, 24 + (i % 5) * 7, 20 + (i % 3) * 9);
        paths.push_back(rel);
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

void removeTree(const std::string& path) {
    const auto removeOne = [](const char* p, const struct stat*, int, struct FTW*) {
        ::remove(p);
        return 0;
    };
    ::nftw(path.c_str(), removeOne, 32, FTW_DEPTH | FTW_PHYS);
}

namespace {

std::string hexOf(const std::string& bytes) {
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

void dumpQuery(SqliteDb& db, const std::string& sql, int columns, std::string& out) {
    SqliteStatement s = db.prepare(sql);
    while (s.step()) {
        for (int c = 0; c < columns; ++c) out += (c ? "|" : "") + hexOf(s.columnBlob(c));
        out += "\n";
    }
}

}  // namespace

std::string indexFingerprint(const std::string& dir) {
    SqliteDb db(dir + "/" + kIndexDatabaseName, SqliteDb::Mode::ReadOnly);
    std::string out;
    dumpQuery(db, "SELECT key, value FROM meta WHERE key NOT IN ('images_root') ORDER BY key", 2, out);
    dumpQuery(db, "SELECT * FROM layers ORDER BY id", 6, out);
    dumpQuery(db, "SELECT row, path, size, mtime_ns, hash, width, height, format FROM images ORDER BY row", 8, out);
    dumpQuery(db, "SELECT path, size, mtime_ns, hash, kind, reason FROM errors ORDER BY path", 6, out);
    dumpQuery(db, "SELECT path, size, mtime_ns, hash FROM ignored ORDER BY path", 4, out);
    std::vector<std::string> files;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (const dirent* e = ::readdir(d))
            if (std::string(e->d_name).rfind("layer", 0) == 0) files.push_back(e->d_name);
        ::closedir(d);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) out += f + " " + fileContentHash(dir + "/" + f) + "\n";
    return out;
}

namespace {

bool setDacCapabilities(bool enabled) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) return false;
    const uint32_t bits = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);
    if (enabled) data[0].effective |= bits & data[0].permitted;
    else data[0].effective &= ~bits;
    return syscall(SYS_capset, &header, data) == 0;
}

}  // namespace

PermissionsEnforced::PermissionsEnforced() {
    if (::geteuid() != 0) {
        mActive = true;
        return;
    }
    mDropped = setDacCapabilities(false);
    mActive = mDropped;
}

PermissionsEnforced::~PermissionsEnforced() {
    if (mDropped) setDacCapabilities(true);
}

}  // namespace ms::test
