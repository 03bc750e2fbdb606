#pragma once
// Shows the warnings and errors that core reports through its logging callback, so that a
// user sees why something failed without a terminal.

#include "util/Log.h"

#include <QDockWidget>

class QPlainTextEdit;
class QPushButton;
class QComboBox;

namespace ms {

class LogDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);

    void appendMessage(ms::LogLevel level, const QString& message);
    int messageCount() const { return m_count; }
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void rebuild();

    struct Entry {
        QString time;
        LogLevel level;
        QString message;
    };
    bool shows(LogLevel level) const;
    static QString format(const Entry& entry);
    QList<Entry> m_entries;
    QPlainTextEdit* m_view;
    QComboBox* m_levelFilter;
    QPushButton* m_clearButton;
    int m_count = 0;
};

}  // namespace ms
