#include "explorer/RenderedWordsDock.h"

#include "analysis/ConceptSearch.h"
#include "analysis/RenderedWords.h"
#include "explorer/FoldersDock.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"
#include "text/CommonWords.h"
#include "util/Error.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ms {
namespace {

enum ListChoice { kDefaultList = 0, kFileList = 1 };
constexpr int kShownUnits = 20;
constexpr int kWordIconHeight = 28;

QTableWidget* makeTable(const char* name) {
    auto* t = new QTableWidget(0, 2);
    t->setObjectName(QLatin1String(name));
    t->verticalHeader()->setVisible(false);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    return t;
}

// The word as the model saw it (the first style), small enough for a table row.
QIcon wordIcon(const QString& word) {
    const QImage image = renderedWordImage(word, 96, 0);
    return QIcon(QPixmap::fromImage(image.scaledToHeight(kWordIconHeight, Qt::SmoothTransformation)));
}

}  // namespace

RenderedWordsDock::RenderedWordsDock(ModelSession* session, FoldersDock* folders, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_folders(folders),
      m_list(new QComboBox),
      m_progress(new QProgressBar),
      m_status(new QLabel),
      m_words(makeTable("wordTable")),
      m_conceptBox(new QLineEdit),
      m_units(makeTable("conceptUnitTable")),
      m_search(makeTable("conceptSearchTable")),
      m_conceptTabs(new QTabWidget),
      m_conceptStatus(new QLabel) {
    setObjectName(QStringLiteral("RenderedWordsDock"));
    m_list->setObjectName(QStringLiteral("wordList"));
    m_conceptBox->setObjectName(QStringLiteral("conceptBox"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_conceptStatus->setWordWrap(true);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_words->setIconSize(QSize(3 * kWordIconHeight, kWordIconHeight));
    m_list->addItem(QString());
    m_list->addItem(QString());

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_list);
    layout->addWidget(m_progress);
    layout->addWidget(m_words, 2);
    layout->addWidget(m_status);
    layout->addWidget(m_conceptBox);
    m_conceptTabs->addTab(m_units, QString());
    m_conceptTabs->addTab(m_search, QString());
    layout->addWidget(m_conceptTabs, 1);
    layout->addWidget(m_conceptStatus);
    setWidget(content);

    ComputeWorker* worker = m_session->worker();
    connect(m_session, &ModelSession::modelLoaded, this, &RenderedWordsDock::onModelLoaded);
    connect(m_list, qOverload<int>(&QComboBox::activated), this, &RenderedWordsDock::chooseWordList);
    connect(m_conceptBox, &QLineEdit::returnPressed, this, [this] { probeConcept(m_conceptBox->text()); });
    for (QTableWidget* table : {m_units, m_search})
        connect(table, &QTableWidget::cellDoubleClicked, this, [this, table](int row, int) {
            if (const auto* item = table->item(row, 0))
                Q_EMIT unitActivated(item->data(Qt::UserRole + 1).toString(), item->data(Qt::UserRole).toInt());
        });
    connect(worker, &ComputeWorker::jobProgress, this, [this](JobId id, double fraction, const QString& message) {
        if (id != m_tableJob) return;
        m_progress->setValue(int(fraction * 1000));
        m_progress->setFormat(tr("Scoring words: %1").arg(message));
    });
    connect(worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id == m_tableJob) {
            m_tableJob = 0;
            m_progress->hide();
            m_status->setText(tr("Cannot score the words: %1").arg(error));
        } else if (id == m_conceptJob || id == m_searchJob) {
            (id == m_conceptJob ? m_conceptJob : m_searchJob) = 0;
            m_conceptStatus->setText(tr("Cannot probe: %1").arg(error));
        }
    });
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        auto result = std::dynamic_pointer_cast<const RenderedWordsOutput>(out);
        if (!result) return;
        if (id == m_tableJob) {
            m_tableJob = 0;
            m_progress->hide();
            m_tables[m_tableLayer] = result;
            showWords();
            showConcept();  // its z-scores need the table
        } else if (id == m_conceptJob) {
            m_conceptJob = 0;
            m_concept = result;
            showConcept();
        }
    });
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_searchJob) return;
        m_searchJob = 0;
        if (const auto* search = dynamic_cast<const ConceptSearchOutput*>(out.get())) showSearch(*search);
    });
    connect(worker, &ComputeWorker::jobProgress, this, [this](JobId id, double fraction, const QString&) {
        if (id == m_searchJob) m_conceptTabs->setTabText(1, tr("Dataset examples (%1%)").arg(int(fraction * 100)));
    });
    retranslate();
}

