// Feature visualization really works on the shipped model: for 10 units of its studied layer
// (sampled with a fixed seed), a 256-step visualization (Lucid's method) excites the unit more
// than the most exciting picture of a generated sample folder does — for at least 8 of 10, in
// float32 and with the network in bfloat16 (the faster option).

#include "analysis/ModelInput.h"
#include "featurevis/FeatureVisRequest.h"
#include "featurevis/FeatureVisSession.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

using namespace ms;

namespace {

// Spatial means of every unit of `layer` for normalised inputs [N, 3, R, R].
at::Tensor unitMeans(const ClipNetwork& network, const at::Tensor& inputs, const std::string& layer) {
    c10::InferenceMode inference;
    CaptureRequest request;
    request.add(layer, PointCapture{false, true, false});
    return network.capture(inputs, request).points.at(layer).mean;
}

}  // namespace

class TestFeatureVisBundled : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void visualizationsBeatTheBestSamplePicture_data() {
        QTest::addColumn<QString>("precision");
        QTest::newRow("float32") << "float32";
        QTest::newRow("bfloat16") << "bfloat16";
    }

    void visualizationsBeatTheBestSamplePicture() {
        QFETCH(QString, precision);
        const ModelBundle bundle = ModelBundle::load(ModelSpec{"bundled", {}, 0, 0});
        const ClipNetwork& network = bundle.model().network();
        const ModelDescriptor& d = bundle.descriptor();
        const std::string layer = bundle.defaultLayer();
        const int units = static_cast<int>(d.point(layer).units);

        // The sample folder: 120 pictures of the generated world (every rendition).
        QTemporaryDir dir;
        writeWorldFolder(dir.path(), 120, 31337, WorldOptions{d.inputResolution, 1.0}, 2);
        std::vector<at::Tensor> inputs;
        for (const LabelRow& row : readLabels(QDir(dir.path()).filePath(labelsFileName())))
            inputs.push_back(modelInputFromFile(QDir(dir.path()).filePath(row.file).toStdString(), d));
        const at::Tensor bestPicture = std::get<0>(unitMeans(network, torch::stack(inputs), layer).max(0));

        Rng rng(2026, 11);
        int beaten = 0;
        QStringList lines;
        for (int i = 0; i < 10; ++i) {
            const int unit = rng.below(units);
            FeatureVisRequest request;
            request.objective = layer + ":" + std::to_string(unit);
            request.steps = 256;
            request.precision = precision.toStdString();
            FeatureVisSession session(bundle.model(), request.resolvedFor(d));
            while (!session.finished()) session.step();
            const at::Tensor image = session.image();  // [1, 3, R, R] in [0, 1]
            const at::Tensor mean = torch::tensor({d.mean[0], d.mean[1], d.mean[2]}).view({1, 3, 1, 1});
            const at::Tensor std = torch::tensor({d.std[0], d.std[1], d.std[2]}).view({1, 3, 1, 1});
            const double vis = unitMeans(network, (image - mean) / std, layer)[0][unit].item<double>();
            const double best = bestPicture[unit].item<double>();
            beaten += vis > best;
            lines << QStringLiteral("unit %1: visualization %2, best picture %3").arg(unit).arg(vis, 0, 'f', 3).arg(best, 0, 'f', 3);
        }
        qInfo("%s", qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY2(beaten >= 8, qPrintable(QStringLiteral("%1 of 10 units").arg(beaten)));
    }
};

QTEST_MAIN(TestFeatureVisBundled)
#include "tst_fv_bundled.moc"
