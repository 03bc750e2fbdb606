#include "io/Safetensors.h"

#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace ms {
namespace {

using Json = nlohmann::ordered_json;

struct DtypeInfo {
    SafetensorsDtype dtype;
    const char* name;
    size_t size;
};

const DtypeInfo kDtypes[] = {
    {SafetensorsDtype::Bool, "BOOL", 1}, {SafetensorsDtype::U8, "U8", 1},
    {SafetensorsDtype::I8, "I8", 1},     {SafetensorsDtype::I16, "I16", 2},
    {SafetensorsDtype::U16, "U16", 2},   {SafetensorsDtype::F16, "F16", 2},
    {SafetensorsDtype::BF16, "BF16", 2}, {SafetensorsDtype::I32, "I32", 4},
    {SafetensorsDtype::U32, "U32", 4},   {SafetensorsDtype::F32, "F32", 4},
    {SafetensorsDtype::F64, "F64", 8},   {SafetensorsDtype::I64, "I64", 8},
    {SafetensorsDtype::U64, "U64", 8},   {SafetensorsDtype::F8_E4M3, "F8_E4M3", 1},
    {SafetensorsDtype::F8_E5M2, "F8_E5M2", 1},
};

const DtypeInfo& infoOf(SafetensorsDtype dtype) {
    for (const DtypeInfo& info : kDtypes)
        if (info.dtype == dtype) return info;
    return kDtypes[0];  // unreachable: every enumerator is listed
}

uint64_t readLength(const char* data) {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(static_cast<unsigned char>(data[i])) << (8 * i);
    return value;
}

// Validates one header entry and returns it; `what` is "<file>: tensor '<name>'".
SafetensorsEntry parseEntry(const std::string& name, const Json& value, const std::string& what) {
    if (!value.is_object()) throw Error(what + ": header entry is not a JSON object");
    SafetensorsEntry entry;
    entry.name = name;
    const auto dtype = value.find("dtype");
    if (dtype == value.end() || !dtype->is_string()) throw Error(what + ": header entry has no \"dtype\" string");
    const std::optional<SafetensorsDtype> parsed = safetensorsDtypeFromName(dtype->get<std::string>());
    if (!parsed) throw Error(what + ": unknown dtype '" + dtype->get<std::string>() + "'");
    entry.dtype = *parsed;

    const auto shape = value.find("shape");
    if (shape == value.end() || !shape->is_array()) throw Error(what + ": header entry has no \"shape\" list");
    uint64_t bytes = safetensorsDtypeSize(entry.dtype);
    for (const Json& dim : *shape) {
        if (!dim.is_number_unsigned()) throw Error(what + ": shape entries must be non-negative integers");
        const uint64_t d = dim.get<uint64_t>();
        if (d > static_cast<uint64_t>(INT64_MAX) || __builtin_mul_overflow(bytes, d, &bytes))
            throw Error(what + ": the shape's size overflows");
        entry.shape.push_back(static_cast<int64_t>(d));
    }

    const auto offsets = value.find("data_offsets");
    if (offsets == value.end() || !offsets->is_array() || offsets->size() != 2)
        throw Error(what + ": header entry has no \"data_offsets\" pair");
    for (const Json& offset : *offsets)
        if (!offset.is_number_unsigned())
            throw Error(what + ": data_offsets must be non-negative integers, not " + offset.dump());
    entry.begin = (*offsets)[0].get<uint64_t>();
    entry.end = (*offsets)[1].get<uint64_t>();
    if (entry.end < entry.begin)
        throw Error(what + ": data_offsets end (" + std::to_string(entry.end) + ") before they begin (" +
                    std::to_string(entry.begin) + ")");
    if (entry.end - entry.begin != bytes)
        throw Error(what + ": data_offsets span " + std::to_string(entry.end - entry.begin) + " bytes but shape and " +
                    safetensorsDtypeName(entry.dtype) + " need " + std::to_string(bytes));
    return entry;
}

std::map<std::string, std::string> parseMetadata(const Json& value, const std::string& name) {
    if (!value.is_object()) throw Error(name + ": \"__metadata__\" is not a JSON object");
    std::map<std::string, std::string> metadata;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!it.value().is_string()) throw Error(name + ": metadata value '" + it.key() + "' is not a string");
        metadata[it.key()] = it.value().get<std::string>();
    }
    return metadata;
}

