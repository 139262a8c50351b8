#pragma once

// A small line chart (Qt Charts) for the topology's side panel: a title, the latest value and
// the series of a range query, without axes.

#include "telemetry/prometheusclient.h"

#include <QWidget>

class QLabel;
class QChart;
class QChartView;

namespace md::ui {

class Sparkline final : public QWidget
{
    Q_OBJECT

public:
    // `format` turns a value into text ("12.3 rps").
    Sparkline(const QString &title, std::function<QString(double)> format,
              QWidget *parent = nullptr);

    // The series are summed per timestamp; NaN samples are skipped.
    void setSeries(const QList<md::telemetry::Series> &series);
    void setMessage(const QString &text); // "Loading…", an error, "No data"
    int pointCount() const { return m_points; }
    QString valueText() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    std::function<QString(double)> m_format;
    int m_points = 0;
};

} // namespace md::ui
