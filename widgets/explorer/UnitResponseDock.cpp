#include "explorer/UnitResponseDock.h"

#include "analysis/RenderedWords.h"
#include "analysis/UnitResponse.h"
#include "analysis/UnitScoresExport.h"
#include "explorer/FoldersDock.h"
#include "export/FigureExport.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QPushButton>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QTabWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ms {
namespace {

constexpr int kBins = 30;
constexpr int kHistogramConcepts = 4;

QChartView* makeView(QChart* chart, const char* name) {
    auto* view = new QChartView(chart);
    view->setObjectName(QLatin1String(name));
    view->setRenderHint(QPainter::Antialiasing);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignTop);
    return view;
}

void clearChart(QChart* chart) {
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

}  // namespace

UnitResponseDock::UnitResponseDock(ModelSession* session, FoldersDock* folders, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_folders(folders),
      m_tabs(new QTabWidget),
      m_textChart(new QChart),
      m_textView(makeView(m_textChart, "textVersusImage")),
      m_histChart(new QChart),
      m_histView(makeView(m_histChart, "distribution")),
      m_status(new QLabel),
      m_export(new QPushButton) {
    setObjectName(QStringLiteral("UnitResponseDock"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_tabs->addTab(m_textView, QString());
    m_tabs->addTab(m_histView, QString());
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_tabs, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_export, 0, Qt::AlignTop);
    layout->addLayout(bottom);
    setWidget(content);
    m_export->setEnabled(false);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString name = QStringLiteral("%1-%2-%3").arg(m_layer).arg(m_unit).arg(m_tabs->currentIndex() == 0 ? "text-vs-image" : "distribution");
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), name + QStringLiteral(".svg"),
                                                          figureFileFilter() + tr(";;Chart data (*.csv);;The unit on every picture (*.npy)"));
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error)) m_status->setText(error);
    });

    ComputeWorker* worker = m_session->worker();
    connect(m_session, &ModelSession::modelLoaded, this, [this] {
        m_words.clear();
        m_response.reset();
        m_layer.clear();
        m_unit = -1;
    });
    connect(m_folders, &FoldersDock::folderIndexed, this, &UnitResponseDock::request);
    connect(worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id == m_exportJob) {
            m_exportJob = 0;
            m_status->setText(tr("Cannot export the unit: %1").arg(error));
            Q_EMIT exported(QString(), error);
            return;
        }
        if (id != m_job && id != m_wordsJob) return;
        (id == m_job ? m_job : m_wordsJob) = 0;
        m_status->setText(tr("Cannot chart the unit: %1").arg(error));
    });
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id == m_exportJob) {
            m_exportJob = 0;
            if (const auto* done = dynamic_cast<const UnitScoresExportOutput*>(out.get())) {
                m_status->setText(tr("Exported the unit on %n picture(s) to %1", nullptr, int(done->pictures)).arg(done->request.path));
                Q_EMIT exported(done->request.path, QString());
            }
        } else if (id == m_job) {
            m_job = 0;
            m_response = std::dynamic_pointer_cast<const UnitResponseOutput>(out);
            requestWords();
            draw();
        } else if (id == m_wordsJob) {
            m_wordsJob = 0;
            const auto words = std::dynamic_pointer_cast<const RenderedWordsOutput>(out);
            if (!words) return;
            const RenderedWordsTable& t = words->table;
            auto& byConcept = m_words[QString::fromStdString(t.layer)];
            for (int w = 0; w < t.words.size(); ++w)
                byConcept[t.words[w]].assign(t.scores.begin() + std::ptrdiff_t(w) * t.units,
                                             t.scores.begin() + std::ptrdiff_t(w + 1) * t.units);
            draw();
        }
    });
    retranslate();
}

UnitResponseDock::~UnitResponseDock() = default;

void UnitResponseDock::setUnit(const QString& layer, int unit) {
    m_layer = layer;
    m_unit = unit;
    request();
}

