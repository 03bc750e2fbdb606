// Zero-shot prompt ensembles on the rn_tiny reference model: with one template the two
// ensembles agree; with several, "mean" classifies by the normalised mean of the templates'
// embeddings and "best" by each label's best-matching template — both checked against the
// cosines computed here from single-template classifiers.

#include "TestSupport.h"

#include "analysis/ModelText.h"
#include "analysis/ZeroShot.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "util/Error.h"

#include <QtTest>

#include <torch/torch.h>

using namespace ms;

class TestZeroShot : public QObject {
    Q_OBJECT
    std::unique_ptr<ModelBundle> m_bundle;
    const QStringList m_labels{"star", "fish", "umbrella", "key"};
    at::Tensor m_embeddings;  // image embeddings of 6 random pictures

private Q_SLOTS:
    void initTestCase() {
        ModelSpec spec;
        spec.model = test::fixturePath(QStringLiteral("clip/rn_tiny/weights.safetensors")).toStdString();
        spec.vocabulary = test::fixturePath(QStringLiteral("clip/bpe_simple_vocab_16e6.txt.gz")).toStdString();
        m_bundle = std::make_unique<ModelBundle>(ModelBundle::load(spec));
        torch::NoGradGuard noGrad;
        const int r = m_bundle->descriptor().inputResolution;
        m_embeddings = m_bundle->model().network().encodeImage(torch::randn({6, 3, r, r}, torch::Generator(at::detail::createCPUGenerator(7))));
        QCOMPARE(promptEnsembleFor(*m_bundle), PromptEnsemble::MeanEmbedding);  // no sidecar: as CLIP
    }

    void oneTemplateGivesTheSameAnswerEitherWay() {
        const ClipNetwork& net = m_bundle->model().network();
        const ZeroShotClassifier mean(net, tokenizeFnFor(*m_bundle), m_labels, {"a photo of a {}."}, PromptEnsemble::MeanEmbedding);
        const ZeroShotClassifier best(net, tokenizeFnFor(*m_bundle), m_labels, {"a photo of a {}."}, PromptEnsemble::BestTemplate);
        QVERIFY(torch::allclose(mean.probabilitiesFromEmbeddings(m_embeddings), best.probabilitiesFromEmbeddings(m_embeddings), 1e-5, 1e-6));
    }

    void severalTemplatesCombineAsNamed() {
        const ClipNetwork& net = m_bundle->model().network();
        const QStringList templates{"a photo of a {}", "the word {}", "a drawing of a {}"};
        std::vector<at::Tensor> single;  // [labels, D] per template
        for (const QString& t : templates)
            single.push_back(ZeroShotClassifier(net, tokenizeFnFor(*m_bundle), m_labels, {t}).labelEmbeddings());
        const at::Tensor image = m_embeddings / m_embeddings.norm(2, -1, true);
        const double scale = net.logitScale();

        at::Tensor meanText = (single[0] + single[1] + single[2]) / 3;
        meanText = meanText / meanText.norm(2, -1, true);
        const at::Tensor expectedMean = torch::softmax(scale * image.mm(meanText.t()), -1);
        at::Tensor bestCos = image.mm(single[0].t());
        for (size_t t = 1; t < single.size(); ++t) bestCos = torch::maximum(bestCos, image.mm(single[t].t()));
        const at::Tensor expectedBest = torch::softmax(scale * bestCos, -1);

        const ZeroShotClassifier mean(net, tokenizeFnFor(*m_bundle), m_labels, templates, PromptEnsemble::MeanEmbedding);
        const ZeroShotClassifier best(net, tokenizeFnFor(*m_bundle), m_labels, templates, PromptEnsemble::BestTemplate);
        QVERIFY(torch::allclose(mean.probabilitiesFromEmbeddings(m_embeddings), expectedMean, 1e-4, 1e-6));
        QVERIFY(torch::allclose(best.probabilitiesFromEmbeddings(m_embeddings), expectedBest, 1e-4, 1e-6));
        QVERIFY(!torch::allclose(expectedMean, expectedBest, 1e-3, 1e-4));  // the two really differ here
        QVERIFY(torch::allclose(best.labelEmbeddings(), mean.labelEmbeddings()));  // labelEmbeddings: the mean either way
        QCOMPARE(QString(promptEnsembleName(PromptEnsemble::BestTemplate)), QStringLiteral("best"));
        QCOMPARE(QString(promptEnsembleName(PromptEnsemble::MeanEmbedding)), QStringLiteral("mean"));
        QCOMPARE(parsePromptEnsemble("best"), PromptEnsemble::BestTemplate);
        QCOMPARE(parsePromptEnsemble("mean"), PromptEnsemble::MeanEmbedding);
        QVERIFY_THROWS_EXCEPTION(Error, parsePromptEnsemble("median"));
    }
};

QTEST_GUILESS_MAIN(TestZeroShot)
#include "tst_zero_shot.moc"
