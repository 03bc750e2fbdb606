// The torch-free parsers (.npy header, .safetensors header) fed malformed input under
// AddressSanitizer and UndefinedBehaviorSanitizer: truncations at every length, seeded random
// mutations, huge claimed lengths. Every input must either parse or throw ms::Error.

#include "io/Npy.h"
#include "io/Safetensors.h"
#include "util/Error.h"

#include <QtTest>

#include <functional>
#include <random>

namespace {

enum class Outcome { Parsed, Rejected };

std::string lastError;  // message of the latest ms::Error, for rows that check the reason

// Runs a parse; any exception other than ms::Error fails the test.
Outcome attempt(const std::function<void()>& parse) {
    try {
        parse();
        return Outcome::Parsed;
    } catch (const ms::Error& e) {
        lastError = e.what();
        return Outcome::Rejected;
    } catch (const std::exception& e) {
        QTest::qFail(qPrintable(QStringLiteral("unexpected exception type: ") + e.what()), __FILE__, __LINE__);
        return Outcome::Rejected;
    }
}

Outcome parseNpy(const std::string& bytes) {
    return attempt([&] {
        const ms::NpyHeader header = ms::parseNpyHeader(bytes, "fuzz.npy");
        ms::checkNpyDataSize(header, bytes.size(), "fuzz.npy");
    });
}

Outcome parseSafetensors(const std::string& bytes) {
    return attempt([&] { ms::parseSafetensors(bytes.data(), bytes.size(), bytes.size(), "fuzz.safetensors"); });
}

std::string validNpy() {
    return ms::formatNpyHeader("<f4", false, {2, 3}) + std::string(24, '\x3f');
}

std::string validSafetensors() {
    std::vector<ms::SafetensorsEntry> entries(3);
    entries[0] = {"count", ms::SafetensorsDtype::I64, {}, 0, 8};
    entries[1] = {"w", ms::SafetensorsDtype::F32, {2, 3}, 8, 32};
    entries[2] = {"h", ms::SafetensorsDtype::F16, {3}, 32, 38};
    return ms::formatSafetensorsHeader(entries, {{"format", "pt"}}) + std::string(38, '\x11');
}

std::string withLength(const std::string& json, uint64_t length) {
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((length >> (8 * i)) & 0xff);
    return out + json;
}

std::string withTrueLength(const std::string& json) { return withLength(json, json.size()); }

// Bytes the parsers give meaning to, so that mutations reach deeper than the first check.
const char kInteresting[] = "{}[](),:'\"0123456789-.eE TrueFalse\\\x00\xff\x93";

std::string mutate(std::string bytes, size_t limit, std::mt19937& rng) {
    const int edits = 1 + int(rng() % 4);
    for (int i = 0; i < edits && !bytes.empty(); ++i) {
        const size_t at = rng() % std::min(limit, bytes.size());
        switch (rng() % 4) {
        case 0: bytes[at] = static_cast<char>(rng() & 0xff); break;
        case 1: bytes[at] = kInteresting[rng() % (sizeof kInteresting - 1)]; break;
        case 2: bytes.erase(at, 1 + rng() % 3); break;
        default: bytes.insert(at, 1, kInteresting[rng() % (sizeof kInteresting - 1)]); break;
        }
    }
    return bytes;
}

}  // namespace