RenderedWordsDock::~RenderedWordsDock() = default;

void RenderedWordsDock::onModelLoaded() {
    if (m_tableJob) m_session->worker()->cancel(m_tableJob);
    m_tableJob = 0;
    m_tables.clear();
    m_concept.reset();
    m_words->setRowCount(0);
    m_units->setRowCount(0);
    m_search->setRowCount(0);
    m_layer.clear();
    m_unit = -1;
}

void RenderedWordsDock::setUnit(const QString& layer, int unit) {
    m_layer = layer;
    m_unit = unit;
    if (m_tables.count(layer)) showWords();
    else requestTable();
}


void RenderedWordsDock::requestTable() {
    const auto bundle = m_session->bundle();
    if (!bundle || m_layer.isEmpty()) return;
    if (m_tableJob && m_tableLayer == m_layer) return;  // already being scored
    QStringList words;  // empty: the default list, made on the worker
    if (!m_listFile.isEmpty()) {
        try {
            words = readWordList(m_listFile);
        } catch (const Error& e) {
            m_status->setText(QString::fromStdString(e.what()));
            return;
        }
    }
    m_words->setRowCount(0);
    m_tableLayer = m_layer;
    m_tableJob = m_session->worker()->submit(std::make_unique<RenderedWordsJob>(
        bundle, RenderedWordsRequest{m_layer.toStdString(), words, defaultRenderedWordsCacheDir(), 8, false}));
    m_progress->setValue(0);
    m_progress->setFormat(tr("Scoring words…"));
    m_progress->show();
    m_status->setText(words.isEmpty() ? tr("The words, drawn in 4 styles, are scored once for this layer and kept.")
                                      : tr("%n words, drawn in 4 styles, are scored once for this layer and kept.", nullptr, words.size()));
}

void RenderedWordsDock::showWords() {
    const auto it = m_tables.find(m_layer);
    if (it == m_tables.end() || m_unit < 0) return;
    const RenderedWordsTable& t = it->second->table;
    if (m_unit >= t.units) return;
    const auto top = t.topWords(m_unit, kShownWords);
    m_words->setRowCount(int(top.size()));
    for (int row = 0; row < int(top.size()); ++row) {
        const QString& word = t.words[top[row].first];
        auto* w = new QTableWidgetItem(wordIcon(word), word);
        w->setToolTip(tr("“%1”: mean activation %2 over 4 renderings").arg(word).arg(double(top[row].second), 0, 'f', 4));
        m_words->setItem(row, 0, w);
        auto* s = new QTableWidgetItem(QString::number(double(top[row].second), 'f', 3));
        s->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_words->setItem(row, 1, s);
    }
    m_status->setText(tr("Unit %1 of %2: the words (of %3) that excite it most, drawn as pictures%4")
                          .arg(m_unit).arg(m_layer).arg(t.words.size())
                          .arg(it->second->fromCache ? tr(" (from the cache)") : QString()));
    Q_EMIT wordsShown();
}

void RenderedWordsDock::probeConcept(const QString& concept) {
    const auto bundle = m_session->bundle();
    const QString text = concept.trimmed();
    if (!bundle || text.isEmpty()) return;
    if (m_conceptBox->text() != concept) m_conceptBox->setText(concept);
    const QString layer = m_layer.isEmpty() ? QString::fromStdString(bundle->defaultLayer()) : m_layer;
    m_conceptJob = m_session->worker()->submit(
        std::make_unique<RenderedWordsJob>(bundle, RenderedWordsRequest{layer.toStdString(), {text}, {}, 1, true, "text-probe"}));
    m_conceptStatus->setText(tr("Drawing “%1” and running the model…").arg(text));
    if (!m_tables.count(layer) && m_layer == layer) requestTable();
    if (!m_folders) return;
    ConceptSearchRequest search;
    search.indexes = m_folders->readyIndexList();
    if (search.indexes.empty()) {
        m_search->setRowCount(0);
        m_conceptTabs->setTabText(1, tr("Dataset examples (no indexed folder)"));
        return;
    }
    search.layer = layer.toStdString();
    search.concept = text;
    search.cacheDir = defaultEmbeddingsCacheDir();
    m_searchJob = m_session->worker()->submit(std::make_unique<ConceptSearchJob>(bundle, std::move(search)));
}

