#pragma once
// Loads the embedded translations and switches the application's language at run time;
// installing a translator makes Qt send LanguageChange to every widget, which retranslates.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

namespace ms {

class LanguageSwitcher : public QObject {
    Q_OBJECT
public:
    explicit LanguageSwitcher(QObject* parent = nullptr);

    // Language codes available: "en" (the source language) and one per embedded translation.
    QStringList languages() const;
    // The language's own name ("Deutsch").
    static QString nativeName(const QString& code);
    QString current() const { return m_current; }
    // Returns false (and keeps the current language) when no translation exists for code.
    bool setLanguage(const QString& code);

Q_SIGNALS:
    void languageChanged(const QString& code);

private:
    QTranslator m_app;
    QTranslator m_qt;
    QString m_current = QStringLiteral("en");
};

}  // namespace ms
