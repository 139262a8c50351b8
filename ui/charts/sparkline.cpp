#include "charts/sparkline.h"

#include <QGridLayout>
#include <QLabel>
#include <QMap>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace md::ui {

// The drawing area: the points scaled to the widget, a filled area under a 1.5 px line.
class SparklinePlot final : public QWidget
{
public:
    explicit SparklinePlot(const QList<QPointF> *points, QWidget *parent)
        : QWidget(parent)
        , m_points(points)
    {
        setObjectName(QStringLiteral("sparklinePlot"));
        setFixedHeight(40);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setMinimumWidth(60);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        const QRectF area = QRectF(rect()).adjusted(1, 2, -1, -1);
        p.setPen(QPen(QColor(0xd2, 0xd2, 0xd2), 0));
        p.drawLine(area.bottomLeft(), area.bottomRight());
        if (m_points->isEmpty())
            return;
        const double x0 = m_points->constFirst().x();
        const double x1 = std::max(m_points->constLast().x(), x0 + 1);
        double maxValue = 0;
        for (const QPointF &pt : *m_points)
            maxValue = std::max(maxValue, pt.y());
        const double top = maxValue > 0 ? maxValue * 1.1 : 1;
        auto map = [&](const QPointF &pt) {
            return QPointF(area.left() + (pt.x() - x0) / (x1 - x0) * area.width(),
                           area.bottom() - std::max(0.0, pt.y()) / top * area.height());
        };
        QPolygonF line;
        line.reserve(m_points->size());
        for (const QPointF &pt : *m_points)
            line << map(pt);
        if (line.size() == 1) // a single sample: a flat line across
            line = QPolygonF(
                {QPointF(area.left(), line.first().y()), QPointF(area.right(), line.first().y())});
        QPolygonF fill = line;
        fill << QPointF(line.constLast().x(), area.bottom())
             << QPointF(line.constFirst().x(), area.bottom());
        const QColor color = Sparkline::lineColor();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        QColor light = color;
        light.setAlpha(40);
        p.setBrush(light);
        p.drawPolygon(fill);
        p.setPen(QPen(color, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(line);
    }

private:
    const QList<QPointF> *m_points; // the Sparkline's
};

Sparkline::Sparkline(const QString &title, std::function<QString(double)> format, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_value(new QLabel(this))
    , m_format(std::move(format))
{
    m_plot = new SparklinePlot(&m_points, this);
    m_value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont bold = m_value->font();
    bold.setBold(true);
    m_value->setFont(bold);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto layout = new QGridLayout(this);
    layout->setContentsMargins(0, 2, 0, 4);
    layout->setVerticalSpacing(1);
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_value, 0, 1);
    layout->addWidget(m_plot, 1, 0, 1, 2);
    setMessage(tr("Loading…"));
}

QColor Sparkline::lineColor()
{
    return QColor(0x00, 0x66, 0xcc);
}

QWidget *Sparkline::plot() const
{
    return m_plot;
}

void Sparkline::setMessage(const QString &text)
{
    m_points.clear();
    m_value->setText(text);
    m_value->setToolTip(text);
    m_plot->update();
}

QString Sparkline::valueText() const
{
    return m_value->text();
}

void Sparkline::setSeries(const QList<md::telemetry::Series> &series)
{
    QMap<double, double> sum;
    for (const auto &s : series) {
        for (const auto &sample : s.samples) {
            if (std::isfinite(sample.value))
                sum[sample.timestamp] += sample.value;
        }
    }
    if (sum.isEmpty()) {
        setMessage(tr("No data"));
        return;
    }
    m_points.clear();
    m_points.reserve(sum.size());
    for (auto it = sum.cbegin(); it != sum.cend(); ++it)
        m_points.append(QPointF(it.key(), it.value()));
    m_value->setText(m_format(sum.last()));
    m_value->setToolTip(tr("Latest value"));
    m_plot->update();
}

} // namespace md::ui
