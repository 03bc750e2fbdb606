#include "io/Npy.h"

#include "util/Error.h"

#include <cctype>
#include <limits>

namespace ms {
namespace {

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kMaxDims = 64;

// Reads the Python dict literal of a .npy header: {'descr': '<f4', 'fortran_order': False,
// 'shape': (3, 64), }. Only the value kinds that numpy writes there are understood.
class HeaderReader {
public:
    HeaderReader(const std::string& text, const std::string& name) : mText(text), mName(name) {}

    NpyHeader read() {
        NpyHeader header;
        bool haveDescr = false, haveOrder = false, haveShape = false;
        expect('{');
        while (!peekIs('}')) {
            const std::string key = readString();
            expect(':');
            if (key == "descr") {
                if (peekIs('[')) fail("structured (record) dtypes are not supported");
                header.descr = readString();
                haveDescr = true;
            } else if (key == "fortran_order") {
                header.fortranOrder = readBool();
                haveOrder = true;
            } else if (key == "shape") {
                header.shape = readShape();
                haveShape = true;
            } else {
                fail("unexpected key '" + key + "' in the header");
            }
            if (!peekIs('}')) expect(',');
        }
        expect('}');
        if (!haveDescr || !haveOrder || !haveShape)
            fail("header lacks one of 'descr', 'fortran_order', 'shape'");
        return header;
    }

    [[noreturn]] void fail(const std::string& problem) const {
        throw Error(mName + ": " + problem + " (.npy header)");
    }

private:
    void skipSpace() {
        while (mPos < mText.size() && std::isspace(static_cast<unsigned char>(mText[mPos]))) ++mPos;
    }
    bool peekIs(char c) {
        skipSpace();
        return mPos < mText.size() && mText[mPos] == c;
    }
    void expect(char c) {
        if (!peekIs(c)) fail(std::string("malformed header: expected '") + c + "' at character " + std::to_string(mPos));
        ++mPos;
    }
    std::string readString() {
        skipSpace();
        if (mPos >= mText.size() || (mText[mPos] != '\'' && mText[mPos] != '"'))
            fail("malformed header: expected a quoted string at character " + std::to_string(mPos));
        const char quote = mText[mPos++];
        const size_t end = mText.find(quote, mPos);
        if (end == std::string::npos) fail("malformed header: unterminated string");
        std::string value = mText.substr(mPos, end - mPos);
        mPos = end + 1;
        return value;
    }
    bool readBool() {
        skipSpace();
        if (mText.compare(mPos, 4, "True") == 0) { mPos += 4; return true; }
        if (mText.compare(mPos, 5, "False") == 0) { mPos += 5; return false; }
        fail("malformed header: 'fortran_order' is neither True nor False");
    }
    int64_t readInt() {
        skipSpace();
        if (mPos >= mText.size() || !std::isdigit(static_cast<unsigned char>(mText[mPos])))
            fail("malformed header: shape entries must be non-negative integers");
        int64_t value = 0;
        while (mPos < mText.size() && std::isdigit(static_cast<unsigned char>(mText[mPos]))) {
            const int digit = mText[mPos++] - '0';
            if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) fail("shape entry too large");
            value = value * 10 + digit;
        }
        if (mPos < mText.size() && mText[mPos] == 'L') ++mPos;  // written by Python 2's numpy
        return value;
    }
    std::vector<int64_t> readShape() {
        std::vector<int64_t> shape;
        expect('(');
        while (!peekIs(')')) {
            if (shape.size() >= kMaxDims) fail("shape has more than " + std::to_string(kMaxDims) + " dimensions");
            shape.push_back(readInt());
            if (!peekIs(')')) expect(',');
        }
        expect(')');
        return shape;
    }

    const std::string& mText;
    const std::string& mName;
    size_t mPos = 0;
};

uint32_t readLittleEndian(const std::string& bytes, size_t offset, size_t count) {
    uint32_t value = 0;
    for (size_t i = 0; i < count; ++i)
        value |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    return value;
}

}  // namespace

size_t npyItemSize(const std::string& descr) {
    if (descr == "|b1" || descr == "|u1" || descr == "|i1") return 1;
    if (descr == "<i2" || descr == "<f2") return 2;
    if (descr == "<f4" || descr == "<i4") return 4;
    if (descr == "<f8" || descr == "<i8") return 8;
    return 0;
}

NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name) {
    if (bytes.size() < kMagicSize || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
        throw Error(name + ": not a .npy file (the magic string \\x93NUMPY is missing)");
    if (bytes.size() < 10) throw Error(name + ": .npy file truncated inside its header");
    const int major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        throw Error(name + ": unsupported .npy format version " + std::to_string(major));
    const size_t lengthBytes = major == 1 ? 2 : 4;
    const size_t prelude = 8 + lengthBytes;
    if (bytes.size() < prelude) throw Error(name + ": .npy file truncated inside its header");
    const size_t headerLength = readLittleEndian(bytes, 8, lengthBytes);
    if (headerLength > bytes.size() - prelude)
        throw Error(name + ": .npy header claims " + std::to_string(headerLength) + " bytes but the file has only " +
                    std::to_string(bytes.size() - prelude) + " after the prelude");
    const std::string text = bytes.substr(prelude, headerLength);
    HeaderReader reader(text, name);
    NpyHeader header = reader.read();
    header.dataOffset = prelude + headerLength;
    if (!header.descr.empty() && header.descr[0] == '>')
        reader.fail("big-endian data ('" + header.descr + "') is not supported");
    header.itemSize = npyItemSize(header.descr);
    if (header.itemSize == 0) reader.fail("unsupported dtype '" + header.descr + "'");
    size_t bytesTotal = header.itemSize;
    for (int64_t dim : header.shape)
        if (__builtin_mul_overflow(bytesTotal, static_cast<uint64_t>(dim), &bytesTotal))
            reader.fail("the shape's size overflows");
    header.dataBytes = bytesTotal;
    return header;
}

void checkNpyDataSize(const NpyHeader& header, uint64_t fileSize, const std::string& name) {
    if (fileSize < header.dataOffset || fileSize - header.dataOffset < header.dataBytes)
        throw Error(name + ": .npy data truncated: the header announces " + std::to_string(header.dataBytes) +
                    " bytes of data but the file has " +
                    std::to_string(fileSize > header.dataOffset ? fileSize - header.dataOffset : 0));
}

std::string formatNpyHeader(const std::string& descr, bool fortranOrder, const std::vector<int64_t>& shape) {
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False") +
                       ", 'shape': (";
    for (size_t i = 0; i < shape.size(); ++i) {
        dict += std::to_string(shape[i]);
        if (i + 1 < shape.size() || shape.size() == 1) dict += ",";
        if (i + 1 < shape.size()) dict += " ";
    }
    dict += "), }";
    // Like numpy: room for the growing axis to reach 21 digits (so appending writers can
    // rewrite the header in place), then spaces and a newline up to a 64-byte boundary.
    if (!shape.empty()) {
        const size_t digits = std::to_string(shape[fortranOrder ? shape.size() - 1 : 0]).size();
        if (digits < 21) dict.append(21 - digits, ' ');
    }
    const size_t prelude = kMagicSize + 2 + 2;
    const size_t unpadded = prelude + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict += '\n';
    std::string out(kMagic, kMagicSize);
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(dict.size() & 0xff);
    out += static_cast<char>((dict.size() >> 8) & 0xff);
    return out + dict;
}

}  // namespace ms
