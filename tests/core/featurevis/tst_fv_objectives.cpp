// Objectives against the rn_tiny / vit_tiny fixture models: every objective lowers its loss
// within a few steps, the text direction raises the cosine with a text embedding, and the
// expression parser reads the shorthand, aliases, functions and weights (and rejects the rest
// with a message that says why).

#include "featurevis/FeatureVisSession.h"
#include "featurevis/ObjectiveParser.h"
#include "featurevis/Objectives.h"
#include "io/NpyTensor.h"
#include "model/ClipModelTorch.h"
#include "util/Error.h"

#include "FvTestModels.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <QtTest>

#include <memory>

using namespace ms;

namespace {

// encode_text of the fixture's first string ("a photo of a cat"-like), [D].
at::Tensor fixtureTextEmbedding(const ClipModel& model, int row) {
    const at::Tensor tokens = readNpy(test::fixturePath("clip/rn_tiny/tokens.npy").toStdString());
    c10::InferenceMode notInference(false);
    at::NoGradGuard noGrad;
    return model.network().encodeText(tokens.slice(0, row, row + 1)).squeeze(0);
}

at::Tensor normalised(const at::Tensor& image, const ModelDescriptor& d) {
    const at::Tensor mean = at::tensor({d.mean[0], d.mean[1], d.mean[2]}).view({1, 3, 1, 1});
    const at::Tensor std = at::tensor({d.std[0], d.std[1], d.std[2]}).view({1, 3, 1, 1});
    return (image - mean) / std;
}

// A direction over layer3's 256 units that mixes three of them. (A dense random direction
// is a poor test on rn_tiny: its perturbed weights make such sums rough beyond ~1e-4 of a
// pixel, so no optimiser with a useful step follows them.)
at::Tensor sparseDirection() {
    at::Tensor v = at::zeros({256});
    v[5] = 1.0;
    v[17] = 0.5;
    v[40] = -0.25;
    return v;
}

double cosineWith(const ClipModel& model, const at::Tensor& image, const at::Tensor& text) {
    at::NoGradGuard noGrad;
    const at::Tensor e = model.network().encodeImage(normalised(image, model.descriptor()));
    return at::cosine_similarity(e, text.view({1, -1}), 1).mean().item<double>();
}

}  // namespace

