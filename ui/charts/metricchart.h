#pragma once

// One dashboard chart (Qt Charts): a title, time on the x axis, one line per series, hover
// values, and a message in place of the lines while loading, on errors and without data.

#include "telemetry/prometheusclient.h"

#include <QDateTime>
#include <QWidget>

#include <functional>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;

namespace md::ui {

class MetricChart final : public QWidget
{
    Q_OBJECT

public:
    struct Line
    {
        QString name;
        QList<QPointF> points; // x: unix milliseconds, y: value
    };

    MetricChart(const QString &title, std::function<QString(double)> format,
                QWidget *parent = nullptr);

    QString title() const { return m_titleText; }
    // Replaces the lines; the x axis spans [start, end].
    void setLines(const QList<Line> &lines, const QDateTime &start, const QDateTime &end);
    void setMessage(const QString &text);
    const QList<Line> &lines() const { return m_lines; }
    QString message() const;
    QString format(double value) const { return m_format(value); }
    QChartView *chartView() const { return m_view; }
    // The time axis' range as drawn (invalid while a message is shown).
    QDateTime axisStart() const;
    QDateTime axisEnd() const;
    // The legend under the chart (wraps; names are never cut) and its entries.
    QLabel *legend() const { return m_legend; }
    QStringList legendEntries() const;

    // The lines of a range query: one per series, named from the labels in `nameLabels`
    // (comma separated; all labels when empty), `prefix` before the name ("p99").
    static QList<Line> linesFrom(const QList<md::telemetry::Series> &series,
                                 const QString &nameLabels, const QString &prefix = {});

private:
    void onHovered(QLineSeries *series, const QPointF &point, bool state);

    QString m_titleText;
    std::function<QString(double)> m_format;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_legend = nullptr;
    QList<Line> m_lines;
};

} // namespace md::ui
