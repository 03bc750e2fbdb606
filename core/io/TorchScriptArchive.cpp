// loadTorchScriptArchive (declared in StateDict.h): kept apart because <torch/script.h> is
// the costliest include of the loaders.

#include "io/StateDict.h"

#include "util/Error.h"

#include <caffe2/serialize/versions.h>
#include <torch/script.h>
#include <torch/version.h>

#include <regex>

namespace ms {
namespace {

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// LibTorch reports a too-new archive with an assertion text; turn it into a sentence.
[[noreturn]] void rethrowLoadError(const std::string& path, const std::string& message) {
    static const std::regex tooNew("read a PyTorch file with version ([0-9]+), but the maximum supported");
    std::smatch match;
    if (std::regex_search(message, match, tooNew))
        throw Error(path + ": TorchScript archive version " + match[1].str() + " is newer than this LibTorch (" +
                    std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) +
                    ") supports (at most version " + std::to_string(caffe2::serialize::kMaxSupportedFileFormatVersion) +
                    "); save the model as .safetensors or with an older PyTorch");
    if (message.find("constants.pkl") != std::string::npos || message.find("code/") != std::string::npos)
        throw Error(path + ": a zip archive but not a TorchScript model (torch.save rather than torch.jit.save?): " +
                    firstLine(message));
    if (message.find("failed reading zip archive") != std::string::npos)
        throw Error(path + ": the TorchScript archive is truncated or not a valid zip file (" + firstLine(message) + ")");
    throw Error(path + ": cannot read the TorchScript archive: " + firstLine(message));
}

at::Tensor asLoaded(const at::Tensor& tensor) {
    const at::Tensor detached = tensor.detach();
    return (at::isFloatingType(detached.scalar_type()) ? detached.to(at::kFloat) : detached).contiguous();
}

}  // namespace

StateDict loadTorchScriptArchive(const std::string& path) {
    torch::jit::Module module;
    try {
        // Loading compiles the archive's code but runs none of it: the traced methods bake in
        // the saving machine's device and dtype, so only the tensors are used.
        module = torch::jit::load(path, torch::kCPU);
    } catch (const c10::Error& e) {
        rethrowLoadError(path, e.what_without_backtrace());
    } catch (const std::exception& e) {
        rethrowLoadError(path, e.what());
    }
    StateDict tensors;
    for (const auto& item : module.named_parameters(/*recurse=*/true)) tensors[item.name] = asLoaded(item.value);
    for (const auto& item : module.named_buffers(/*recurse=*/true)) tensors[item.name] = asLoaded(item.value);
    if (tensors.empty()) throw Error(path + ": the TorchScript archive holds no parameters or buffers");
    return tensors;
}

}  // namespace ms
