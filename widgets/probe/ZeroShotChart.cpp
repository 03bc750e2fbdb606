#include "probe/ZeroShotChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace ms {

ZeroShotChart::ZeroShotChart(QWidget* parent) : QWidget(parent), m_chart(new QChart), m_view(new QChartView(m_chart, this)) {
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumSize(260, 220);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void ZeroShotChart::setProbabilities(const QStringList& labels, const std::vector<float>& clean,
                                     const std::vector<float>& attacked, int top) {
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    const std::vector<float>& shown = attacked.empty() ? clean : attacked;
    std::vector<int> order(shown.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return shown[size_t(a)] > shown[size_t(b)]; });
    order.resize(std::min<size_t>(order.size(), size_t(top)));
    m_shown.clear();
    for (int i : order) m_shown << labels.value(i);

    // Horizontal bars list categories bottom-up: feed them reversed so the best is on top.
    QStringList categories;
    auto* cleanSet = new QBarSet(attacked.empty() ? tr("probability") : tr("clean"));
    auto* attackedSet = attacked.empty() ? nullptr : new QBarSet(tr("edited"));
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        categories << labels.value(*it);
        *cleanSet << double(clean[size_t(*it)]);
        if (attackedSet) *attackedSet << double(attacked[size_t(*it)]);
    }
    auto* series = new QHorizontalBarSeries;
    series->append(cleanSet);
    if (attackedSet) series->append(attackedSet);
    m_chart->addSeries(series);
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    y->setTruncateLabels(false);  // short label names: never "…"
    auto* x = new QValueAxis;
    // Scaled to the largest bar, so that a spread-out distribution is still readable.
    double largest = 0;
    for (int i : order) largest = std::max({largest, double(clean[size_t(i)]), attacked.empty() ? 0.0 : double(attacked[size_t(i)])});
    x->setRange(0, std::min(1.0, std::max(0.05, largest * 1.15)));
    x->setLabelFormat(QStringLiteral("%.2f"));
    x->setTickCount(3);
    m_chart->addAxis(y, Qt::AlignLeft);
    m_chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    m_chart->legend()->setVisible(attackedSet != nullptr);
}

}  // namespace ms