void UnitResponseDock::request() {
    const auto bundle = m_session->bundle();
    if (!bundle || m_layer.isEmpty() || m_unit < 0) return;
    UnitResponseRequest r;
    r.indexes = m_folders->readyIndexList();
    if (r.indexes.empty()) {
        m_status->setText(tr("No indexed pictures yet: add a folder in Image folders."));
        return;
    }
    r.modelHash = bundle->descriptor().contentHash;
    r.layer = m_layer.toStdString();
    r.unit = m_unit;
    m_job = m_session->worker()->submit(std::make_unique<UnitResponseJob>(std::move(r)));
}

// The concepts' words of this layer, scored once (and cached on disk) when some are missing.
void UnitResponseDock::requestWords() {
    const auto bundle = m_session->bundle();
    if (!bundle || !m_response || m_response->concepts.empty()) return;
    const QString layer = QString::fromStdString(m_response->request.layer);
    QStringList concepts;
    for (const ConceptScores& c : m_response->concepts) concepts << c.concept;
    const auto known = m_words.find(layer);
    const bool complete = known != m_words.end() && std::all_of(concepts.begin(), concepts.end(), [&](const QString& c) {
        return known->second.count(c) > 0;
    });
    if (complete || (m_wordsJob && m_wordsLayer == layer)) return;
    m_wordsLayer = layer;
    m_wordsJob = m_session->worker()->submit(std::make_unique<RenderedWordsJob>(
        bundle, RenderedWordsRequest{layer.toStdString(), concepts, defaultRenderedWordsCacheDir(), 8, false, "concept-words"}));
}

float UnitResponseDock::wordScore(const QString& concept) const {
    const auto layer = m_words.find(QString::fromStdString(m_response->request.layer));
    if (layer == m_words.end()) return NAN;
    const auto it = layer->second.find(concept);
    const int unit = m_response->request.unit;
    return it == layer->second.end() || unit >= int(it->second.size()) ? NAN : it->second[size_t(unit)];
}

void UnitResponseDock::draw() {
    if (!m_response) return;
    drawTextVersusImage();
    drawDistribution();
    const auto& r = m_response->request;
    QString status = tr("%1:%2 over %n indexed pictures", nullptr, int(m_response->allScores.size()))
                         .arg(QString::fromStdString(r.layer)).arg(r.unit);
    if (m_response->concepts.empty()) status += QLatin1Char('\n') + tr("No labels: add a labels.csv or sort pictures into one sub-folder per label.");
    if (m_wordsJob) status += QLatin1Char('\n') + tr("Scoring the concepts' words…");
    if (!m_response->problems.isEmpty()) status += QLatin1Char('\n') + m_response->problems.join(QLatin1Char('\n'));
    m_status->setText(status);
    m_export->setEnabled(true);
    if (!m_wordsJob) Q_EMIT responseShown();
}

void UnitResponseDock::drawTextVersusImage() {
    clearChart(m_textChart);
    m_rows.clear();
    for (const ConceptScores& c : m_response->concepts)
        m_rows.push_back({c.concept, c.quantile(0.5), c.quantile(0.25), c.quantile(0.75), wordScore(c.concept), int(c.pictures.size())});
    // The concepts the unit answers most, in pictures or in words.
    auto strength = [](const ConceptRow& r) { return std::max(r.pictureMedian, std::isnan(r.word) ? -INFINITY : r.word); };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const ConceptRow& a, const ConceptRow& b) { return strength(a) > strength(b); });
    if (int(m_rows.size()) > kMaxConcepts) m_rows.resize(kMaxConcepts);
    if (m_rows.empty()) return;

    auto* boxes = new QBoxPlotSeries;
    boxes->setName(tr("pictures (median, quartiles, range)"));
    auto* words = new QScatterSeries;
    words->setName(tr("written word"));
    words->setMarkerSize(11);
    words->setColor(QColor(220, 60, 40));
    QStringList categories;
    float lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const ConceptRow& r = m_rows[size_t(i)];
        const ConceptScores& c = *std::find_if(m_response->concepts.begin(), m_response->concepts.end(),
                                              [&](const ConceptScores& s) { return s.concept == r.concept; });
        auto* set = new QBoxSet(c.quantile(0), r.pictureLow, r.pictureMedian, r.pictureHigh, c.quantile(1), r.concept);
        boxes->append(set);
        categories << r.concept;
        lo = std::min(lo, c.quantile(0));
        hi = std::max(hi, c.quantile(1));
        if (!std::isnan(r.word)) {
            words->append(i, r.word);
            lo = std::min(lo, r.word);
            hi = std::max(hi, r.word);
        }
    }
    m_textChart->addSeries(boxes);
    m_textChart->addSeries(words);
    auto* x = new QBarCategoryAxis;
    x->append(categories);
    x->setLabelsAngle(-60);
    auto* xWords = new QValueAxis;  // the words' positions, aligned with the categories
    xWords->setRange(-0.5, m_rows.size() - 0.5);
    xWords->setVisible(false);
    auto* y = new QValueAxis;
    const float pad = 0.05f * std::max(hi - lo, 1e-3f);
    y->setRange(lo - pad, hi + pad);
    y->applyNiceNumbers();
    y->setTitleText(tr("activation"));
    m_textChart->addAxis(x, Qt::AlignBottom);
    m_textChart->addAxis(xWords, Qt::AlignTop);
    m_textChart->addAxis(y, Qt::AlignLeft);
    boxes->attachAxis(x);
    boxes->attachAxis(y);
    words->attachAxis(xWords);
    words->attachAxis(y);
}

