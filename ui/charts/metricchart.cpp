#include "charts/metricchart.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QStackedLayout>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace md::ui {

namespace {
const QList<QColor> &lineColors()
{
    static const QList<QColor> colors
        = {QColor(0x00, 0x66, 0xcc), QColor(0x4c, 0xb1, 0x40), QColor(0xf0, 0xab, 0x00),
           QColor(0xc9, 0x19, 0x0b), QColor(0x5e, 0x40, 0xbe), QColor(0x00, 0x95, 0x96),
           QColor(0xec, 0x7a, 0x08), QColor(0x8a, 0x8d, 0x90), QColor(0x7c, 0xc6, 0x74),
           QColor(0xa1, 0x85, 0x00)};
    return colors;
}
} // namespace

MetricChart::MetricChart(const QString &title, std::function<QString(double)> format,
                         QWidget *parent)
    : QWidget(parent)
    , m_titleText(title)
    , m_format(std::move(format))
    , m_chart(new QChart)
{
    setObjectName(QStringLiteral("metricChart"));
    m_chart->setTitle(title);
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    // Qt Charts' legend cuts names to "p5…" once a few series share a row; a wrapping label
    // under the chart shows them whole.
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 2, 4, 2));
    m_chart->setBackgroundRoundness(2);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(190);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_message->setStyleSheet(QStringLiteral("color: #6a6e73; background: transparent"));
    auto plot = new QWidget(this);
    auto stack = new QStackedLayout(plot);
    stack->setStackingMode(QStackedLayout::StackAll);
    stack->addWidget(m_message);
    stack->addWidget(m_view);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("metricChartLegend"));
    m_legend->setWordWrap(true);
    m_legend->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setStyleSheet(
        QStringLiteral("background: transparent; color: #3c3f42; padding: 2px 6px 2px 6px"));
    QFont legendFont = m_legend->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_legend->setFont(legendFont);
    m_legend->hide();
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(plot, 1);
    layout->addWidget(m_legend);
    setMessage(tr("Loading…"));
}

QString MetricChart::message() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

void MetricChart::setMessage(const QString &text)
{
    m_lines.clear();
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis; // removeAxis gives the axis back to us
    }
    m_message->setText(text);
    m_message->setVisible(true);
    m_message->raise();
    m_legend->clear();
    m_legend->hide();
}

QDateTime MetricChart::axisStart() const
{
    const auto axes = m_chart->axes(Qt::Horizontal);
    const auto x = axes.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis *>(axes.first());
    return x ? x->min() : QDateTime();
}

QDateTime MetricChart::axisEnd() const
{
    const auto axes = m_chart->axes(Qt::Horizontal);
    const auto x = axes.isEmpty() ? nullptr : qobject_cast<QDateTimeAxis *>(axes.first());
    return x ? x->max() : QDateTime();
}

QStringList MetricChart::legendEntries() const
{
    QStringList names;
    if (m_legend->isHidden())
        return names;
    for (const Line &line : m_lines)
        names << line.name;
    return names;
}

QList<MetricChart::Line> MetricChart::linesFrom(const QList<md::telemetry::Series> &series,
                                                const QString &nameLabels, const QString &prefix)
{
    QList<Line> lines;
    const QStringList labels = nameLabels.split(u',', Qt::SkipEmptyParts);
    for (const auto &s : series) {
        Line line;
        QStringList parts;
        if (labels.isEmpty()) {
            QStringList keys = s.metric.keys();
            keys.sort();
            for (const QString &key : std::as_const(keys))
                parts << s.metric.value(key);
        } else {
            for (const QString &label : labels)
                parts << s.metric.value(label.trimmed(), QStringLiteral("-"));
        }
        line.name = parts.join(u'/');
        if (!prefix.isEmpty())
            line.name = line.name.isEmpty() ? prefix : prefix + u' ' + line.name;
        for (const auto &sample : s.samples) {
            if (std::isfinite(sample.value))
                line.points.append(QPointF(sample.timestamp * 1000.0, sample.value));
        }
        if (!line.points.isEmpty())
            lines << line;
    }
    return lines;
}

void MetricChart::setLines(const QList<Line> &lines, const QDateTime &start, const QDateTime &end)
{
    setMessage(QString());
    m_lines = lines;
    if (lines.isEmpty()) {
        setMessage(tr("No data in this time range"));
        return;
    }
    m_message->setVisible(false);
    auto x = new QDateTimeAxis;
    const qint64 span = start.secsTo(end);
    x->setFormat(span > 2 * 86400 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm"));
    x->setRange(start.toLocalTime(), end.toLocalTime());
    x->setTickCount(6);
    QFont small = x->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    x->setLabelsFont(small);
    auto y = new QValueAxis;
    y->setLabelsFont(small);
    double maxValue = 0;
    for (const Line &line : lines) {
        for (const QPointF &p : line.points)
            maxValue = std::max(maxValue, p.y());
    }
    y->setRange(0, maxValue > 0 ? maxValue * 1.15 : 1);
    y->setTickCount(5);
    y->setLabelFormat(maxValue >= 100 ? QStringLiteral("%.0f") : QStringLiteral("%.2g"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    int colour = 0;
    for (const Line &line : lines) {
        auto series = new QLineSeries;
        series->setName(line.name);
        series->append(line.points);
        series->setPen(QPen(lineColors().at(colour++ % lineColors().size()), 1.8));
        m_chart->addSeries(series);
        series->attachAxis(x);
        series->attachAxis(y);
        connect(
            series, &QLineSeries::hovered, this,
            [this, series](const QPointF &point, bool state) { onHovered(series, point, state); });
    }
    QStringList entries;
    colour = 0;
    for (const Line &line : lines) {
        const QColor c = lineColors().at(colour++ % lineColors().size());
        // A no-break space inside an entry, a plain one between entries: rows break there.
        entries << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                       .arg(c.name(),
                            line.name.toHtmlEscaped().replace(u' ', QStringLiteral("&nbsp;")));
    }
    m_legend->setText(entries.join(QStringLiteral(" &nbsp; ")));
    m_legend->setVisible(lines.size() > 1 || !lines.first().name.isEmpty());
}

void MetricChart::onHovered(QLineSeries *series, const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    // The sample nearest the cursor.
    const auto points = series->points();
    QPointF nearest = point;
    double best = std::numeric_limits<double>::max();
    for (const QPointF &p : points) {
        const double d = std::abs(p.x() - point.x());
        if (d < best) {
            best = d;
            nearest = p;
        }
    }
    const QString when = QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(qint64(nearest.x())).toLocalTime(), QLocale::ShortFormat);
    const QString text = QStringLiteral("<b>%1</b><br>%2<br>%3")
                             .arg(series->name().isEmpty() ? m_titleText : series->name(),
                                  when.toHtmlEscaped(), m_format(nearest.y()).toHtmlEscaped());
    QToolTip::showText(QCursor::pos(), text, m_view);
}

} // namespace md::ui
