#pragma once
// The default word list of the rendered-words panel: common English words derived from
// Debian's wamerican dictionary. The dictionary carries no frequencies, so commonness is
// estimated from its own entries: a word that the dictionary also lists inflected and derived
// (work → works, worked, working, worker, …) is a living, everyday word; rare words seldom
// have many forms. Lower-case, letters only, 3–10 letters; ties go to shorter, then
// alphabetical. Deterministic for a given dictionary file. Torch-free.

#include <QString>
#include <QStringList>

namespace ms {

constexpr int kCommonWordCount = 3000;

// $MULTISCOPE_DICTIONARY overrides the Debian path (/usr/share/dict/american-english).
QString defaultDictionaryPath();

// All entries of a word list file (one per line, UTF-8), in file order, blanks skipped.
// Throws ms::Error naming the file when it cannot be read.
QStringList readWordList(const QString& path);

// The `limit` most common words of the dictionary by the estimate above.
// Throws ms::Error when the dictionary cannot be read.
QStringList commonEnglishWords(const QString& dictionaryPath = defaultDictionaryPath(), int limit = kCommonWordCount);

// `first` followed by the words of `more` not already in it (case-insensitive).
QStringList mergeWordLists(const QStringList& first, const QStringList& more);

}  // namespace ms