void RenderedWordsDock::showSearch(const ConceptSearchOutput& result) {
    const QString layer = QString::fromStdString(result.layer);
    const int rows = std::min<int>(kShownUnits, int(result.units.size()));
    m_search->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const UnitMatch& m = result.units[size_t(row)];
        auto* u = new QTableWidgetItem(QStringLiteral("%1:%2").arg(layer).arg(m.unit));
        u->setData(Qt::UserRole, m.unit);
        u->setData(Qt::UserRole + 1, layer);
        u->setToolTip(tr("mean cosine similarity of its %n top pictures with the concept", nullptr, m.pictures));
        m_search->setItem(row, 0, u);
        auto* s = new QTableWidgetItem(QString::number(double(m.similarity), 'f', 3));
        s->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_search->setItem(row, 1, s);
    }
    m_conceptTabs->setTabText(1, tr("Dataset examples (%n pictures)", nullptr, result.pictures));
    Q_EMIT conceptSearched();
}

void RenderedWordsDock::showConcept() {
    if (!m_concept) return;
    const RenderedWordsTable& probe = m_concept->table;
    const QString layer = QString::fromStdString(probe.layer);
    const auto table = m_tables.find(layer);
    std::vector<std::pair<int, float>> ranked;
    if (table != m_tables.end()) {
        ranked = table->second->table.rankUnits(probe.scores, kShownUnits);
    } else {  // until the list is scored: by raw activation
        for (int u = 0; u < probe.units; ++u) ranked.emplace_back(u, probe.score(0, u));
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        ranked.resize(std::min<std::size_t>(kShownUnits, ranked.size()));
    }
    m_units->setRowCount(int(ranked.size()));
    for (int row = 0; row < int(ranked.size()); ++row) {
        auto* u = new QTableWidgetItem(QStringLiteral("%1:%2").arg(layer).arg(ranked[row].first));
        u->setData(Qt::UserRole, ranked[row].first);
        u->setData(Qt::UserRole + 1, layer);
        m_units->setItem(row, 0, u);
        auto* s = new QTableWidgetItem(QString::number(double(ranked[row].second), 'f', 2));
        s->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_units->setItem(row, 1, s);
    }
    m_units->setHorizontalHeaderLabels({tr("Unit"), table != m_tables.end() ? tr("z") : tr("Activation")});
    m_conceptStatus->setText(table != m_tables.end()
                                 ? tr("Units that “%1”, drawn, excites most against the other words. Double-click to go there.")
                                       .arg(probe.words.value(0))
                                 : tr("Units by activation on “%1”; z-scores follow once the word list is scored.").arg(probe.words.value(0)));
    Q_EMIT conceptProbed();
}

void RenderedWordsDock::setWordListFile(const QString& path) {
    m_listFile = path;
    m_list->setCurrentIndex(path.isEmpty() ? kDefaultList : kFileList);
    m_list->setItemText(kFileList, path.isEmpty() ? tr("Word list file…") : QFileInfo(path).fileName());
    if (m_tableJob) m_session->worker()->cancel(m_tableJob);
    m_tableJob = 0;
    m_tables.clear();
    requestTable();
}

void RenderedWordsDock::chooseWordList(int index) {
    if (index == kDefaultList) {
        if (!m_listFile.isEmpty()) setWordListFile({});
        return;
    }
    const QString path = QFileDialog::getOpenFileName(this, tr("Word list (one word per line)"), QString(),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (path.isEmpty()) m_list->setCurrentIndex(m_listFile.isEmpty() ? kDefaultList : kFileList);
    else setWordListFile(path);
}

QStringList RenderedWordsDock::shownWords() const {
    QStringList out;
    for (int row = 0; row < m_words->rowCount(); ++row) out << m_words->item(row, 0)->text();
    return out;
}

void RenderedWordsDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void RenderedWordsDock::retranslate() {
    setWindowTitle(tr("Rendered words"));
    m_list->setItemText(kDefaultList, tr("The model's concepts + 3,000 common English words"));
    if (m_listFile.isEmpty()) m_list->setItemText(kFileList, tr("Word list file…"));
    m_words->setHorizontalHeaderLabels({tr("Word"), tr("Activation")});
    m_units->setHorizontalHeaderLabels({tr("Unit"), tr("z")});
    m_search->setHorizontalHeaderLabels({tr("Unit"), tr("Similarity")});
    m_conceptTabs->setTabText(0, tr("Word drawn"));
    if (!m_searchJob) m_conceptTabs->setTabText(1, tr("Dataset examples"));
    m_conceptTabs->setTabToolTip(0, tr("Units the concept excites when written out as a picture"));
    m_conceptTabs->setTabToolTip(1, tr("Units whose top pictures in the indexed folders match the concept's text embedding"));
    m_conceptBox->setPlaceholderText(tr("Text probe: type a concept and press Enter"));
}

}  // namespace ms
