#include "probe/CompareStrip.h"

#include <QKeyEvent>

#include <algorithm>
#include <numeric>

namespace ms {
namespace {

constexpr int kIcon = 112;

std::vector<int> order(const std::vector<float>& values) {
    std::vector<int> index(values.size());
    std::iota(index.begin(), index.end(), 0);
    std::stable_sort(index.begin(), index.end(), [&](int a, int b) { return values[size_t(a)] > values[size_t(b)]; });
    return index;
}

}  // namespace

CompareStrip::CompareStrip(QWidget* parent) : QListWidget(parent) {
    setObjectName(QStringLiteral("compareStrip"));
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(false);
    setMovement(QListView::Static);
    setIconSize(QSize(kIcon, kIcon));
    setGridSize(QSize(kIcon + 64, kIcon + 74));  // room for four caption lines
    setWordWrap(true);
    setFixedHeight(kIcon + 96);
    connect(this, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT reprobe(m_pinned[size_t(row(item))].picture);
    });
}

void CompareStrip::pin(Pinned pinned) {
    m_pinned.push_back(std::move(pinned));
    refresh();
    scrollToItem(item(count() - 1));
}

void CompareStrip::setUnit(const QString& layer, int unit) {
    m_layer = layer;
    m_unit = unit;
    refresh();
}

QString CompareStrip::caption(int i) const {
    const Pinned& p = m_pinned[size_t(i)];
    QString text = p.name;
    if (!p.probabilities.empty()) {
        const int top = order(p.probabilities).front();
        text += QStringLiteral("\n%1 %2%").arg(p.labels.value(top)).arg(double(p.probabilities[size_t(top)]) * 100, 0, 'f', 0);
    }
    if (p.layer == m_layer && m_unit >= 0 && m_unit < int(p.means.size()))
        text += QStringLiteral("\n") + tr("unit %1: %2").arg(m_unit).arg(double(p.means[size_t(m_unit)]), 0, 'f', 3);
    return text;
}

void CompareStrip::refresh() {
    clear();
    for (int i = 0; i < int(m_pinned.size()); ++i) {
        const Pinned& p = m_pinned[size_t(i)];
        auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(p.picture.scaled(kIcon, kIcon, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                         caption(i), this);
        QStringList tip{p.name};
        const auto labels = order(p.probabilities);
        for (size_t k = 0; k < std::min<size_t>(5, labels.size()); ++k)
            tip << QStringLiteral("%1  %2%").arg(p.labels.value(labels[k])).arg(double(p.probabilities[size_t(labels[k])]) * 100, 0, 'f', 1);
        const auto units = order(p.means);
        QStringList top;
        for (size_t k = 0; k < std::min<size_t>(5, units.size()); ++k) top << QString::number(units[k]);
        tip << tr("top units at %1: %2").arg(p.layer, top.join(QStringLiteral(", ")));
        item->setToolTip(tip.join(QLatin1Char('\n')));
    }
    setVisible(!m_pinned.empty());
}

void CompareStrip::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && currentRow() >= 0) {
        m_pinned.erase(m_pinned.begin() + currentRow());
        refresh();
        return;
    }
    QListWidget::keyPressEvent(event);
}

}  // namespace ms
