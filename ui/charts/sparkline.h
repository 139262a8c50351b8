#pragma once

// A small line chart for the topology's side panel: a title, the latest value and the summed
// series of a range query as a filled line, without axes. Painted directly with QPainter (a
// QChart in a 46 px high view lays its plot area out to nothing and stays blank).

#include "telemetry/prometheusclient.h"

#include <QPointF>
#include <QWidget>

#include <functional>

class QLabel;

namespace md::ui {

class SparklinePlot;

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
    int pointCount() const { return int(m_points.size()); }
    // The plotted points: x unix seconds, y the summed value, in time order.
    const QList<QPointF> &points() const { return m_points; }
    QString valueText() const;
    // The line's colour (tests look for it in a grab of the plot).
    static QColor lineColor();
    QWidget *plot() const;

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    SparklinePlot *m_plot = nullptr;
    std::function<QString(double)> m_format;
    QList<QPointF> m_points;
};

} // namespace md::ui
