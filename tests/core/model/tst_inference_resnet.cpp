// The inference fast path of ResNet image towers (model/InferenceResNet.h: BatchNorm folded,
// oneDNN-prepacked weights) computes what the plain tower computes: embeddings and every
// capture point within the parity tolerance, on the rn_tiny fixture and on an RN50-shaped
// network with non-trivial BatchNorm statistics; it follows weight changes; and with
// autograd on the plain, differentiable tower runs.

#include "io/NpyTensor.h"
#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"
#include "model/InferenceResNet.h"

#include "TestSupport.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <QtTest>

#include <memory>

using namespace ms;

namespace {

at::Tensor fixtureTensor(const QString& file) {
    return readNpy(test::fixturePath("clip/rn_tiny/" + file).toStdString());
}

// max|a−b| ≤ 1e-4·max(1, max|b|), with a readable failure.
bool withinTolerance(const at::Tensor& a, const at::Tensor& b, QString* why) {
    if (a.sizes() != b.sizes()) {
        *why = QStringLiteral("shapes differ");
        return false;
    }
    const double error = (a - b).abs().max().item<double>();
    const double bound = 1e-4 * std::max(1.0, b.abs().max().item<double>());
    *why = QStringLiteral("max|a-b| = %1, bound %2").arg(error).arg(bound);
    return error <= bound;
}

// Every image point, full tensors and reductions.
CaptureRequest everyImagePoint(const ModelDescriptor& d) {
    CaptureRequest request;
    for (const CapturePointInfo& p : d.points)
        if (p.tower == Tower::Image) request.add(p.name, PointCapture{true, true, true});
    request.embedding = true;
    return request;
}

// Gives every BatchNorm statistics and affine parameters far from the identity, so that the
// folding has something to fold.
void perturbBatchNorms(const ClipNetwork& net, uint64_t seed) {
    at::NoGradGuard noGrad;
    at::Generator gen = at::detail::createCPUGenerator(seed);
    for (auto& [key, t] : net.namedTensors()) {
        const bool bn = key.find(".bn") != std::string::npos || key.find("downsample.1") != std::string::npos;
        if (!bn || key.find("num_batches_tracked") != std::string::npos) continue;
        if (key.find("running_var") != std::string::npos)
            t.uniform_(0.5, 2.0, gen);
        else if (key.find(".weight") != std::string::npos)
            t.uniform_(0.5, 1.5, gen);
        else
            t.normal_(0.0, 0.2, gen);
    }
}

}  // namespace

class TestInferenceResNet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        QVERIFY2(ms::detail::InferenceResNet::available(), "this LibTorch has no oneDNN: the fast path cannot run");
    }

    void fastPathIsOnByDefault() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        QVERIFY(model.network().fastInference());
        model.network().setFastInference(false);
        QVERIFY(!model.network().fastInference());
    }

    void fixtureCapturesMatchPlainPath() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        ClipNetwork& net = model.network();
        const at::Tensor images = fixtureTensor("images.npy");
        c10::InferenceMode inference;
        net.setFastInference(false);
        const CaptureResult plain = net.capture(images, everyImagePoint(model.descriptor()));
        net.setFastInference(true);
        const CaptureResult fast = net.capture(images, everyImagePoint(model.descriptor()));
        QString why;
        QVERIFY2(withinTolerance(fast.embedding, plain.embedding, &why), qPrintable(why));
        QVERIFY2(withinTolerance(fast.embedding, fixtureTensor("encode_image.npy"), &why), qPrintable(why));
        QCOMPARE(fast.points.size(), plain.points.size());
        for (const auto& [name, p] : plain.points) {
            const CapturedTensor& f = fast.points.at(name);
            QVERIFY2(f.full.is_contiguous(), name.c_str());  // dense NCHW, as from the plain path
            QVERIFY2(withinTolerance(f.full, p.full, &why), qPrintable(QString::fromStdString(name) + ": " + why));
            QVERIFY2(withinTolerance(f.mean, p.mean, &why), qPrintable(QString::fromStdString(name) + ": " + why));
            QVERIFY2(withinTolerance(f.max, p.max, &why), qPrintable(QString::fromStdString(name) + ": " + why));
        }
    }

    // RN50's widths and strides, folded BatchNorm statistics far from the identity, an image
    // size other than the native one for captures (the trunk takes any size ≥ 32).
    void rn50ShapedNetworkMatchesPlainPath() {
        const ClipModel model = ClipModel::randomlyInitialised(clipPresetConfig("RN50"), 7);
        ClipNetwork& net = model.network();
        perturbBatchNorms(net, 8);
        const at::Tensor images = at::randn({2, 3, 224, 224}, at::detail::createCPUGenerator(9));
        at::NoGradGuard noGrad;  // the fast path also serves no-grad mode, not only InferenceMode
        net.setFastInference(false);
        const at::Tensor plain = net.encodeImage(images);
        const at::Tensor plainLayer3 = net.capture(images.slice(3, 0, 160), CaptureRequest().add("visual.layer3.5.add"))
                                           .points.at("visual.layer3.5.add").full;
        net.setFastInference(true);
        QString why;
        QVERIFY2(withinTolerance(net.encodeImage(images), plain, &why), qPrintable(why));
        const at::Tensor fastLayer3 = net.capture(images.slice(3, 0, 160), CaptureRequest().add("visual.layer3.5.add"))
                                          .points.at("visual.layer3.5.add").full;
        QVERIFY2(withinTolerance(fastLayer3, plainLayer3, &why), qPrintable(why));
    }

    // The fast copy is prepared again when a weight is modified in place (a trainer's step).
    void followsWeightChanges() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        ClipNetwork& net = model.network();
        const at::Tensor images = fixtureTensor("images.npy");
        c10::InferenceMode inference;
        const at::Tensor before = net.encodeImage(images);
        perturbBatchNorms(net, 3);
        const at::Tensor fast = net.encodeImage(images);
        net.setFastInference(false);
        const at::Tensor plain = net.encodeImage(images);
        QVERIFY((fast - before).abs().max().item<double>() > 1e-2);
        QString why;
        QVERIFY2(withinTolerance(fast, plain, &why), qPrintable(why));
    }

    // With autograd on, the plain tower runs and gradients reach the input.
    void autogradUsesThePlainTower() {
        const ClipModel model = ClipModel::load(test::fixturePath("clip/rn_tiny/weights.safetensors").toStdString());
        const at::Tensor images = fixtureTensor("images.npy").clone().requires_grad_(true);
        const at::Tensor embedding = model.network().encodeImage(images);
        QVERIFY(embedding.requires_grad());
        embedding.sum().backward();
        QVERIFY(images.grad().defined());
        QVERIFY(images.grad().abs().sum().item<double>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestInferenceResNet)
#include "tst_inference_resnet.moc"
