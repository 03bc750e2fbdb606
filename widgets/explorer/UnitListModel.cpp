#include "explorer/UnitListModel.h"

namespace ms {

UnitListModel::UnitListModel(QObject* parent) : QAbstractListModel(parent) {}

void UnitListModel::setLayer(const QString& layer, int units, const std::vector<UnitAnnotation>& annotations) {
    beginResetModel();
    m_layer = layer;
    m_units = units;
    m_annotations.clear();
    for (const UnitAnnotation& a : annotations) m_annotations.insert(a.unit, a);
    m_thumbnails.clear();
    endResetModel();
}

void UnitListModel::setAnnotation(const UnitAnnotation& a) {
    if (a.layer != m_layer || a.unit < 0 || a.unit >= m_units) return;
    if (a.isEmpty()) m_annotations.remove(a.unit);
    else m_annotations.insert(a.unit, a);
    const QModelIndex i = index(a.unit);
    Q_EMIT dataChanged(i, i);
}

int UnitListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_units; }

QVariant UnitListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_units) return {};
    const int unit = index.row();
    const auto a = m_annotations.constFind(unit);
    const bool annotated = a != m_annotations.cend();
    switch (role) {
    case Qt::DisplayRole: {
        QString text = QString::number(unit);
        if (annotated && !a->label.isEmpty()) text += QStringLiteral(" · ") + a->label;
        if (annotated && a->favourite) text += QStringLiteral("  ★");
        return text;
    }
    case Qt::ToolTipRole:
        return annotated && !a->notes.isEmpty() ? a->notes : QVariant();
    case Qt::DecorationRole: {
        if (!m_thumbnail) return {};
        auto cached = m_thumbnails.find(unit);
        if (cached == m_thumbnails.end()) cached = m_thumbnails.insert(unit, m_thumbnail(m_layer, unit));
        return cached->isNull() ? QVariant() : QVariant(*cached);
    }
    case UnitRole: return unit;
    case LabelRole: return annotated ? a->label : QString();
    case FavouriteRole: return annotated && a->favourite;
    default: return {};
    }
}

}  // namespace ms