class TestFvObjectives : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        at::set_num_threads(1);
        mRn = std::make_unique<ClipModel>(test::loadRnTiny());
        mVit = std::make_unique<ClipModel>(test::loadVitTiny());
    }

    void everyObjectiveLowersItsLoss_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("objective");
        QTest::addColumn<int>("batch");
        QTest::newRow("channel") << "rn" << "visual.layer3.0.add:5" << 1;
        QTest::newRow("channel, last stage") << "rn" << "visual.layer4.0.add:17" << 1;
        QTest::newRow("channel via Microscope alias") << "rn" << "image_block_4/0/Add_6:3" << 1;
        QTest::newRow("channel of one batch image") << "rn" << "visual.layer3.0.add:5@1" << 2;
        QTest::newRow("neuron, centre") << "rn" << "neuron(visual.layer3.0.add:5)" << 1;
        QTest::newRow("neuron, position") << "rn" << "neuron(visual.layer2.1.add:7, 1, 6)" << 1;
        QTest::newRow("direction") << "rn" << "<direction>" << 1;
        QTest::newRow("diversity") << "rn" << "diversity(visual.layer2.1.add)" << 3;
        QTest::newRow("l1 from the start") << "rn" << "visual.layer3.0.add:5 + 0.5*l1" << 1;
        QTest::newRow("composite") << "rn" << "visual.layer3.0.add:5 - visual.layer3.0.add:6 + 10*l2 + tv + blur" << 1;
        QTest::newRow("attention pool unit") << "rn" << "visual.attnpool:4" << 1;
        QTest::newRow("text direction") << "rn" << "<text>" << 1;
        QTest::newRow("vit mlp unit") << "vit" << "visual.transformer.resblocks.1.mlp.gelu:9" << 1;
        QTest::newRow("vit neuron") << "vit" << "neuron(visual.transformer.resblocks.0.mlp.gelu:3)" << 1;
        QTest::newRow("vit text direction") << "vit" << "<text>" << 1;
    }

    void everyObjectiveLowersItsLoss() {
        QFETCH(QString, model);
        QFETCH(QString, objective);
        QFETCH(int, batch);
        const ClipModel& m = model == "rn" ? *mRn : *mVit;
        FeatureVisRequest r = test::shortRequest(m, objective.toStdString(), 16);
        r.batch = batch;
        std::unique_ptr<FeatureVisSession> session;
        if (objective == "<direction>") {
            session = std::make_unique<FeatureVisSession>(m, r, objectives::direction("visual.layer3.0.add", sparseDirection()));
        } else if (objective == "<text>") {
            session = std::make_unique<FeatureVisSession>(
                m, r, objectives::textDirection(fixtureTextEmbedding(m, 0), "fixture string 0"));
        } else {
            session = std::make_unique<FeatureVisSession>(m, r);
        }
        session->step();
        const double first = session->loss();
        while (!session->finished()) session->step();
        const double last = session->loss();
        QVERIFY2(std::isfinite(first) && std::isfinite(last), qPrintable(QString("%1 → %2").arg(first).arg(last)));
        // Clearly lower: by a tenth of the loss's size at least (or 1e-3 for losses near 0).
        const double margin = std::max(1e-3, 0.1 * std::abs(first));
        QVERIFY2(last < first - margin, qPrintable(QString("%1 → %2").arg(first).arg(last)));
    }

    // The direction along one unit scores like that unit's channel; scores are linear in it.
    void directionAlongOneUnitIsItsChannel() {
        FeatureVisRequest r = test::shortRequest(*mRn, "visual.layer3.0.add:5", 1);
        FeatureVisSession session(*mRn, r);
        const at::Tensor image = session.image();
        CaptureRequest request;
        request.add("visual.layer3.0.add");
        const CaptureResult captured = mRn->network().capture(normalised(image, mRn->descriptor()), request);
        const ObjectiveInput in{image, &captured, &mRn->descriptor()};
        at::Tensor oneHot = at::zeros({256});
        oneHot[5] = 1.0;
        const double channel = objectives::channel("visual.layer3.0.add", 5).score(in).item<double>();
        QVERIFY(std::abs(objectives::direction("visual.layer3.0.add", oneHot).score(in).item<double>() - channel) < 1e-5);
        const double mixed = objectives::direction("visual.layer3.0.add", sparseDirection()).score(in).item<double>();
        const double sum = (objectives::channel("visual.layer3.0.add", 5) + 0.5 * objectives::channel("visual.layer3.0.add", 17) -
                            0.25 * objectives::channel("visual.layer3.0.add", 40)).score(in).item<double>();
        QVERIFY(std::abs(mixed - sum) < 1e-4);
    }

    // The text objective raises the cosine between the image embedding and the text's.
    void textDirectionRaisesTheCosine() {
        const at::Tensor text = fixtureTextEmbedding(*mRn, 1);
        FeatureVisRequest r = test::shortRequest(*mRn, "text", 20);
        r.preset = "lucid";
        FeatureVisSession session(*mRn, r, objectives::textDirection(text, "fixture string 1"));
        const double before = cosineWith(*mRn, session.image(), text);
        while (!session.finished()) session.step();
        const double after = cosineWith(*mRn, session.image(), text);
        QVERIFY2(after > before + 0.05, qPrintable(QString("%1 → %2").arg(before).arg(after)));
        QCOMPARE(QString::fromStdString(session.objective().description()), QString("text(\"fixture string 1\")"));
        // The embedding needs the full resolution: the lucid preset is fitted back to 64 px.
        QCOMPARE(session.image().size(2), 64);
    }

    void parses_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QStringList>("points");
        const QString a = "visual.layer4.0.add";
        QTest::newRow("shorthand") << a + ":3" << a + ":3" << QStringList{a};
        QTest::newRow("alias") << "image_block_4/0/Add_6:3" << a + ":3" << QStringList{a};
        QTest::newRow("alias, tensor suffix") << "image_block_4/0/Add_6:0:3" << a + ":3" << QStringList{a};
        QTest::newRow("alias, underscores") << "image_block_4_0_Add_6_0:3" << a + ":3" << QStringList{a};
        QTest::newRow("channel()") << "channel(" + a + ":3)" << a + ":3" << QStringList{a};
        QTest::newRow("batch image") << a + ":3@1" << a + ":3@1" << QStringList{a};
        QTest::newRow("weights") << "2*" + a + ":3 - 0.5*l2 + tv*3" << "2*" + a + ":3 - 0.5*l2 + 3*tv" << QStringList{a};
        QTest::newRow("negation and groups") << "-(" + a + ":3 - l1(0.25))" << "-" + a + ":3 + l1(0.25)"
                                             << QStringList{a};
        QTest::newRow("nested weights") << "0.5*(2*(" + a + ":1 + blur()))" << a + ":1 + blur" << QStringList{a};
        QTest::newRow("neuron") << "neuron(" + a + ":3, 1, 0)" << "neuron(" + a + ":3, 1, 0)" << QStringList{a};
        QTest::newRow("two layers") << a + ":3 + 1e2*diversity(visual.layer3.0.add)"
                                    << a + ":3 + 100*diversity(visual.layer3.0.add)"
                                    << QStringList{a, "visual.layer3.0.add"};
        QTest::newRow("text") << "visual.attnpool:2 + text(\"a \\\"spider\\\"\")"
                              << "visual.attnpool:2 + text(\"a \"spider\"\")" << QStringList{"visual.attnpool"};
    }

    void parses() {
        QFETCH(QString, expression);
        QFETCH(QString, description);
        QFETCH(QStringList, points);
        int calls = 0;
        const TextEncoder encoder = [&](const std::string&) {
            ++calls;
            return at::ones({64});
        };
        const Objective o = parseObjective(expression.toStdString(), mRn->descriptor(), encoder);
        QCOMPARE(QString::fromStdString(o.description()), description);
        QStringList got;
        for (const std::string& p : o.points()) got << QString::fromStdString(p);
        QCOMPARE(got, points);
        QCOMPARE(o.needsEmbedding(), expression.contains("text("));
        QCOMPARE(calls, expression.contains("text(") ? 1 : 0);
        QCOMPARE(objectiveNeedsText(expression.toStdString()), expression.contains("text("));
    }

    void rejects_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown layer") << "visual.layer9.0.add:3" << "visual.layer9.0.add";
        QTest::newRow("unit out of range") << "visual.layer4.0.add:512" << "has 512 units";
        QTest::newRow("dangling plus") << "visual.layer4.0.add:3 +" << "unexpected end";
        QTest::newRow("unknown function") << "foo(1)" << "unknown function 'foo'";
        QTest::newRow("text without encoder") << "text('x')" << "text encoder";
        QTest::newRow("product of objectives") << "l1 * l2" << "cannot be multiplied";
        QTest::newRow("number alone") << "3" << "not an objective";
        QTest::newRow("number added") << "visual.layer4.0.add:3 + 2" << "number cannot be added";
        QTest::newRow("text tower point") << "ln_final:3" << "image-tower";
        QTest::newRow("missing unit") << "neuron(visual.layer4.0.add)" << "layer:unit";
        QTest::newRow("bad character") << "visual.layer4.0.add:3 $ 2" << "unexpected character";
        QTest::newRow("unterminated string") << "text(\"abc" << "unterminated";
        QTest::newRow("empty") << "" << "unexpected end";
    }

    void rejects() {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        QString what;
        try {
            parseObjective(expression.toStdString(), mRn->descriptor());
            what = "<no error>";
        } catch (const Error& e) {
            what = QString::fromUtf8(e.what());
        }
        QVERIFY2(what.contains(message) && what.startsWith("objective \""), qPrintable(what));
    }

    void composes() {
        const Objective a = objectives::channel("visual.layer4.0.add", 1);
        QCOMPARE(QString::fromStdString((a + 0.5 * objectives::l2() - objectives::totalVariation()).description()),
                 QString("visual.layer4.0.add:1 + 0.5*l2 - tv"));
        QCOMPARE(QString::fromStdString((-a * 2.0).description()), QString("-2*visual.layer4.0.add:1"));
        QVERIFY(Objective().isZero());
        QCOMPARE(QString::fromStdString(Objective().description()), QString("0"));
        // Scores add up: (a + a)·0.5 scores like a.
        const at::Tensor image = at::full({1, 3, 8, 8}, 0.25);
        const Objective reg = objectives::l2() + 3.0 * objectives::l1();
        const double expected = -(0.0625 + 3 * 0.25);
        QVERIFY(std::abs(reg.score(ObjectiveInput{image, nullptr, nullptr}).item<double>() - expected) < 1e-6);
        QVERIFY(std::abs((0.5 * (reg + reg)).score(ObjectiveInput{image, nullptr, nullptr}).item<double>() - expected) <
                1e-6);
    }

private:
    std::unique_ptr<ClipModel> mRn;
    std::unique_ptr<ClipModel> mVit;
};

QTEST_GUILESS_MAIN(TestFvObjectives)
#include "tst_fv_objectives.moc"