class TestParsersAsan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void npyTruncatedAtEveryLength() {
        const std::string bytes = validNpy();
        QCOMPARE(parseNpy(bytes), Outcome::Parsed);
        for (size_t n = 0; n < bytes.size(); ++n) QCOMPARE(parseNpy(bytes.substr(0, n)), Outcome::Rejected);
    }

    void npyRandomHeaderMutations() {
        std::mt19937 rng(20240601);
        const std::string bytes = validNpy();
        const size_t headerEnd = ms::parseNpyHeader(bytes, "x").dataOffset;
        int parsed = 0;
        for (int i = 0; i < 30000; ++i) parsed += parseNpy(mutate(bytes, headerEnd, rng)) == Outcome::Parsed;
        qInfo("npy: %d of 30000 mutated headers still parse", parsed);
    }

    void npyHugeClaims_data() {
        QTest::addColumn<QByteArray>("bytes");
        const std::string v2 = std::string("\x93NUMPY\x02\x00\xff\xff\xff\xff", 12) + "{}";
        QTest::newRow("v1 length 65535") << QByteArray("\x93NUMPY\x01\x00\xff\xff{}", 12);
        QTest::newRow("v2 length 4G") << QByteArray::fromStdString(v2);
        QTest::newRow("int64 max dim")
            << QByteArray::fromStdString(ms::formatNpyHeader("<f4", false, {INT64_MAX}));
        QTest::newRow("dims multiply past 2^64")
            << QByteArray::fromStdString(ms::formatNpyHeader("<f8", false, {1LL << 31, 1LL << 31, 1LL << 31}));
        const std::string digits(40, '9');
        const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + digits + ",), }";
        QTest::newRow("40-digit dim") << QByteArray::fromStdString(
            std::string("\x93NUMPY\x01\x00", 8) + char(dict.size()) + char(0) + dict);
    }
    void npyHugeClaims() {
        QFETCH(QByteArray, bytes);
        QCOMPARE(parseNpy(bytes.toStdString()), Outcome::Rejected);
    }

    void safetensorsTruncatedAtEveryLength() {
        const std::string bytes = validSafetensors();
        QCOMPARE(parseSafetensors(bytes), Outcome::Parsed);
        for (size_t n = 0; n < bytes.size(); ++n) QCOMPARE(parseSafetensors(bytes.substr(0, n)), Outcome::Rejected);
    }

    void safetensorsRandomHeaderMutations() {
        std::mt19937 rng(7331);
        const std::string bytes = validSafetensors();
        int parsed = 0;
        for (int i = 0; i < 30000; ++i) {
            std::string mutated = mutate(bytes, bytes.size() - 38, rng);
            // Keep the length field consistent half the time so the JSON parser is reached.
            if (i % 2 == 0 && mutated.size() >= 8 + 38)
                mutated = withLength(mutated.substr(8, mutated.size() - 8 - 38), mutated.size() - 8 - 38) +
                          mutated.substr(mutated.size() - 38);
            parsed += parseSafetensors(mutated) == Outcome::Parsed;
        }
        qInfo("safetensors: %d of 30000 mutated headers still parse", parsed);
    }

    void safetensorsHugeClaims_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        auto row = [](const char* name, const std::string& bytes, const char* reason) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << reason;
        };
        row("length 2^64-1", withLength("{}", ~uint64_t(0)), "larger than the file");
        row("length 2^63", withLength("{}", uint64_t(1) << 63), "larger than the file");
        row("length one past the file", withLength("{}", 3), "larger than the file");
        row("end offset 2^64-1",
            withTrueLength("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[18446744073709551614,18446744073709551615]}}"),
            "data ends at byte");
        row("offset beyond uint64",
            withTrueLength("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999999]}}"),
            "non-negative integers");
        row("dims multiply past 2^64",
            withTrueLength("{\"w\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296,4],\"data_offsets\":[0,8]}}"),
            "overflows");
        row("dim beyond int64",
            withTrueLength("{\"w\":{\"dtype\":\"U8\",\"shape\":[9223372036854775808],\"data_offsets\":[0,8]}}"), "overflows");
        row("negative dim", withTrueLength("{\"w\":{\"dtype\":\"U8\",\"shape\":[-1],\"data_offsets\":[0,0]}}"),
            "non-negative integers");
        row("deeply nested", withTrueLength(std::string(5000, '[') + std::string(5000, ']')), "not a JSON object");
    }
    void safetensorsHugeClaims() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QCOMPARE(parseSafetensors(bytes.toStdString()), Outcome::Rejected);
        QVERIFY2(QString::fromStdString(lastError).contains(reason), lastError.c_str());
    }

    // A file large enough for the claimed header, of which only the first bytes are at hand.
    void safetensorsHeaderOverLimit() {
        const std::string bytes = withLength("{}", ms::kMaxSafetensorsHeaderBytes + 1);
        QCOMPARE(attempt([&] { ms::parseSafetensors(bytes.data(), bytes.size(), uint64_t(1) << 40, "big"); }),
                 Outcome::Rejected);
        QVERIFY2(QString::fromStdString(lastError).contains("100 MB limit"), lastError.c_str());
        const std::string partial = withLength("{}", 1000);
        QCOMPARE(attempt([&] { ms::parseSafetensors(partial.data(), partial.size(), 5000, "partial"); }),
                 Outcome::Rejected);
    }

    void safetensorsHeaderRoundTrip() {
        const std::string bytes = validSafetensors();
        const ms::SafetensorsLayout layout = ms::parseSafetensors(bytes.data(), bytes.size(), bytes.size(), "x");
        QCOMPARE(layout.tensors.size(), size_t(3));
        QCOMPARE(layout.tensors[1].name, std::string("w"));
        QCOMPARE(layout.tensors[1].shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(layout.tensors[0].shape.size(), size_t(0));
        QCOMPARE(layout.metadata.at("format"), std::string("pt"));
        QCOMPARE(layout.dataStart % 8, uint64_t(0));
        QCOMPARE(layout.dataStart + 38, uint64_t(bytes.size()));
    }
};

QTEST_GUILESS_MAIN(TestParsersAsan)
#include "tst_parsers_asan.moc"