void UnitResponseDock::drawDistribution() {
    clearChart(m_histChart);
    const std::vector<float>& all = m_response->allScores;
    if (all.empty()) return;
    const auto [minIt, maxIt] = std::minmax_element(all.begin(), all.end());
    const float lo = *minIt, width = std::max(*maxIt - lo, 1e-6f) / kBins;
    auto binOf = [&](float v) { return std::clamp(int((v - lo) / width), 0, kBins - 1); };
    // Groups: the concepts with the highest mean, the other labelled pictures, the rest.
    std::vector<const ConceptScores*> byMean;
    for (const ConceptScores& c : m_response->concepts) byMean.push_back(&c);
    std::stable_sort(byMean.begin(), byMean.end(), [](const ConceptScores* a, const ConceptScores* b) { return a->mean() > b->mean(); });
    std::vector<std::vector<int>> counts;
    QStringList names;
    std::vector<int> labelled(kBins, 0);
    for (size_t i = 0; i < byMean.size(); ++i) {
        std::vector<int> bins(kBins, 0);
        for (float v : byMean[i]->pictures) ++bins[size_t(binOf(v))];
        for (int b = 0; b < kBins; ++b) labelled[size_t(b)] += bins[size_t(b)];
        if (int(i) < kHistogramConcepts) {
            counts.push_back(bins);
            names << byMean[i]->concept;
        }
    }
    std::vector<int> total(kBins, 0);
    for (float v : all) ++total[size_t(binOf(v))];
    std::vector<int> otherLabelled(kBins, 0), unlabelled(kBins, 0);
    for (int b = 0; b < kBins; ++b) {
        int top = 0;
        for (const auto& c : counts) top += c[size_t(b)];
        otherLabelled[size_t(b)] = labelled[size_t(b)] - top;
        unlabelled[size_t(b)] = total[size_t(b)] - labelled[size_t(b)];
    }
    if (byMean.size() > size_t(kHistogramConcepts)) {
        counts.push_back(otherLabelled);
        names << tr("other labels");
    }
    counts.push_back(unlabelled);
    names << tr("unlabelled");

    auto* series = new QStackedBarSeries;
    series->setBarWidth(1.0);
    for (size_t g = 0; g < counts.size(); ++g) {
        if (std::all_of(counts[g].begin(), counts[g].end(), [](int n) { return n == 0; })) continue;
        auto* set = new QBarSet(names[int(g)]);
        for (int n : counts[g]) *set << n;
        const bool isRest = g + 1 == counts.size(), isOther = !isRest && int(g) >= kHistogramConcepts;
        if (isRest || isOther) set->setColor(isRest ? QColor(205, 205, 205) : QColor(140, 140, 140));  // greys: not a concept
        series->append(set);
    }
    m_histChart->addSeries(series);
    // The bars need a category axis (hidden); a value axis with the bins' range labels them.
    QStringList categories;
    for (int b = 0; b < kBins; ++b) categories << QString::number(b);
    auto* bins = new QBarCategoryAxis;
    bins->append(categories);
    bins->setVisible(false);
    auto* x = new QValueAxis;
    x->setRange(lo, lo + kBins * width);
    x->setTitleText(tr("activation (spatial mean)"));
    int highest = 0;
    for (int b = 0; b < kBins; ++b) highest = std::max(highest, total[size_t(b)]);
    auto* y = new QValueAxis;
    y->setRange(0, highest);
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%d"));
    y->setTitleText(tr("pictures"));
    m_histChart->addAxis(bins, Qt::AlignBottom);
    m_histChart->addAxis(x, Qt::AlignBottom);
    m_histChart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(bins);
    series->attachAxis(y);
}

