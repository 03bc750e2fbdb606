#include "docks/LogDock.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTime>
#include <QVBoxLayout>

namespace ms {
namespace {

constexpr int kMaxEntries = 5000;  // a long session must not grow the dock without bound

QString levelLabel(LogLevel level) {
    switch (level) {
    case LogLevel::Debug: return LogDock::tr("debug");
    case LogLevel::Info: return LogDock::tr("info");
    case LogLevel::Warning: return LogDock::tr("warning");
    case LogLevel::Error: return LogDock::tr("error");
    }
    return {};
}

}  // namespace

LogDock::LogDock(QWidget* parent)
    : QDockWidget(parent),
      m_view(new QPlainTextEdit),
      m_levelFilter(new QComboBox),
      m_clearButton(new QPushButton) {
    setObjectName(QStringLiteral("LogDock"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(kMaxEntries);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_levelFilter);
    bar->addStretch(1);
    bar->addWidget(m_clearButton);
    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view);
    setWidget(content);

    connect(m_clearButton, &QPushButton::clicked, this, [this] {
        m_entries.clear();
        m_count = 0;
        m_view->clear();
    });
    connect(m_levelFilter, &QComboBox::currentIndexChanged, this, [this] { rebuild(); });
    retranslateUi();
}

void LogDock::appendMessage(LogLevel level, const QString& message) {
    Entry entry{QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), level, message};
    m_entries.append(entry);
    if (m_entries.size() > kMaxEntries) m_entries.removeFirst();
    ++m_count;
    if (shows(level)) m_view->appendPlainText(format(entry));
}

bool LogDock::shows(LogLevel level) const { return static_cast<int>(level) >= m_levelFilter->currentIndex(); }

QString LogDock::format(const Entry& e) { return e.time + QLatin1Char(' ') + levelLabel(e.level) + QStringLiteral(": ") + e.message; }

QString LogDock::text() const { return m_view->toPlainText(); }

void LogDock::rebuild() {
    m_view->clear();
    for (const Entry& e : m_entries)
        if (shows(e.level)) m_view->appendPlainText(format(e));
}

void LogDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QDockWidget::changeEvent(event);
}

void LogDock::retranslateUi() {
    setWindowTitle(tr("Log"));
    m_clearButton->setText(tr("Clear"));
    // The first time, show info and above.
    const int current = m_levelFilter->currentIndex() < 0 ? 1 : m_levelFilter->currentIndex();
    const QSignalBlocker blocker(m_levelFilter);
    m_levelFilter->clear();
    // Index = lowest LogLevel shown.
    m_levelFilter->addItems({tr("All messages"), tr("Info and above"), tr("Warnings and errors"), tr("Errors only")});
    m_levelFilter->setCurrentIndex(current);
    rebuild();
}

}  // namespace ms
