#include "text/CommonWords.h"

#include "util/Error.h"

#include <QFile>
#include <QSet>

#include <algorithm>
#include <array>

namespace ms {
namespace {

bool isPlainWord(const QString& w) {
    if (w.size() < 3 || w.size() > 10) return false;
    return std::all_of(w.begin(), w.end(), [](QChar c) { return c >= QLatin1Char('a') && c <= QLatin1Char('z'); });
}

// How many inflected or derived forms of w the dictionary lists.
int formCount(const QString& w, const QSet<QString>& dictionary) {
    static const std::array<const char*, 19> suffixes = {"s",   "es",   "ed",   "d",   "r",    "ing", "er",
                                                         "ers", "ly",   "'s",   "ness", "est", "ful", "less",
                                                         "able", "ment", "ion", "ions", "y"};
    int n = 0;
    for (const char* s : suffixes) n += dictionary.contains(w + QLatin1String(s));
    if (w.endsWith(QLatin1Char('e'))) {  // make → making, create → creation
        const QString stem = w.chopped(1);
        for (const char* s : {"ing", "ion"}) n += dictionary.contains(stem + QLatin1String(s));
    }
    return n;
}

}  // namespace

QString defaultDictionaryPath() {
    const QString env = qEnvironmentVariable("MULTISCOPE_DICTIONARY");
    return env.isEmpty() ? QStringLiteral("/usr/share/dict/american-english") : env;
}

QStringList readWordList(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot read the word list (" + file.errorString().toStdString() + ")");
    QStringList words;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (!line.isEmpty()) words << line;
    }
    return words;
}

QStringList commonEnglishWords(const QString& dictionaryPath, int limit) {
    const QStringList all = readWordList(dictionaryPath);
    const QSet<QString> dictionary(all.begin(), all.end());
    std::vector<std::pair<int, QString>> scored;
    for (const QString& w : all)
        if (isPlainWord(w)) scored.emplace_back(formCount(w, dictionary), w);
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        if (a.first != b.first) return a.first > b.first;
        if (a.second.size() != b.second.size()) return a.second.size() < b.second.size();
        return a.second < b.second;
    });
    QStringList out;
    for (size_t i = 0; i < scored.size() && out.size() < limit; ++i)
        if (out.isEmpty() || out.back() != scored[i].second) out << scored[i].second;
    return out;
}

QStringList mergeWordLists(const QStringList& first, const QStringList& more) {
    QStringList out;
    QSet<QString> seen;
    for (const QStringList* list : {&first, &more})
        for (const QString& w : *list)
            if (!seen.contains(w.toLower())) {
                seen.insert(w.toLower());
                out << w;
            }
    return out;
}

}  // namespace ms
