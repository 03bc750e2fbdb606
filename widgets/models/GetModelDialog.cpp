#include "models/GetModelDialog.h"

#include "catalog/ModelLocator.h"
#include "download/DownloadQueue.h"
#include "download/ModelFiles.h"
#include "util/Error.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ms {
namespace {

enum Column { NameColumn, InputColumn, SizeColumn, StatusColumn };

QString statusText(const ModelFileStatus& s) {
    switch (s.state) {
    case ModelFileState::Verified: return GetModelDialog::tr("verified");
    case ModelFileState::Present: return GetModelDialog::tr("present");
    case ModelFileState::Mismatch: return GetModelDialog::tr("checksum mismatch");
    case ModelFileState::Missing:
        return s.partialBytes > 0 ? GetModelDialog::tr("missing (%1 partly downloaded)").arg(formatBytes(s.partialBytes))
                                  : GetModelDialog::tr("missing");
    }
    return {};
}

QString timeLeft(double seconds) {
    if (seconds < 0) return {};
    const int s = int(seconds);
    return s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

GetModelDialog::GetModelDialog(QWidget* parent)
    : QDialog(parent),
      m_intro(new QLabel(this)),
      m_folder(new QLabel(this)),
      m_list(new QTreeWidget(this)),
      m_progress(new QProgressBar(this)),
      m_progressText(new QLabel(this)),
      m_download(new QPushButton(tr("&Download"), this)),
      m_cancel(new QPushButton(tr("&Cancel download"), this)),
      m_close(new QPushButton(tr("Close"), this)),
      m_queue(new DownloadQueue(this)) {
    setObjectName(QStringLiteral("GetModelDialog"));
    setWindowTitle(tr("Get model"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Official OpenAI CLIP checkpoints. Files go to the model folder, the same one the Python "
                        "clip package uses, and are checked against their published SHA-256."));
    m_list->setObjectName(QStringLiteral("modelList"));
    m_list->setHeaderLabels({tr("Model"), tr("Input"), tr("Size"), tr("Status")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_progress->setObjectName(QStringLiteral("downloadProgress"));
    m_progressText->setObjectName(QStringLiteral("downloadText"));
    m_progress->setVisible(false);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_download->setDefault(true);

    auto* change = new QPushButton(tr("Change…"), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(change);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_download, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(folderRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_progressText);
    layout->addWidget(buttons);

    connect(change, &QPushButton::clicked, this, &GetModelDialog::chooseFolder);
    connect(m_download, &QPushButton::clicked, this, &GetModelDialog::startDownload);
    connect(m_cancel, &QPushButton::clicked, m_queue, &DownloadQueue::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &GetModelDialog::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, this, &GetModelDialog::startDownload);
    connect(m_queue, &DownloadQueue::progress, this, &GetModelDialog::onProgress);
    connect(m_queue, &DownloadQueue::verifying, this, [this](int index) {
        m_progressText->setText(tr("Checking %1…").arg(m_queueNames.value(index)));
    });
    connect(m_queue, &DownloadQueue::fileStarted, this, [this](int index) {
        m_progress->setRange(0, 0);  // busy until the first bytes arrive
        m_progressText->setText(tr("Connecting for %1…").arg(m_queueNames.value(index)));
    });
    connect(m_queue, &DownloadQueue::finished, this, &GetModelDialog::onFinished);
    resize(620, 440);
    refresh();
}

GetModelDialog::~GetModelDialog() = default;

void GetModelDialog::refresh() {
    const QString selected = selectedName();
    m_folder->setText(tr("Model folder: %1").arg(QString::fromStdString(modelCacheDir())));
    m_list->clear();
    try {
        for (const ModelFile& file : modelFiles(checkpointBaseUrl())) {
            if (file.kind != QLatin1String("checkpoint")) continue;
            const ModelFileStatus status = modelFileStatus(file, false);
            auto* item = new QTreeWidgetItem(m_list);
            item->setText(NameColumn, file.name);
            item->setText(InputColumn, QStringLiteral("%1 px").arg(file.inputResolution));
            item->setText(SizeColumn, formatBytes(file.approxBytes));
            item->setText(StatusColumn, statusText(status));
            item->setData(NameColumn, Qt::UserRole, file.path);
            item->setData(StatusColumn, Qt::UserRole, stateName(status.state));
            item->setTextAlignment(InputColumn, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
            if (file.name == selected) m_list->setCurrentItem(item);
        }
    } catch (const Error& e) {
        m_progressText->setText(QString::fromUtf8(e.what()));
    }
    for (int c = InputColumn; c <= StatusColumn; ++c) m_list->resizeColumnToContents(c);
    updateButtons();
}

void GetModelDialog::offer(const QString& name) {
    const auto items = m_list->findItems(name, Qt::MatchFixedString, NameColumn);
    if (items.isEmpty()) return;
    m_list->setCurrentItem(items.first());
    m_intro->setText(tr("%1 is not in the model folder yet. Download it (%2)?").arg(items.first()->text(NameColumn),
                                                                                     items.first()->text(SizeColumn)));
}

QString GetModelDialog::selectedName() const {
    const QTreeWidgetItem* item = m_list->currentItem();
    return item ? item->text(NameColumn) : QString();
}

void GetModelDialog::updateButtons() {
    const bool busy = m_queue->isRunning();
    m_download->setEnabled(!busy && m_list->currentItem());
    m_cancel->setEnabled(busy);
    m_list->setEnabled(!busy);
    const QTreeWidgetItem* item = m_list->currentItem();
    const bool have = item && item->data(StatusColumn, Qt::UserRole).toString() != QLatin1String("missing");
    m_download->setText(have ? tr("&Verify and open") : tr("&Download"));
}

void GetModelDialog::startDownload() {
    if (m_queue->isRunning()) return;
    const QString name = selectedName();
    if (name.isEmpty()) return;
    try {
        const QString base = checkpointBaseUrl();
        const auto checkpoint = findModelFile(name, base);
        const auto vocab = findModelFile(QString::fromLatin1(kVocabularyName), base);
        if (!checkpoint || !vocab) return;
        // A checkpoint is of no use without the tokenizer's vocabulary: fetch it too when missing.
        std::vector<DownloadRequest> requests{downloadRequestFor(*checkpoint)};
        m_queueNames = QStringList{checkpoint->name};
        if (modelFileStatus(*vocab, false).state == ModelFileState::Missing) {
            requests.push_back(downloadRequestFor(*vocab));
            m_queueNames << tr("the vocabulary");
        }
        m_downloadingName = checkpoint->name;
        m_downloadingPath = checkpoint->path;
        m_progress->setVisible(true);
        m_queue->start(std::move(requests));
    } catch (const Error& e) {
        m_progressText->setText(QString::fromUtf8(e.what()));
    }
    updateButtons();
}

void GetModelDialog::onProgress(int index, const DownloadProgress& p) {
    if (p.totalBytes > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(1000.0 * double(p.receivedBytes) / double(p.totalBytes)));
    }
    QString text = tr("%1: %2 of %3").arg(m_queueNames.value(index), formatBytes(p.receivedBytes),
                                          p.totalBytes > 0 ? formatBytes(p.totalBytes) : tr("unknown size"));
    if (p.bytesPerSecond > 0) text += QStringLiteral(" · ") + tr("%1/s").arg(formatBytes(std::int64_t(p.bytesPerSecond)));
    if (p.etaSeconds >= 0) text += QStringLiteral(" · ") + tr("%1 left").arg(timeLeft(p.etaSeconds));
    m_progressText->setText(text);
}

void GetModelDialog::onFinished(bool ok, const QString& message) {
    m_progress->setRange(0, 1000);
    m_progress->setValue(ok ? 1000 : 0);
    m_progressText->setText(ok ? tr("%1 is ready.").arg(m_downloadingName) : message);
    refresh();
    if (ok) {
        Q_EMIT modelReady(m_downloadingName, m_downloadingPath);
        accept();
    }
}

void GetModelDialog::chooseFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"), QString::fromStdString(modelCacheDir()));
    if (dir.isEmpty()) return;
    QSettings().setValue(QLatin1String(kModelCacheDirSetting), dir);
    refresh();
}

}  // namespace ms
