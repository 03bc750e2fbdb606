#include "probe/AttackBenchDock.h"

#include "analysis/AttackBenchJob.h"
#include "export/FigureExport.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "render/FontLibrary.h"
#include "session/ModelSession.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

namespace ms {

AttackBenchDock::AttackBenchDock(ModelSession* session, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_choose(new QPushButton),
      m_folderLabel(new QLabel),
      m_words(new QLineEdit),
      m_placement(new QComboBox),
      m_font(new QComboBox),
      m_height(new QDoubleSpinBox),
      m_run(new QPushButton),
      m_cancel(new QPushButton),
      m_progress(new QProgressBar),
      m_table(new QTableWidget(0, 5)),
      m_chart(new QChart),
      m_chartView(new QChartView(m_chart)),
      m_exportCsv(new QPushButton),
      m_exportFigure(new QPushButton),
      m_status(new QLabel),
      m_wordsLabel(new QLabel) {
    setObjectName(QStringLiteral("AttackBenchDock"));
    m_run->setObjectName(QStringLiteral("runButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_table->setObjectName(QStringLiteral("resultTable"));
    m_status->setObjectName(QStringLiteral("status"));
    m_words->setText(QStringLiteral("spider,cup,sun,key"));
    m_placement->addItem(QString(), int(AttackPlacement::Fixed8));
    m_placement->addItem(QString(), int(AttackPlacement::Random));
    for (const FontSpec& face : FontLibrary::availableFaces()) m_font->addItem(QString::fromStdString(face.name()));
    m_font->setCurrentText(QStringLiteral("DejaVu Sans Bold"));
    m_height->setRange(2, 100);
    m_height->setValue(15);
    m_height->setSuffix(QStringLiteral(" %"));
    m_progress->setRange(0, 1000);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    static_cast<QChartView*>(m_chartView)->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(180);
    m_status->setWordWrap(true);

    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_choose);
    folderRow->addWidget(m_folderLabel, 1);
    auto* wordsRow = new QHBoxLayout;
    wordsRow->addWidget(m_wordsLabel);
    wordsRow->addWidget(m_words, 1);
    auto* styleRow = new QHBoxLayout;
    styleRow->addWidget(m_placement);
    styleRow->addWidget(m_font, 1);
    styleRow->addWidget(m_height);
    styleRow->addWidget(m_run);
    styleRow->addWidget(m_cancel);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch();
    exportRow->addWidget(m_exportCsv);
    exportRow->addWidget(m_exportFigure);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addLayout(folderRow);
    layout->addLayout(wordsRow);
    layout->addLayout(styleRow);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_chartView, 1);
    layout->addLayout(exportRow);
    layout->addWidget(m_status);
    setWidget(content);

    connect(m_choose, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of labelled images"), m_folder);
        if (!dir.isEmpty()) setFolder(dir);
    });
    connect(m_run, &QPushButton::clicked, this, &AttackBenchDock::run);
    connect(m_cancel, &QPushButton::clicked, this, &AttackBenchDock::cancel);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export table"), QStringLiteral("attack-bench.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error)) m_status->setText(error);
    });
    connect(m_exportFigure, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export figure"), QStringLiteral("attack-bench.svg"),
                                                          figureFileFilter());
        QString error;
        if (!path.isEmpty() && !exportFigure(path, &error)) m_status->setText(error);
    });
    ComputeWorker* worker = m_session->worker();
    connect(worker, &ComputeWorker::jobPartialResult, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        if (const auto* r = dynamic_cast<const AttackBenchOutput*>(out.get())) display(r->report, false);
    });
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        if (id != m_job) return;
        m_job = 0;
        if (const auto* r = dynamic_cast<const AttackBenchOutput*>(out.get())) display(r->report, true);
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        Q_EMIT finished();
    });
    connect(worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        if (id != m_job) return;
        m_job = 0;
        m_status->setText(error);
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
    });
    connect(worker, &ComputeWorker::jobStatusChanged, this, [this](JobId id, JobStatus status) {
        if (id != m_job || status != JobStatus::Canceled) return;
        m_job = 0;
        m_status->setText(tr("Canceled"));
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
    });
    connect(worker, &ComputeWorker::jobProgress, this, [this](JobId id, double fraction, const QString& message) {
        if (id != m_job) return;
        m_progress->setValue(int(fraction * 1000));
        m_status->setText(message);
    });
    m_cancel->setEnabled(false);
    m_exportCsv->setEnabled(false);
    m_exportFigure->setEnabled(false);
    retranslate();
}

