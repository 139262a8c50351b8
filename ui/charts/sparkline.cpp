#include "charts/sparkline.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QValueAxis>

#include <cmath>

namespace md::ui {

Sparkline::Sparkline(const QString &title, std::function<QString(double)> format, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_chart(new QChart)
    , m_format(std::move(format))
{
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->setBackgroundVisible(false);
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFixedHeight(46);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setStyleSheet(QStringLiteral("background: transparent"));
    m_value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont bold = m_value->font();
    bold.setBold(true);
    m_value->setFont(bold);
    auto layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setVerticalSpacing(0);
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_value, 0, 1);
    layout->addWidget(m_view, 1, 0, 1, 2);
    setMessage(tr("Loading…"));
}

void Sparkline::setMessage(const QString &text)
{
    m_chart->removeAllSeries();
    m_points = 0;
    m_value->setText(text);
    m_value->setToolTip(text);
}

QString Sparkline::valueText() const
{
    return m_value->text();
}

void Sparkline::setSeries(const QList<md::telemetry::Series> &series)
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes())
        m_chart->removeAxis(axis);
    QMap<double, double> sum;
    for (const auto &s : series) {
        for (const auto &sample : s.samples) {
            if (std::isfinite(sample.value))
                sum[sample.timestamp] += sample.value;
        }
    }
    m_points = int(sum.size());
    if (sum.isEmpty()) {
        setMessage(tr("No data"));
        return;
    }
    auto upper = new QLineSeries;
    auto lower = new QLineSeries;
    double maxValue = 0;
    for (auto it = sum.cbegin(); it != sum.cend(); ++it) {
        upper->append(it.key(), it.value());
        lower->append(it.key(), 0);
        maxValue = std::max(maxValue, it.value());
    }
    auto area = new QAreaSeries(upper, lower);
    area->setPen(QPen(QColor(0x00, 0x66, 0xcc), 1.5));
    area->setBrush(QColor(0x00, 0x66, 0xcc, 40));
    m_chart->addSeries(area);
    auto x = new QValueAxis;
    auto y = new QValueAxis;
    x->setRange(sum.firstKey(), std::max(sum.lastKey(), sum.firstKey() + 1));
    y->setRange(0, maxValue > 0 ? maxValue * 1.1 : 1);
    for (QValueAxis *axis : {x, y}) {
        axis->setVisible(false);
        axis->setGridLineVisible(false);
    }
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);
    m_value->setText(m_format(sum.last()));
    m_value->setToolTip(tr("Latest value"));
}

} // namespace md::ui
