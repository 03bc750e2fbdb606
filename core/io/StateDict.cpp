#include "io/StateDict.h"

#include "io/Int8Weights.h"
#include "io/MappedFile.h"
#include "io/Safetensors.h"
#include "util/Error.h"

#include <ATen/ATen.h>
#include <QSaveFile>

#include <algorithm>
#include <cstring>
#include <fstream>

namespace ms {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "safetensors data is read as little-endian memory");

struct TypePair {
    SafetensorsDtype file;
    at::ScalarType tensor;
};

// The safetensors types LibTorch 1.13 has a scalar type for (it lacks U16/U32/U64 and FP8).
const TypePair kTypes[] = {
    {SafetensorsDtype::F32, at::kFloat}, {SafetensorsDtype::F64, at::kDouble}, {SafetensorsDtype::F16, at::kHalf},
    {SafetensorsDtype::BF16, at::kBFloat16}, {SafetensorsDtype::I64, at::kLong}, {SafetensorsDtype::I32, at::kInt},
    {SafetensorsDtype::I16, at::kShort}, {SafetensorsDtype::I8, at::kChar}, {SafetensorsDtype::U8, at::kByte},
    {SafetensorsDtype::Bool, at::kBool},
};

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

at::Tensor tensorFromBytes(const SafetensorsEntry& entry, const char* bytes, const std::string& path) {
    for (const TypePair& pair : kTypes) {
        if (pair.file != entry.dtype) continue;
        // Booleans arrive as bytes: normalise them, a bool tensor must hold only 0 or 1.
        const at::ScalarType stored = pair.tensor == at::kBool ? at::kByte : pair.tensor;
        at::Tensor tensor = at::empty(entry.shape, at::TensorOptions().dtype(stored));
        if (entry.end > entry.begin) std::memcpy(tensor.data_ptr(), bytes, entry.end - entry.begin);
        if (pair.tensor == at::kBool) return tensor.ne(0);
        return at::isFloatingType(stored) ? tensor.to(at::kFloat) : tensor;
    }
    throw Error(path + ": tensor '" + entry.name + "' has dtype " + safetensorsDtypeName(entry.dtype) +
                ", which this LibTorch cannot represent");
}

SafetensorsDtype fileTypeOf(const at::Tensor& tensor, bool asFloat16, const std::string& name, const std::string& path) {
    if (asFloat16 && at::isFloatingType(tensor.scalar_type())) return SafetensorsDtype::F16;
    for (const TypePair& pair : kTypes)
        if (pair.tensor == tensor.scalar_type()) return pair.file;
    throw Error(path + ": cannot store tensor '" + name + "' of type " +
                std::string(c10::toString(tensor.scalar_type())) + " in safetensors");
}

}  // namespace

ModelFileFormat sniffModelFile(const std::string& path) {
    const MappedFile file(path);
    const uint64_t size = file.size();
    const char* bytes = file.data();
    if (size == 0)
        throw Error(path + ": the file is empty (expected a .safetensors file or a TorchScript .pt archive)");
    if (size >= 4 && std::memcmp(bytes, "PK\x03\x04", 4) == 0) return ModelFileFormat::TorchScriptArchive;
    // A safetensors header is JSON right after the 8-byte length; trust the extension too so
    // that a truncated file gets the parser's precise message.
    if (endsWith(path, ".safetensors") || (size > 8 && bytes[8] == '{')) return ModelFileFormat::Safetensors;
    throw Error(path + ": not a model file Multiscope can read (neither .safetensors nor a TorchScript .pt "
                       "archive; legacy torch.save pickles are not supported)");
}

StateDict loadSafetensors(const std::string& path) {
    const MappedFile file(path);
    const SafetensorsLayout layout = parseSafetensors(file.data(), file.size(), file.size(), path);
    StateDict tensors;
    for (const SafetensorsEntry& entry : layout.tensors)
        tensors[entry.name] = tensorFromBytes(entry, file.data() + layout.dataStart + entry.begin, path);
    expandInt8(tensors, path);
    return tensors;
}

void saveSafetensors(const std::string& path, const StateDict& tensors,
                     const std::map<std::string, std::string>& metadata, bool asFloat16) {
    std::vector<std::pair<std::string, at::Tensor>> ordered;
    std::vector<SafetensorsEntry> entries;
    for (const auto& [name, tensor] : tensors) {
        if (!tensor.defined()) throw Error(path + ": tensor '" + name + "' is undefined");
        SafetensorsEntry entry;
        entry.name = name;
        entry.dtype = fileTypeOf(tensor, asFloat16, name, path);
        entry.shape = tensor.sizes().vec();
        entries.push_back(entry);
    }
    // Larger elements first: with the header padded to 8 bytes every tensor is then aligned.
    std::stable_sort(entries.begin(), entries.end(), [](const SafetensorsEntry& a, const SafetensorsEntry& b) {
        return safetensorsDtypeSize(a.dtype) > safetensorsDtypeSize(b.dtype);
    });
    uint64_t offset = 0;
    for (SafetensorsEntry& entry : entries) {
        const at::Tensor& source = tensors.at(entry.name);
        at::ScalarType type = source.scalar_type();
        if (asFloat16 && at::isFloatingType(type)) type = at::kHalf;
        ordered.emplace_back(entry.name, source.detach().to(at::kCPU, type).contiguous());
        entry.begin = offset;
        offset += ordered.back().second.nbytes();
        entry.end = offset;
    }
    std::string header;
    try {
        header = formatSafetensorsHeader(entries, metadata);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
    QSaveFile out(QString::fromStdString(path));
    if (!out.open(QIODevice::WriteOnly))
        throw Error(path + ": cannot open for writing (" + out.errorString().toStdString() + ")");
    bool ok = out.write(header.data(), static_cast<qint64>(header.size())) == static_cast<qint64>(header.size());
    for (const auto& [name, tensor] : ordered) {
        const qint64 n = static_cast<qint64>(tensor.nbytes());
        if (ok && n > 0) ok = out.write(static_cast<const char*>(tensor.data_ptr()), n) == n;
    }
    if (!ok || !out.commit()) throw Error(path + ": write failed (" + out.errorString().toStdString() + ")");
}

StateDict loadStateDict(const std::string& path) {
    switch (sniffModelFile(path)) {
    case ModelFileFormat::TorchScriptArchive:
        return loadTorchScriptArchive(path);
    case ModelFileFormat::Safetensors:
        break;
    }
    return loadSafetensors(path);
}

}  // namespace ms
