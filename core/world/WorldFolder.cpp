#include "world/WorldFolder.h"

#include "jobs/Feedback.h"
#include "util/Error.h"

#include <QDir>
#include <QFile>
#include <QTextStream>

#include <atomic>
#include <mutex>
#include <thread>

namespace ms {

QString labelsFileName() { return QStringLiteral("labels.csv"); }

QString csvField(const QString& value) {
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\n')))
        return value;
    QString quoted = value;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList parseCsvLine(const QString& line) {
    QStringList fields;
    QString current;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                current += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                current += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields << current;
            current.clear();
        } else {
            current += c;
        }
    }
    fields << current;
    return fields;
}

void writeLabels(const QString& path, const std::vector<LabelRow>& rows) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
    QTextStream out(&file);
    out << "file,concept,rendition,colour,caption,overlay_word,objects\n";
    for (const LabelRow& r : rows)
        out << csvField(r.file) << ',' << csvField(r.concept) << ',' << csvField(r.rendition) << ','
            << csvField(r.colour) << ',' << csvField(r.caption) << ',' << csvField(r.overlayWord) << ','
            << csvField(r.objects.join(QLatin1Char(';'))) << '\n';
}

std::vector<LabelRow> readLabels(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        throw Error(path.toStdString() + ": cannot read: " + file.errorString().toStdString());
    QTextStream in(&file);
    const QStringList header = parseCsvLine(in.readLine());
    auto column = [&](const char* name) { return header.indexOf(QString::fromLatin1(name)); };
    const int fileCol = column("file"), conceptCol = column("concept");
    if (fileCol < 0 || conceptCol < 0) throw Error(path.toStdString() + ": needs the columns 'file' and 'concept'");
    const int renditionCol = column("rendition"), colourCol = column("colour"), captionCol = column("caption"),
              wordCol = column("overlay_word"), objectsCol = column("objects");
    std::vector<LabelRow> rows;
    int lineNumber = 1;
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty()) continue;
        const QStringList f = parseCsvLine(line);
        auto at = [&](int col) { return col >= 0 && col < f.size() ? f[col] : QString(); };
        if (f.size() <= std::max(fileCol, conceptCol))
            throw Error(path.toStdString() + ":" + std::to_string(lineNumber) + ": too few fields");
        LabelRow r{at(fileCol), at(conceptCol), at(renditionCol), at(colourCol), at(captionCol), at(wordCol), {}};
        const QString objects = at(objectsCol);
        r.objects = objects.isEmpty() ? QStringList() : objects.split(QLatin1Char(';'));
        rows.push_back(r);
    }
    return rows;
}

void writeWorldFolder(const QString& dirPath, std::uint64_t count, std::uint64_t seed, const WorldOptions& options,
                      int threads, Feedback* feedback) {
    QDir dir(dirPath);
    if (!dir.mkpath(QStringLiteral(".")))
        throw Error(dirPath.toStdString() + ": cannot create the folder");
    const int digits = std::max<int>(5, static_cast<int>(QString::number(count).size()));
    std::vector<LabelRow> rows(count);
    std::atomic<std::uint64_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    std::string failure;
    std::mutex failureMutex;
    // Every thread takes the next index; the calling thread also reports progress.
    auto work = [&](bool reportProgress) {
        for (std::uint64_t i = next++; i < count && !failed; i = next++) {
            if (feedback && feedback->isCanceled()) return;
            const WorldSample s = generateSample(seed, i, options);
            const QString name = QStringLiteral("%1_%2.png").arg(i, digits, 10, QLatin1Char('0')).arg(renditionName(s.rendition));
            if (!s.image.save(dir.filePath(name), "PNG")) {
                std::lock_guard<std::mutex> lock(failureMutex);
                failure = dir.filePath(name).toStdString() + ": cannot write the image";
                failed = true;
                return;
            }
            rows[i] = LabelRow{name, s.concept, renditionName(s.rendition), s.colour, s.caption, s.overlayWord, s.objects};
            const std::uint64_t finished = ++done;
            if (reportProgress && feedback)
                feedback->setProgress(double(finished) / count, std::to_string(finished) + " / " + std::to_string(count) + " images");
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < std::max(1, threads); ++t) pool.emplace_back(work, false);
    work(true);
    for (auto& t : pool) t.join();
    if (failed) throw Error(failure);
    if (feedback && feedback->isCanceled()) return;
    writeLabels(dir.filePath(labelsFileName()), rows);
    if (feedback) feedback->setProgress(1.0);
}

}  // namespace ms
