#pragma once
// What the model thinks the probed picture shows: the most probable labels as horizontal
// bars (Qt Charts); with words written on the picture, the clean picture's bars beside them.

#include <QStringList>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;

namespace ms {

class ZeroShotChart : public QWidget {
    Q_OBJECT
public:
    explicit ZeroShotChart(QWidget* parent = nullptr);

    // `attacked` empty: the clean picture only. Shows the `top` labels most probable in the
    // picture shown (the attacked one when given).
    void setProbabilities(const QStringList& labels, const std::vector<float>& clean, const std::vector<float>& attacked, int top = 8);
    QStringList shownLabels() const { return m_shown; }  // top first
    QString topLabel() const { return m_shown.value(0); }

private:
    QChart* m_chart;
    QChartView* m_view;
    QStringList m_shown;
};

}  // namespace ms
