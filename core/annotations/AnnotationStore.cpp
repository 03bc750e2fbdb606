#include "annotations/AnnotationStore.h"

#include "index/Sqlite.h"
#include "util/Error.h"
#include "world/WorldFolder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

namespace ms {

QString unitAddress(const QString& modelHash, const QString& layer, int unit) {
    return QStringLiteral("multiscope://%1/%2/%3").arg(modelHash.left(12), layer).arg(unit);
}

std::optional<ParsedAddress> parseUnitAddress(const QString& text) {
    static const QRegularExpression full(QStringLiteral("^multiscope://([0-9a-fA-F]{1,64})/([^/\\s]+)/(\\d+)$"));
    static const QRegularExpression shortForm(QStringLiteral("^([^:\\s]+):(\\d+)$"));
    const QString t = text.trimmed();
    if (const auto m = full.match(t); m.hasMatch()) return ParsedAddress{m.captured(1).toLower(), m.captured(2), m.captured(3).toInt()};
    if (const auto m = shortForm.match(t); m.hasMatch()) return ParsedAddress{{}, m.captured(1), m.captured(2).toInt()};
    return std::nullopt;
}

QString AnnotationStore::defaultPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("annotations.sqlite"));
}

AnnotationStore::AnnotationStore(const QString& path) {
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        throw Error("cannot create the folder of " + path.toStdString());
    m_db = std::make_unique<SqliteDb>(path.toStdString(), SqliteDb::Mode::Create);
    m_db->exec("PRAGMA journal_mode=WAL");
    m_db->exec(
        "CREATE TABLE IF NOT EXISTS unit_annotations ("
        " model_hash TEXT NOT NULL, layer TEXT NOT NULL, unit INTEGER NOT NULL,"
        " label TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '', favourite INTEGER NOT NULL DEFAULT 0,"
        " updated TEXT NOT NULL DEFAULT (datetime('now')),"
        " PRIMARY KEY (model_hash, layer, unit))");
}

AnnotationStore::~AnnotationStore() = default;

void AnnotationStore::set(const QString& modelHash, const UnitAnnotation& a) {
    if (a.isEmpty()) {
        m_db->prepare("DELETE FROM unit_annotations WHERE model_hash = ?1 AND layer = ?2 AND unit = ?3")
            .bindText(1, modelHash.toStdString()).bindText(2, a.layer.toStdString()).bind(3, a.unit).run();
        return;
    }
    m_db->prepare("INSERT INTO unit_annotations (model_hash, layer, unit, label, notes, favourite) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                  " ON CONFLICT (model_hash, layer, unit) DO UPDATE SET label = ?4, notes = ?5, favourite = ?6, updated = datetime('now')")
        .bindText(1, modelHash.toStdString()).bindText(2, a.layer.toStdString()).bind(3, a.unit)
        .bindText(4, a.label.toStdString()).bindText(5, a.notes.toStdString()).bind(6, a.favourite ? 1 : 0).run();
}

UnitAnnotation AnnotationStore::get(const QString& modelHash, const QString& layer, int unit) const {
    auto q = m_db->prepare("SELECT label, notes, favourite FROM unit_annotations WHERE model_hash = ?1 AND layer = ?2 AND unit = ?3");
    q.bindText(1, modelHash.toStdString()).bindText(2, layer.toStdString()).bind(3, unit);
    UnitAnnotation a{layer, unit, {}, {}, false};
    if (q.step()) {
        a.label = QString::fromStdString(q.columnText(0));
        a.notes = QString::fromStdString(q.columnText(1));
        a.favourite = q.columnInt(2) != 0;
    }
    return a;
}

std::vector<UnitAnnotation> AnnotationStore::all(const QString& modelHash, const QString& layer) const {
    auto q = m_db->prepare("SELECT layer, unit, label, notes, favourite FROM unit_annotations"
                           " WHERE model_hash = ?1 AND (?2 = '' OR layer = ?2) ORDER BY layer, unit");
    q.bindText(1, modelHash.toStdString()).bindText(2, layer.toStdString());
    std::vector<UnitAnnotation> out;
    while (q.step())
        out.push_back({QString::fromStdString(q.columnText(0)), int(q.columnInt(1)), QString::fromStdString(q.columnText(2)),
                       QString::fromStdString(q.columnText(3)), q.columnInt(4) != 0});
    return out;
}

QJsonArray AnnotationStore::exportJson(const QString& modelHash) const {
    QJsonArray out;
    for (const UnitAnnotation& a : all(modelHash))
        out.append(QJsonObject{{QStringLiteral("layer"), a.layer}, {QStringLiteral("unit"), a.unit},
                               {QStringLiteral("label"), a.label}, {QStringLiteral("notes"), a.notes},
                               {QStringLiteral("favourite"), a.favourite}});
    return out;
}

QString AnnotationStore::exportCsv(const QString& modelHash) const {
    QString csv = QStringLiteral("layer,unit,label,notes,favourite\n");
    for (const UnitAnnotation& a : all(modelHash))
        csv += QStringLiteral("%1,%2,%3,%4,%5\n").arg(csvField(a.layer)).arg(a.unit).arg(csvField(a.label), csvField(a.notes))
                   .arg(a.favourite ? 1 : 0);
    return csv;
}

int AnnotationStore::importJson(const QString& modelHash, const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isArray()) throw Error("annotations: not a JSON array (" + error.errorString().toStdString() + ")");
    std::vector<UnitAnnotation> rows;
    for (const QJsonValue& v : doc.array()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("layer")).toString().isEmpty() || !o.value(QStringLiteral("unit")).isDouble())
            throw Error("annotations: every entry needs a \"layer\" and a numeric \"unit\"");
        rows.push_back({o.value(QStringLiteral("layer")).toString(), o.value(QStringLiteral("unit")).toInt(),
                        o.value(QStringLiteral("label")).toString(), o.value(QStringLiteral("notes")).toString(),
                        o.value(QStringLiteral("favourite")).toBool()});
    }
    SqliteTransaction transaction(*m_db);
    for (const UnitAnnotation& a : rows) set(modelHash, a);
    transaction.commit();
    return int(rows.size());
}

namespace {

// CSV records (RFC 4180): line breaks inside quoted fields (multi-line notes) stay in them.
QStringList csvRecords(const QString& csv) {
    QStringList records;
    QString current;
    bool quoted = false;
    for (const QChar c : csv) {
        if (c == QLatin1Char('"')) quoted = !quoted;
        if (c == QLatin1Char('\n') && !quoted) {
            if (!current.trimmed().isEmpty()) records << current;
            current.clear();
        } else if (c != QLatin1Char('\r') || quoted) {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty()) records << current;
    return records;
}

}  // namespace

int AnnotationStore::importCsv(const QString& modelHash, const QString& csv) {
    const QStringList lines = csvRecords(csv);
    if (lines.isEmpty() || !lines.first().startsWith(QLatin1String("layer,unit")))
        throw Error("annotations: the CSV must start with the header layer,unit,label,notes,favourite");
    std::vector<UnitAnnotation> rows;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList f = parseCsvLine(lines[i]);
        bool ok = false;
        const int unit = f.value(1).toInt(&ok);
        if (f.value(0).isEmpty() || !ok)
            throw Error("annotations: line " + std::to_string(i + 1) + " has no layer or unit number");
        rows.push_back({f.value(0), unit, f.value(2), f.value(3), f.value(4) == QLatin1String("1")});
    }
    SqliteTransaction transaction(*m_db);
    for (const UnitAnnotation& a : rows) set(modelHash, a);
    transaction.commit();
    return int(rows.size());
}

}  // namespace ms