bool UnitResponseDock::exportTo(const QString& path, QString* error) {
    if (!m_response) return false;
    const auto& r = m_response->request;
    if (path.endsWith(QLatin1String(".npy"), Qt::CaseInsensitive)) {
        // Every picture of a large index: read and written on the worker.
        UnitScoresExportRequest request{r.indexes, r.modelHash, r.layer, r.unit, ScoreKind::Mean, path,
                                        QJsonObject{{"model", m_session->path()}}};
        m_exportJob = m_session->worker()->submit(std::make_unique<UnitScoresExportJob>(std::move(request)));
        m_status->setText(tr("Exporting the unit on every picture…"));
        return true;
    }
    QJsonArray folders;
    for (const auto& [folder, index] : r.indexes) folders.append(folder);
    if (!path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        FigureSpec spec;
        spec.title = QStringLiteral("%1:%2").arg(QString::fromStdString(r.layer)).arg(r.unit);
        spec.provenance = QJsonObject{{"model", m_session->path()}, {"model_hash", QString::fromStdString(r.modelHash)},
                                      {"layer", QString::fromStdString(r.layer)}, {"unit", r.unit},
                                      {"chart", m_tabs->currentIndex() == 0 ? "text-vs-image" : "distribution"},
                                      {"folders", folders}, {"pictures", int(m_response->allScores.size())}};
        return exportWidgetFigure(path, m_tabs->currentWidget(), spec, error);
    }
    // The data of the text-versus-image chart, every labelled concept.
    QString csv = QStringLiteral("concept,pictures,picture_mean,picture_q25,picture_median,picture_q75,word\n");
    for (const ConceptScores& c : m_response->concepts)
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n").arg(c.concept).arg(c.pictures.size()).arg(double(c.mean()))
                   .arg(double(c.quantile(0.25))).arg(double(c.quantile(0.5))).arg(double(c.quantile(0.75)))
                   .arg(std::isnan(wordScore(c.concept)) ? QString() : QString::number(double(wordScore(c.concept))));
    return writeDataFile(path, csv.toUtf8(), error);
}

std::vector<std::pair<QString, int>> UnitResponseDock::histogramGroups() const {
    std::vector<std::pair<QString, int>> out;
    for (QAbstractSeries* s : m_histChart->series())
        if (auto* bars = qobject_cast<QStackedBarSeries*>(s))
            for (QBarSet* set : bars->barSets()) {
                int n = 0;
                for (int i = 0; i < set->count(); ++i) n += int(set->at(i));
                out.emplace_back(set->label(), n);
            }
    return out;
}

void UnitResponseDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        draw();
    }
    QDockWidget::changeEvent(event);
}

void UnitResponseDock::retranslate() {
    setWindowTitle(tr("Unit response"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("The chart as PNG, SVG or PDF (with a provenance sidecar), or its data as CSV"));
    m_tabs->setTabText(0, tr("Text vs image"));
    m_tabs->setTabText(1, tr("Distribution"));
    m_textChart->setTitle(tr("Pictures of each concept vs its written word"));
    m_histChart->setTitle(tr("Over every indexed picture, by label"));
}

}  // namespace ms
