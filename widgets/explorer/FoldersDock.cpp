#include "explorer/FoldersDock.h"

#include "index/ClipActivationSource.h"
#include "index/IndexJob.h"
#include "index/IndexReader.h"
#include "jobs/ComputeWorker.h"
#include "model/ModelBundle.h"
#include "session/ModelSession.h"
#include "world/WorldFolder.h"
#include "world/WorldGenerator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>

namespace ms {
namespace {

QString dataFolder(const QString& sub) {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(sub);
}

QString settingsKey(const QString& modelHash) { return QStringLiteral("folders/") + modelHash.left(16); }

QString imagesIndexed(qint64 n) {
    return n == 1 ? FoldersDock::tr("1 image indexed") : FoldersDock::tr("%1 images indexed").arg(n);
}

class SampleOutput : public JobOutput {};

}  // namespace

FoldersDock::FoldersDock(ModelSession* session, QWidget* parent)
    : QDockWidget(parent),
      m_session(session),
      m_list(new QListWidget),
      m_progress(new QProgressBar),
      m_add(new QPushButton),
      m_remove(new QPushButton),
      m_reindex(new QPushButton),
      m_hint(new QLabel) {
    setObjectName(QStringLiteral("FoldersDock"));
    m_list->setObjectName(QStringLiteral("folderList"));
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    m_hint->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_reindex);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    setWidget(content);

    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add an image folder"));
        if (!dir.isEmpty()) addFolder(dir);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_list->currentItem()) removeFolder(item->data(Qt::UserRole).toString());
    });
    connect(m_reindex, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_list->currentItem()) reindex(item->data(Qt::UserRole).toString());
    });
    ComputeWorker* worker = m_session->worker();
    connect(worker, &ComputeWorker::jobProgress, this, [this](JobId id, double fraction, const QString& message) {
        const auto it = m_jobs.constFind(id);
        if (it == m_jobs.cend()) return;
        m_progress->setVisible(true);
        m_progress->setValue(int(fraction * 1000));
        m_status[*it] = tr("indexing: %1").arg(message);
        refreshRow(*it);
    });
    connect(worker, &ComputeWorker::jobFinished, this, [this](JobId id, std::shared_ptr<const JobOutput> out) {
        const QString dir = m_jobs.take(id);
        if (dir.isEmpty()) return;
        m_progress->setVisible(!m_jobs.isEmpty());
        if (const auto* index = dynamic_cast<const IndexOutput*>(out.get())) {
            m_status[dir] = imagesIndexed(index->report.totalImages) +
                            (index->report.errors.empty() ? QString() : tr(", bad files skipped: %1").arg(index->report.errors.size()));
            refreshRow(dir);
            Q_EMIT folderIndexed(dir, QString::fromStdString(index->indexDir));
        } else {
            reindex(dir);  // the generated samples are written: index them
        }
    });
    connect(worker, &ComputeWorker::jobFailed, this, [this](JobId id, const QString& error) {
        const QString dir = m_jobs.take(id);
        if (dir.isEmpty()) return;
        m_progress->setVisible(!m_jobs.isEmpty());
        m_status[dir] = tr("failed: %1").arg(error);
        refreshRow(dir);
    });
    connect(m_session, &ModelSession::modelLoaded, this, &FoldersDock::onModelLoaded);
    retranslate();
    if (m_session->bundle()) onModelLoaded();
}

FoldersDock::~FoldersDock() = default;

QString FoldersDock::indexDirFor(const QString& dir) const {
    const QByteArray key = QCryptographicHash::hash(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()).toUtf8(),
                                                    QCryptographicHash::Sha256).toHex().left(16);
    return dataFolder(QStringLiteral("indexes/%1/%2").arg(m_modelHash.left(16), QString::fromLatin1(key)));
}

void FoldersDock::onModelLoaded() {
    m_modelHash = QString::fromStdString(m_session->bundle()->descriptor().contentHash);
    m_folders = QSettings().value(settingsKey(m_modelHash)).toStringList();
    m_status.clear();
    m_list->clear();
    for (const QString& dir : m_folders) {
        try {
            const auto reader = IndexReader::open(indexDirFor(dir).toStdString(), m_modelHash.toStdString());
            m_status[dir] = imagesIndexed(reader->info().images);
        } catch (const std::exception&) {
            m_status[dir] = tr("not indexed yet");
        }
        refreshRow(dir);
    }
    if (m_session->bundle()->sidecar()) ensureSampleFolder();
}

