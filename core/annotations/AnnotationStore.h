#pragma once
// What a user writes about units: a label, notes and a favourite mark, per model (keyed by
// the weights' SHA-256, so renaming or moving the file keeps them), in a local SQLite file
// (default: the app's data folder, annotations.sqlite). Export and import as JSON or CSV to
// share with colleagues. Torch-free.

#include <QJsonArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace ms {

class SqliteDb;

struct UnitAnnotation {
    QString layer;
    int unit = -1;
    QString label;
    QString notes;
    bool favourite = false;
    bool isEmpty() const { return label.isEmpty() && notes.isEmpty() && !favourite; }
};

// "multiscope://<first 12 hex digits of the model hash>/<layer>/<unit>": a unit's stable,
// copyable address.
QString unitAddress(const QString& modelHash, const QString& layer, int unit);
struct ParsedAddress {
    QString hashPrefix;
    QString layer;
    int unit = -1;
};
// Accepts the address above or the short "layer:unit". nullopt when it is neither.
std::optional<ParsedAddress> parseUnitAddress(const QString& text);

class AnnotationStore {
public:
    static QString defaultPath();  // <AppDataLocation>/annotations.sqlite
    // Creates the file and its folder when missing. Throws ms::Error when it cannot.
    explicit AnnotationStore(const QString& path = defaultPath());
    ~AnnotationStore();

    // An empty annotation (label, notes and favourite all unset) deletes the row.
    void set(const QString& modelHash, const UnitAnnotation& annotation);
    UnitAnnotation get(const QString& modelHash, const QString& layer, int unit) const;
    // Every annotated unit of a model (all layers when `layer` is empty), by layer then unit.
    std::vector<UnitAnnotation> all(const QString& modelHash, const QString& layer = {}) const;

    // [{"layer", "unit", "label", "notes", "favourite"}].
    QJsonArray exportJson(const QString& modelHash) const;
    QString exportCsv(const QString& modelHash) const;  // layer,unit,label,notes,favourite
    // Adds or replaces the entries; returns how many. Throws ms::Error for malformed input.
    int importJson(const QString& modelHash, const QByteArray& json);
    int importCsv(const QString& modelHash, const QString& csv);

private:
    std::unique_ptr<SqliteDb> m_db;
};

}  // namespace ms
