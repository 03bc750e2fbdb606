// The torch-free side of model description: capture-point tables of the released
// architectures (the Distill article's layer and its Microscope names among them), presets
// and name resolution. Needs no weights.

#include "model/ClipConfig.h"
#include "model/ModelDescriptor.h"
#include "util/Error.h"

#include <QtTest>

using namespace ms;

namespace {

ModelDescriptor describePreset(const std::string& name) {
    ModelDescriptor d;
    d.config = clipPresetConfig(name);
    d.family = visionFamilyName(d.config.family);
    d.inputResolution = d.config.imageResolution;
    d.points = capturePointsFor(d.config);
    d.defaultLayer = defaultStudiedLayer(d.config);
    d.source = name;
    return d;
}

}  // namespace

class TestModelDescriptor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // FEATUREVIS.md: RN50x4's studied layer is image_block_4/5/Add_6 = layer4 block 5, 2,560
    // units on a 9×9 grid at 288 px; RN50/RN101's is image_block_4/2/Add_6.
    void articleLayer_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<int>("units");
        QTest::addColumn<int>("grid");
        QTest::newRow("RN50x4") << "RN50x4" << "image_block_4/5/Add_6" << "visual.layer4.5.add" << 2560 << 9;
        QTest::newRow("RN50x4 microscope") << "RN50x4" << "image_block_4_5_Add_6_0" << "visual.layer4.5.add" << 2560 << 9;
        QTest::newRow("RN50") << "RN50" << "image_block_4/2/Add_6" << "visual.layer4.2.add" << 2048 << 7;
        QTest::newRow("RN101") << "RN101" << "image_block_4/2/Add_6" << "visual.layer4.2.add" << 2048 << 7;
        QTest::newRow("RN50x64") << "RN50x64" << "image_block_4/9/Add_6" << "visual.layer4.9.add" << 4096 << 14;
    }

    void articleLayer() {
        QFETCH(QString, preset);
        QFETCH(QString, alias);
        QFETCH(QString, canonical);
        QFETCH(int, units);
        QFETCH(int, grid);
        const ModelDescriptor d = describePreset(preset.toStdString());
        QCOMPARE(QString::fromStdString(d.resolve(alias.toStdString())), canonical);
        const CapturePointInfo& p = d.point(alias.toStdString());
        QCOMPARE(p.units, units);
        QCOMPARE(p.shape, (std::vector<int64_t>{units, grid, grid}));
        QCOMPARE(p.gridHeight, grid);
        QCOMPARE(QString::fromStdString(d.defaultLayer), canonical);
    }

    void resnetPointCount() {
        const ModelDescriptor d = describePreset("RN50");
        // 4 stem points, 4 per block (3+4+6+3), 4 stages, attnpool, 12 text blocks + ln_final.
        QCOMPARE(d.points.size(), size_t(4 + 4 * 16 + 4 + 1 + 13));
        QCOMPARE(d.point("visual.relu1").shape, (std::vector<int64_t>{32, 112, 112}));
        QCOMPARE(d.point("visual.avgpool").shape, (std::vector<int64_t>{64, 56, 56}));
        QCOMPARE(d.point("visual.layer3.0.relu2").shape, (std::vector<int64_t>{256, 28, 28}));
        QCOMPARE(d.point("visual.layer3.0.add").shape, (std::vector<int64_t>{1024, 14, 14}));
        QCOMPARE(d.point("visual.attnpool").shape, (std::vector<int64_t>{1024}));
        QCOMPARE(d.point("visual.attnpool").layout, PointLayout::Vector);
        QCOMPARE(d.config.visionHeads, 32);
    }

    void vitShapes_data() {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("grid");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("blocks");
        QTest::newRow("ViT-B/32") << "ViT-B/32" << 7 << 768 << 12;
        QTest::newRow("ViT-B/16") << "ViT-B/16" << 14 << 768 << 12;
        QTest::newRow("ViT-L/14@336px") << "ViT-L/14@336px" << 24 << 1024 << 24;
    }

    void vitShapes() {
        QFETCH(QString, preset);
        QFETCH(int, grid);
        QFETCH(int, width);
        QFETCH(int, blocks);
        const ModelDescriptor d = describePreset(preset.toStdString());
        QCOMPARE(d.points.size(), size_t(2 + 2 * blocks + 1 + 13));
        const std::string last = "visual.transformer.resblocks." + std::to_string(blocks - 1);
        QCOMPARE(d.defaultLayer, last + ".mlp.gelu");
        const CapturePointInfo& gelu = d.point(d.defaultLayer);
        QCOMPARE(gelu.shape, (std::vector<int64_t>{1 + grid * grid, 4 * width}));
        QCOMPARE(gelu.units, 4 * width);
        QVERIFY(gelu.hasClassToken);
        QCOMPARE(gelu.gridWidth, grid);
        QCOMPARE(d.point("visual.conv1").shape, (std::vector<int64_t>{width, grid, grid}));
        QCOMPARE(d.point("visual.ln_post").shape, (std::vector<int64_t>{width}));
        QCOMPARE(d.point("ln_final").gridWidth, 77);
        QCOMPARE(d.config.visionHeads, width / 64);
    }

    void pointsAreUniqueAndFindable() {
        for (const std::string& name : clipPresetNames()) {
            const ModelDescriptor d = describePreset(name);
            for (const CapturePointInfo& p : d.points) {
                QCOMPARE(d.find(p.name), &p);
                QVERIFY(!p.description.empty());
            }
        }
    }

    void unknownPresetIsAnError() {
        try {
            clipPresetConfig("RN42");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("RN50x4"));
        }
    }

    void closeNamesAreSuggested() {
        const ModelDescriptor d = describePreset("RN50");
        try {
            d.resolve("visual.layer4.2.relu");
            QFAIL("no error");
        } catch (const Error& e) {
            const QString message = e.what();
            QVERIFY2(message.startsWith("RN50: no capture point named 'visual.layer4.2.relu'"), qPrintable(message));
            QVERIFY2(message.contains("visual.layer4.2.relu1"), qPrintable(message));
        }
    }
};

QTEST_GUILESS_MAIN(TestModelDescriptor)
#include "tst_model_descriptor.moc"
