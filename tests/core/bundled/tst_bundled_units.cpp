// The shipped model's multimodal units, as `multiscope-cli evaluate` reported them on 2,000
// fresh images (the sidecar's "evaluation"), checked two other ways:
// - rendered words (issue 7): for at least half of them, the concept's own word is among the
//   unit's 5 best words of the default list (the concepts + 3,000 common English words);
// - ablation (issue 8): switching the unit off lowers its concept's mean zero-shot probability
//   over the concept's pictures and words more than switching off a random unit of the same
//   layer does (mean over 24 random units), for most concepts that have one.

#include "analysis/ModelInput.h"
#include "analysis/ModelText.h"
#include "analysis/RenderedWords.h"
#include "analysis/ZeroShot.h"
#include "jobs/Feedback.h"
#include "bundled/BundledSidecar.h"
#include "model/ClipModelTorch.h"
#include "model/ModelBundle.h"
#include "world/Rng.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <torch/torch.h>

using namespace ms;

namespace {

struct MultimodalUnit {
    QString concept;
    int unit = -1;
};

struct Reported {
    QString layer;
    std::vector<MultimodalUnit> units;
};

Reported reportedUnits(const ModelBundle& bundle) {
    QFile f(sidecarPathFor(QString::fromStdString(bundle.weightsPath())));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read the bundled model's sidecar");
    const QJsonObject evaluation = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("evaluation")).toObject();
    Reported r;
    r.layer = evaluation.value(QStringLiteral("layer")).toString();
    for (const QJsonValue v : evaluation.value(QStringLiteral("multimodal_units")).toArray())
        r.units.push_back({v.toObject().value(QStringLiteral("concept")).toString(), v.toObject().value(QStringLiteral("unit")).toInt(-1)});
    return r;
}

}  // namespace

class TestBundledUnits : public QObject {
    Q_OBJECT
    std::unique_ptr<ModelBundle> m_bundle;
    Reported m_reported;

private Q_SLOTS:
    void initTestCase() {
        m_bundle = std::make_unique<ModelBundle>(ModelBundle::load(ModelSpec{"bundled", {}, 0, 0}));
        m_reported = reportedUnits(*m_bundle);
        QVERIFY2(!m_reported.layer.isEmpty() && !m_reported.units.empty(),
                 "the sidecar's evaluation lists no multimodal units (ship the model with its evaluation)");
    }

    void conceptWordsAreAmongTheUnitsBestRenderedWords() {
        // The panel's table (same list, same cache), scored once for all the bundled-model tests.
        RenderedWordsJob job(std::shared_ptr<const ModelBundle>(m_bundle.get(), [](const ModelBundle*) {}),
                             RenderedWordsRequest{m_reported.layer.toStdString(), defaultRenderedWords(*m_bundle),
                                                  QStringLiteral(MULTISCOPE_TEST_CACHE) + QStringLiteral("/multiscope/rendered-words")});
        Feedback feedback;
        while (job.step(feedback) == Job::Step::MoreWork) {
        }
        const RenderedWordsTable table = std::dynamic_pointer_cast<const RenderedWordsOutput>(job.takeResult())->table;
        int hits = 0;
        for (const MultimodalUnit& u : m_reported.units) {
            QStringList top;
            for (const auto& [w, s] : table.topWords(u.unit, 5)) top << table.words[w];
            const bool hit = top.contains(u.concept, Qt::CaseInsensitive);
            hits += hit;
            qInfo("%-10s unit %4d: %s%s", qPrintable(u.concept), u.unit, qPrintable(top.join(QStringLiteral(", "))), hit ? "  ✓" : "");
        }
        qInfo("%d of %d multimodal units list their concept's word in their top 5", hits, int(m_reported.units.size()));
        QVERIFY(2 * hits >= int(m_reported.units.size()));
    }

    void ablatingAConceptsUnitHurtsItMoreThanARandomUnit() {
        c10::InferenceMode inference;
        const ClipNetwork& network = m_bundle->model().network();
        const std::string layer = m_reported.layer.toStdString();
        const QStringList concepts = m_bundle->sidecar()->concepts;
        const ZeroShotClassifier classifier(network, tokenizeFnFor(*m_bundle), concepts, promptTemplatesFor(*m_bundle));
        QTemporaryDir dir;
        writeWorldFolder(dir.path(), 480, 4243, WorldOptions{m_bundle->descriptor().inputResolution, 1.0}, 2);
        const std::vector<LabelRow> rows = readLabels(QDir(dir.path()).filePath(labelsFileName()));

        const int units = static_cast<int>(m_bundle->descriptor().find(layer)->units);
        Rng rng(7, 0);
        std::vector<int> randomUnits;
        while (randomUnits.size() < 24) {
            const int u = static_cast<int>(rng.below(units));
            if (std::find(randomUnits.begin(), randomUnits.end(), u) == randomUnits.end()) randomUnits.push_back(u);
        }
        // The concept's mean probability over its photos, drawings, icons and words.
        auto meanProbability = [&](const at::Tensor& inputs, int concept, std::vector<int64_t> off) {
            CaptureRequest request;
            request.embedding = true;
            request.ablations[layer] = UnitAblation{std::move(off), {}};
            return classifier.probabilitiesFromEmbeddings(network.capture(inputs, request).embedding)
                .select(1, concept).mean().item<double>();
        };
        int wins = 0, judged = 0;
        for (const MultimodalUnit& u : m_reported.units) {
            std::vector<at::Tensor> inputs;
            for (const LabelRow& r : rows)
                if (r.concept == u.concept && r.rendition != QLatin1String("scene") && r.rendition != QLatin1String("attack"))
                    inputs.push_back(modelInputFromFile(QDir(dir.path()).filePath(r.file).toStdString(), m_bundle->descriptor()));
            if (inputs.size() < 4) continue;
            const at::Tensor batch = torch::stack(inputs);
            const int c = concepts.indexOf(u.concept);
            const double clean = meanProbability(batch, c, {});
            const double ownDrop = clean - meanProbability(batch, c, {u.unit});
            double randomDrop = 0;
            for (int r : randomUnits) randomDrop += clean - meanProbability(batch, c, {r});
            randomDrop /= randomUnits.size();
            ++judged;
            wins += ownDrop > randomDrop;
            qInfo("%-10s unit %4d: p %.3f, drop %.4f (random units: %.4f) over %d images", qPrintable(u.concept), u.unit,
                  clean, ownDrop, randomDrop, int(inputs.size()));
        }
        qInfo("ablation hurts the concept more than a random unit for %d of %d concepts", wins, judged);
        QVERIFY(judged > 0);
        QVERIFY(2 * wins > judged);
    }
};

QTEST_MAIN(TestBundledUnits)
#include "tst_bundled_units.moc"
