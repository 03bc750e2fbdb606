#include "io/NpyTensor.h"

#include "io/Npy.h"
#include "util/Error.h"

#include <ATen/ATen.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>

namespace ms {
namespace {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, ".npy data is read as little-endian memory");

struct DtypeName {
    const char* descr;
    at::ScalarType type;
};

const DtypeName kDtypes[] = {
    {"<f4", at::kFloat}, {"<f8", at::kDouble}, {"<f2", at::kHalf}, {"<i8", at::kLong}, {"<i4", at::kInt},
    {"<i2", at::kShort}, {"|i1", at::kChar},   {"|u1", at::kByte}, {"|b1", at::kBool},
};

at::ScalarType scalarTypeOf(const std::string& descr, const std::string& path) {
    for (const DtypeName& d : kDtypes)
        if (descr == d.descr) return d.type;
    throw Error(path + ": unsupported .npy dtype '" + descr + "'");
}

std::string descrOf(at::ScalarType type, const std::string& path) {
    for (const DtypeName& d : kDtypes)
        if (type == d.type) return d.descr;
    throw Error(path + ": cannot write tensors of type " + std::string(c10::toString(type)) + " to .npy");
}

std::string readWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(path + ": cannot open the file for reading");
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw Error(path + ": read error");
    return bytes;
}

}  // namespace

at::Tensor readNpy(const std::string& path) {
    const std::string bytes = readWholeFile(path);
    const NpyHeader header = parseNpyHeader(bytes, path);
    checkNpyDataSize(header, bytes.size(), path);
    const at::ScalarType type = scalarTypeOf(header.descr, path);
    std::vector<int64_t> shape = header.shape;
    if (header.fortranOrder) std::reverse(shape.begin(), shape.end());
    // Booleans arrive as bytes: any non-zero byte is true (a bool tensor must hold only 0 or 1).
    const at::ScalarType storedType = type == at::kBool ? at::kByte : type;
    at::Tensor tensor = at::empty(shape, at::TensorOptions().dtype(storedType));
    if (header.dataBytes > 0) std::memcpy(tensor.data_ptr(), bytes.data() + header.dataOffset, header.dataBytes);
    if (type == at::kBool) tensor = tensor.ne(0);
    if (header.fortranOrder && shape.size() > 1) {
        std::vector<int64_t> order(shape.size());
        std::iota(order.rbegin(), order.rend(), 0);
        tensor = tensor.permute(order).contiguous();
    }
    return tensor;
}

void writeNpy(const std::string& path, const at::Tensor& tensor) {
    if (!tensor.defined()) throw Error(path + ": cannot write an undefined tensor");
    const std::string descr = descrOf(tensor.scalar_type(), path);
    const at::Tensor data = tensor.detach().to(at::kCPU).contiguous();
    const std::string header = formatNpyHeader(descr, false, data.sizes().vec());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(path + ": cannot open the file for writing");
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    out.write(static_cast<const char*>(data.data_ptr()), static_cast<std::streamsize>(data.nbytes()));
    out.close();
    if (!out) throw Error(path + ": write error (disk full?)");
}

}  // namespace ms