void checkBounds(SafetensorsLayout& layout, const std::string& name) {
    const uint64_t dataSize = layout.fileSize - layout.dataStart;
    for (const SafetensorsEntry& entry : layout.tensors)
        if (entry.end > dataSize)
            throw Error(name + ": tensor '" + entry.name + "' data ends at byte " +
                        std::to_string(layout.dataStart + entry.end) + " but the file has " +
                        std::to_string(layout.fileSize));
    std::vector<const SafetensorsEntry*> byOffset;
    for (const SafetensorsEntry& entry : layout.tensors)
        if (entry.end > entry.begin) byOffset.push_back(&entry);  // empty tensors occupy no bytes
    std::sort(byOffset.begin(), byOffset.end(),
              [](const SafetensorsEntry* a, const SafetensorsEntry* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->begin < byOffset[i - 1]->end)
            throw Error(name + ": tensors '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                        "' overlap in the file");
}

}  // namespace

const char* safetensorsDtypeName(SafetensorsDtype dtype) { return infoOf(dtype).name; }
size_t safetensorsDtypeSize(SafetensorsDtype dtype) { return infoOf(dtype).size; }

std::optional<SafetensorsDtype> safetensorsDtypeFromName(const std::string& name) {
    for (const DtypeInfo& info : kDtypes)
        if (name == info.name) return info.dtype;
    return std::nullopt;
}

SafetensorsLayout parseSafetensors(const char* data, size_t available, uint64_t fileSize, const std::string& name) {
    if (fileSize < 8 || available < 8)
        throw Error(name + ": file too short for a safetensors file (" + std::to_string(fileSize) + " bytes)");
    const uint64_t headerLength = readLength(data);
    if (headerLength > fileSize - 8)
        throw Error(name + ": header length " + std::to_string(headerLength) + " is larger than the file (" +
                    std::to_string(fileSize) + " bytes): truncated or not a safetensors file");
    if (headerLength > kMaxSafetensorsHeaderBytes)
        throw Error(name + ": header length " + std::to_string(headerLength) + " exceeds the 100 MB limit");
    if (headerLength > available - 8) throw Error(name + ": header not fully available");
    SafetensorsLayout layout;
    layout.dataStart = 8 + headerLength;
    layout.fileSize = fileSize;

    Json header;
    try {
        header = Json::parse(data + 8, data + 8 + headerLength);
    } catch (const Json::exception& e) {
        throw Error(name + ": header is not valid JSON (" + e.what() + ")");
    }
    if (!header.is_object()) throw Error(name + ": header is not a JSON object");
    for (auto it = header.begin(); it != header.end(); ++it) {
        if (it.key() == "__metadata__")
            layout.metadata = parseMetadata(it.value(), name);
        else
            layout.tensors.push_back(parseEntry(it.key(), it.value(), name + ": tensor '" + it.key() + "'"));
    }
    checkBounds(layout, name);
    return layout;
}

std::string formatSafetensorsHeader(const std::vector<SafetensorsEntry>& tensors,
                                    const std::map<std::string, std::string>& metadata) {
    Json header = Json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    for (const SafetensorsEntry& entry : tensors)
        header[entry.name] = {{"dtype", safetensorsDtypeName(entry.dtype)},
                              {"shape", entry.shape},
                              {"data_offsets", {entry.begin, entry.end}}};
    std::string text;
    try {
        text = header.dump();
    } catch (const Json::exception& e) {
        throw Error(std::string("cannot write a safetensors header: ") + e.what());
    }
    text.append((8 - text.size() % 8) % 8, ' ');
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((static_cast<uint64_t>(text.size()) >> (8 * i)) & 0xff);
    return out + text;
}

}  // namespace ms
