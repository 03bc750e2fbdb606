#pragma once
// The units of one capture point as a list: number, the user's label and favourite mark, and
// a thumbnail (the unit's cached feature visualization, when there is one). Filtering by
// number, label text or favourites is done by a proxy in the browser.

#include "annotations/AnnotationStore.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>

#include <functional>

namespace ms {

class UnitListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { UnitRole = Qt::UserRole + 1, LabelRole, FavouriteRole };
    // Returns the unit's thumbnail, or a null pixmap (asked only for rows on screen).
    using ThumbnailFn = std::function<QPixmap(const QString& layer, int unit)>;

    explicit UnitListModel(QObject* parent = nullptr);

    void setLayer(const QString& layer, int units, const std::vector<UnitAnnotation>& annotations);
    void setAnnotation(const UnitAnnotation& annotation);
    void setThumbnailFn(ThumbnailFn fn) { m_thumbnail = std::move(fn); }
    QString layer() const { return m_layer; }
    int units() const { return m_units; }
    UnitAnnotation annotation(int unit) const { return m_annotations.value(unit, UnitAnnotation{m_layer, unit, {}, {}, false}); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QString m_layer;
    int m_units = 0;
    QHash<int, UnitAnnotation> m_annotations;
    ThumbnailFn m_thumbnail;
    mutable QHash<int, QPixmap> m_thumbnails;
};

}  // namespace ms