void FoldersDock::refreshRow(const QString& dir) {
    QListWidgetItem* row = nullptr;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == dir) row = m_list->item(i);
    if (!row) {
        row = new QListWidgetItem(m_list);
        row->setData(Qt::UserRole, dir);
        row->setToolTip(dir);
    }
    row->setText(QStringLiteral("%1 — %2").arg(QFileInfo(dir).fileName().isEmpty() ? dir : QFileInfo(dir).fileName(), m_status.value(dir)));
}

void FoldersDock::saveFolders() const { QSettings().setValue(settingsKey(m_modelHash), m_folders); }

void FoldersDock::addFolder(const QString& dir) {
    if (m_modelHash.isEmpty()) return;
    const QString clean = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (!m_folders.contains(clean)) {
        m_folders << clean;
        saveFolders();
    }
    reindex(clean);
}

void FoldersDock::removeFolder(const QString& dir) {
    for (auto it = m_jobs.begin(); it != m_jobs.end(); ++it)
        if (*it == dir) m_session->worker()->cancel(it.key());
    m_folders.removeAll(dir);
    saveFolders();
    QDir(indexDirFor(dir)).removeRecursively();
    for (int i = m_list->count() - 1; i >= 0; --i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == dir) delete m_list->takeItem(i);
}

void FoldersDock::reindex(const QString& dir) {
    const auto bundle = m_session->bundle();
    if (!bundle) return;
    IndexOptions options;
    options.model = bundle->descriptor().source;
    options.imagesDir = dir.toStdString();
    options.indexDir = indexDirFor(dir).toStdString();
    // The layer the app opens (a bundled model's sidecar may choose one without a spatial map)
    // and the architecture's studied layer, whose heatmaps show where a unit fired.
    options.layers = {bundle->defaultLayer()};
    if (bundle->descriptor().defaultLayer != bundle->defaultLayer()) options.layers.push_back(bundle->descriptor().defaultLayer);
    QDir().mkpath(QFileInfo(indexDirFor(dir)).absolutePath());
    auto source = std::make_shared<ClipActivationSource>(bundle->model());
    const JobId id = m_session->worker()->submit(std::make_unique<IndexJob>(options, source));
    m_jobs.insert(id, dir);
    m_status[dir] = tr("waiting to be indexed");
    refreshRow(dir);
}

QHash<QString, QString> FoldersDock::readyIndexes() const {
    QHash<QString, QString> ready;
    for (const QString& dir : m_folders) {
        bool running = false;
        for (const QString& busy : m_jobs) running = running || busy == dir;
        if (!running && QFileInfo::exists(indexDirFor(dir))) ready.insert(dir, indexDirFor(dir));
    }
    return ready;
}

std::vector<std::pair<QString, QString>> FoldersDock::readyIndexList() const {
    const auto ready = readyIndexes();
    std::vector<std::pair<QString, QString>> list;
    for (auto it = ready.cbegin(); it != ready.cend(); ++it) list.emplace_back(it.key(), it.value());
    std::sort(list.begin(), list.end());
    return list;
}

bool FoldersDock::ensureSampleFolder(int count) {
    const auto bundle = m_session->bundle();
    if (!bundle) return false;
    const QString dir = dataFolder(QStringLiteral("samples/%1").arg(m_modelHash.left(16)));
    const QString doneKey = QStringLiteral("samples/") + m_modelHash.left(16);
    if (QSettings().value(doneKey).toBool()) return false;
    QSettings().setValue(doneKey, true);
    m_folders << dir;
    saveFolders();
    const int side = bundle->descriptor().inputResolution;
    auto job = std::make_unique<FunctionJob>(
        "Generating sample pictures",
        [dir, count, side](Feedback& feedback) {
            writeWorldFolder(dir, std::uint64_t(count), 7, WorldOptions{side, 1.0}, 1, &feedback);
            return Job::Step::Done;
        },
        [] { return std::make_shared<SampleOutput>(); });
    const JobId id = m_session->worker()->submit(std::move(job));
    m_jobs.insert(id, dir);
    m_status[dir] = tr("generating sample pictures");
    refreshRow(dir);
    return true;
}

void FoldersDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void FoldersDock::retranslate() {
    setWindowTitle(tr("Image folders"));
    m_add->setText(tr("Add folder…"));
    m_remove->setText(tr("Remove"));
    m_reindex->setText(tr("Index again"));
    m_hint->setText(tr("Folders are indexed in the background; indexing again picks up new and changed pictures."));
}

}  // namespace ms
