#include "shell/LanguageSwitcher.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>

namespace ms {
namespace {
const QString kI18nDir = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("multiscope_");
}  // namespace

LanguageSwitcher::LanguageSwitcher(QObject* parent) : QObject(parent) {}

QStringList LanguageSwitcher::languages() const {
    QStringList codes{QStringLiteral("en")};
    const QStringList files = QDir(kI18nDir).entryList({kPrefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files) codes << file.mid(kPrefix.size()).chopped(3);
    return codes;
}

QString LanguageSwitcher::nativeName(const QString& code) {
    const QString name = QLocale(code).nativeLanguageName();
    return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

bool LanguageSwitcher::setLanguage(const QString& code) {
    if (code == m_current) return true;
    if (code != QStringLiteral("en") && !languages().contains(code)) return false;
    QCoreApplication::removeTranslator(&m_app);
    QCoreApplication::removeTranslator(&m_qt);
    if (code != QStringLiteral("en")) {
        if (!m_app.load(kPrefix + code, kI18nDir)) return false;
        QCoreApplication::installTranslator(&m_app);
        // Qt's own strings (dialog buttons) when Debian's qt6-translations are installed.
        if (m_qt.load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(&m_qt);
    }
    m_current = code;
    Q_EMIT languageChanged(code);
    return true;
}

}  // namespace ms
