// Ablation: units switched off at a capture point while the forward pass runs. The ablated
// units read 0 (or the given values) at that point, the other units are untouched, layers
// after it and the embedding change, layers before it do not; an empty ablation changes
// nothing (and the ResNet fast path agrees); bad requests are clear errors.

#include "TestSupport.h"

#include "model/ClipModel.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include <QtTest>

#include <torch/torch.h>

using namespace ms;

namespace {

ClipModel load(const char* variant) {
    return ClipModel::load(test::fixturePath(QStringLiteral("clip/%1/weights.safetensors").arg(QLatin1String(variant))).toStdString());
}

at::Tensor images(int resolution) {
    torch::manual_seed(3);
    return torch::randn({2, 3, resolution, resolution});
}

}  // namespace

class TestAblation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void zeroAndValueAblationOfAResNetPoint() {
        c10::InferenceMode inference;
        const ClipModel model = load("rn_tiny");
        const ClipNetwork& net = model.network();
        const at::Tensor x = images(net.descriptor().inputResolution);
        CaptureRequest plain;
        plain.embedding = true;
        plain.add("visual.layer2").add("visual.layer3").add("visual.layer4");
        // The baseline: an ablation of no units takes the same (plain) path, so values compare exactly.
        CaptureRequest none = plain;
        none.ablations["visual.layer3"] = UnitAblation{};
        const CaptureResult clean = net.capture(x, none);

        CaptureRequest ablated = plain;
        ablated.ablations["visual.layer3"] = UnitAblation{{3, 5}, {}};
        const CaptureResult off = net.capture(x, ablated);
        const at::Tensor l3 = off.points.at("visual.layer3").full, l3clean = clean.points.at("visual.layer3").full;
        QCOMPARE(l3.select(1, 3).abs().max().item<float>(), 0.0f);
        QCOMPARE(l3.select(1, 5).abs().max().item<float>(), 0.0f);
        QVERIFY(l3.select(1, 4).equal(l3clean.select(1, 4)));                               // other units untouched
        QVERIFY(off.points.at("visual.layer2").full.equal(clean.points.at("visual.layer2").full));  // before: unchanged
        QVERIFY(!off.points.at("visual.layer4").full.allclose(clean.points.at("visual.layer4").full));  // after: changed
        QVERIFY(!off.embedding.allclose(clean.embedding));

        CaptureRequest replaced = plain;
        replaced.ablations["visual.layer3"] = UnitAblation{{3}, {0.75f}};
        const at::Tensor r3 = net.capture(x, replaced).points.at("visual.layer3").full.select(1, 3);
        QVERIFY(r3.eq(0.75f).all().item<bool>());

        // No units: the same as the fast inference path (BN folded: float noise only).
        QVERIFY(net.capture(x, plain).embedding.allclose(clean.embedding, 1e-4, 1e-5));
        QVERIFY(net.encodeImage(x).allclose(clean.embedding, 1e-4, 1e-5));
    }

    void ablationOfAViTTokenPoint() {
        c10::InferenceMode inference;
        ClipLoadOptions options;
        const ClipModel model = ClipModel::load(
            test::fixturePath(QStringLiteral("clip/vit_tiny/weights.safetensors")).toStdString(), options);
        const ClipNetwork& net = model.network();
        const std::string point = "visual.transformer.resblocks.0";
        CaptureRequest request;
        request.embedding = true;
        request.add(point);
        request.ablations[point] = UnitAblation{{2}, {}};
        const CaptureResult r = net.capture(images(net.descriptor().inputResolution), request);
        QCOMPARE(r.points.at(point).full.select(2, 2).abs().max().item<float>(), 0.0f);
        QVERIFY(r.points.at(point).full.select(2, 1).abs().max().item<float>() > 0.0f);
    }

    void badRequestsAreErrors() {
        const ClipModel model = load("rn_tiny");
        const ClipNetwork& net = model.network();
        const at::Tensor x = images(net.descriptor().inputResolution);
        CaptureRequest request;
        request.embedding = true;
        request.ablations["visual.layer3"] = UnitAblation{{100000}, {}};
        {
            c10::InferenceMode inference;
            QVERIFY_THROWS_EXCEPTION(Error, net.capture(x, request));
            request.ablations["visual.layer3"] = UnitAblation{{1, 2}, {0.5f}};
            QVERIFY_THROWS_EXCEPTION(Error, net.capture(x, request));
            request.ablations.clear();
            request.ablations["transformer.resblocks.0"] = UnitAblation{{1}, {}};
            QVERIFY_THROWS_EXCEPTION(Error, net.capture(x, request));
        }
        request.ablations.clear();
        request.ablations["visual.layer3"] = UnitAblation{{1}, {}};
        at::AutoGradMode grad(true);
        QVERIFY_THROWS_EXCEPTION(Error, net.capture(x, request));  // in-place edits need inference
    }
};

QTEST_GUILESS_MAIN(TestAblation)
#include "tst_ablation.moc"
