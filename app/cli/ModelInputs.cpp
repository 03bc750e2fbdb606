#include "ModelInputs.h"
#include "analysis/ModelText.h"

#include "CliProgress.h"

#include "image/ClipPreprocess.h"
#include "io/NpyTensor.h"
#include "util/Error.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <sstream>

namespace ms::cli {

namespace {

constexpr int64_t kImagesPerSlice = 16;
constexpr int64_t kTextsPerSlice = 256;

std::string shapeText(const at::Tensor& t) {
    std::ostringstream out;
    out << t.sizes();
    return out.str();
}

std::string dtypeText(const at::Tensor& t) { return c10::toString(t.scalar_type()); }

}  // namespace

ModelInput ModelInput::imageFiles(std::vector<std::string> paths, const ModelDescriptor& model) {
    for (const std::string& path : paths)
        if (!QFileInfo(QString::fromStdString(path)).isFile()) throw Error(path + ": no such image file");
    ModelInput in;
    in.mCount = static_cast<int64_t>(paths.size());
    in.mFiles = std::move(paths);
    in.mResolution = model.inputResolution;
    in.mMean = model.mean;
    in.mStd = model.std;
    return in;
}

ModelInput ModelInput::imageNpy(const std::string& path, const ModelDescriptor& model, bool exactResolution) {
    const at::Tensor t = readNpy(path);
    const int64_t r = model.inputResolution;
    const std::string want = "[N, 3, " + std::to_string(r) + ", " + std::to_string(r) + "]";
    if (t.scalar_type() != at::kFloat)
        throw Error(path + ": images must be float32 " + want + ", got " + dtypeText(t) + " " + shapeText(t));
    if (t.dim() != 4 || t.size(1) != 3)
        throw Error(path + ": images must be " + want + " (NCHW, RGB), got " + shapeText(t));
    if (exactResolution && (t.size(2) != r || t.size(3) != r))
        throw Error(path + ": images are " + std::to_string(t.size(2)) + "x" + std::to_string(t.size(3)) +
                    ", the model takes " + std::to_string(r) + "x" + std::to_string(r));
    if (t.size(0) == 0) throw Error(path + ": holds no images (N = 0)");
    ModelInput in;
    in.mCount = t.size(0);
    in.mTensor = t;
    return in;
}

ModelInput ModelInput::tokenNpy(const std::string& path, const ModelDescriptor& model) {
    const at::Tensor t = readNpy(path);
    const int64_t length = model.config.contextLength;
    const std::string want = "[N, " + std::to_string(length) + "]";
    if (!at::isIntegralType(t.scalar_type(), /*includeBool=*/false))
        throw Error(path + ": tokens must be integer (int64) " + want + ", got " + dtypeText(t) + " " + shapeText(t));
    if (t.dim() != 2 || t.size(1) != length)
        throw Error(path + ": tokens must be " + want + " for this model, got " + shapeText(t));
    if (t.size(0) == 0) throw Error(path + ": holds no token rows (N = 0)");
    const int64_t lo = t.min().item<int64_t>(), hi = t.max().item<int64_t>();
    if (lo < 0 || hi >= model.config.vocabSize)
        throw Error(path + ": token id " + std::to_string(lo < 0 ? lo : hi) + " is outside the model's vocabulary (0.." +
                    std::to_string(model.config.vocabSize - 1) + ")");
    ModelInput in;
    in.mText = true;
    in.mCount = t.size(0);
    in.mTensor = t.to(at::kLong);
    return in;
}

ModelInput ModelInput::texts(const std::vector<std::string>& texts, const ModelBundle& model) {
    ModelInput in;
    in.mText = true;
    in.mCount = static_cast<int64_t>(texts.size());
    in.mTensor = tokenizeFnFor(model)(texts);
    return in;
}

at::Tensor ModelInput::slice(int64_t begin, int64_t end) const {
    if (mTensor.defined()) return mTensor.slice(0, begin, end);
    const ImageNormalization norm{mMean, mStd};
    std::vector<at::Tensor> images;
    for (int64_t i = begin; i < end; ++i)
        images.push_back(preprocessImageFile(mFiles[static_cast<size_t>(i)], mResolution, norm));
    return at::stack(images);
}

void ModelInput::forEachSlice(const std::string& label, const std::function<void(const at::Tensor&)>& run) const {
    const int64_t step = mText ? kTextsPerSlice : kImagesPerSlice;
    CliProgress progress(label);
    for (int64_t begin = 0; begin < mCount; begin += step) {
        const int64_t end = std::min(mCount, begin + step);
        run(slice(begin, end));
        progress.feedback().setProgress(static_cast<double>(end) / static_cast<double>(mCount),
                                        std::to_string(end) + " / " + std::to_string(mCount) +
                                            (mText ? " texts" : " images"));
    }
    progress.finish();
}

void makeOutputFolder(const std::string& dir) {
    const QString path = QString::fromStdString(dir);
    if (QFileInfo(path).exists() && !QFileInfo(path).isDir()) throw Error(dir + ": exists and is not a folder");
    if (!QDir().mkpath(path)) throw Error(dir + ": cannot create the folder");
}

void writeOutputNpy(const std::string& dir, const std::string& name, const at::Tensor& tensor) {
    writeNpy(QDir(QString::fromStdString(dir)).filePath(QString::fromStdString(name + ".npy")).toStdString(), tensor);
}

}  // namespace ms::cli