AttackBenchDock::~AttackBenchDock() = default;

void AttackBenchDock::setFolder(const QString& dir) {
    m_folder = dir;
    m_folderLabel->setText(dir);
}

void AttackBenchDock::setWords(const QStringList& words) { m_words->setText(words.join(QLatin1Char(','))); }

void AttackBenchDock::run() {
    const auto bundle = m_session->bundle();
    if (!bundle) {
        m_status->setText(tr("No model loaded."));
        return;
    }
    if (m_folder.isEmpty()) {
        m_status->setText(tr("Choose a folder of labelled images first."));
        return;
    }
    AttackBenchOptions o;
    o.imagesDir = m_folder;
    for (const QString& w : m_words->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) o.words << w.trimmed();
    o.placement = AttackPlacement(m_placement->currentData().toInt());
    o.style.font = FontLibrary::availableFaces().at(size_t(std::max(0, m_font->currentIndex())));
    o.style.color = Qt::black;
    o.style.background = QColor(Qt::white);
    o.textHeight = m_height->value() / 100.0;
    m_job = m_session->worker()->submit(std::make_unique<AttackBenchJob>(bundle, o));
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
}

void AttackBenchDock::cancel() {
    if (m_job) m_session->worker()->cancel(m_job);
}

void AttackBenchDock::display(const AttackBenchReport& report, bool final) {
    m_report = report;
    m_table->setRowCount(int(report.attacks.size()));
    for (int r = 0; r < int(report.attacks.size()); ++r) {
        const AttackWordResult& a = report.attacks[size_t(r)];
        const QStringList cells{a.word, QString::number(a.trials), QStringLiteral("%1 %").arg(a.successRate * 100, 0, 'f', 1),
                                QStringLiteral("%1 %").arg(a.accuracy * 100, 0, 'f', 1),
                                QStringLiteral("%1 %").arg((report.cleanAccuracy - a.accuracy) * 100, 0, 'f', 1)};
        for (int c = 0; c < cells.size(); ++c) m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    auto* success = new QBarSet(tr("success rate"));
    auto* accuracy = new QBarSet(tr("accuracy under attack"));
    QStringList words;
    for (const AttackWordResult& a : report.attacks) {
        words << a.word;
        *success << a.successRate;
        *accuracy << a.accuracy;
    }
    auto* series = new QBarSeries;
    series->append(success);
    series->append(accuracy);
    m_chart->addSeries(series);
    auto* x = new QBarCategoryAxis;
    x->append(words);
    auto* y = new QValueAxis;
    y->setRange(0, 1);
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    m_chart->setTitle(tr("%1 images, clean accuracy %2 %, success over all words %3 %")
                          .arg(report.images).arg(report.cleanAccuracy * 100, 0, 'f', 1).arg(report.successRate * 100, 0, 'f', 1));
    m_exportCsv->setEnabled(final);
    m_exportFigure->setEnabled(final);
    if (final) m_status->setText(tr("Done."));
}

bool AttackBenchDock::exportCsv(const QString& path, QString* error) const {
    return writeDataFile(path, m_report.toCsv().toUtf8(), error);
}

bool AttackBenchDock::exportFigure(const QString& path, QString* error) const {
    FigureSpec spec;
    spec.title = QStringLiteral("Typographic-attack bench");
    spec.provenance = QJsonObject{{"model", m_session->path()}, {"folder", m_folder}, {"bench", m_report.toJson()}};
    return exportWidgetFigure(path, m_chartView, spec, error);
}

void AttackBenchDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void AttackBenchDock::retranslate() {
    setWindowTitle(tr("Attack bench"));
    m_choose->setText(tr("Folder…"));
    if (m_folder.isEmpty()) m_folderLabel->setText(tr("no folder chosen"));
    m_wordsLabel->setText(tr("Words:"));
    m_words->setToolTip(tr("Attack words, comma-separated"));
    m_placement->setItemText(0, tr("8 fixed positions"));
    m_placement->setItemText(1, tr("random positions"));
    m_height->setToolTip(tr("Word height as a share of the picture height"));
    m_run->setText(tr("&Run"));
    m_cancel->setText(tr("Cancel"));
    m_exportCsv->setText(tr("Export CSV…"));
    m_exportFigure->setText(tr("Export figure…"));
    m_table->setHorizontalHeaderLabels({tr("Word"), tr("Trials"), tr("Success"), tr("Accuracy"), tr("Drop")});
}

}  // namespace ms
