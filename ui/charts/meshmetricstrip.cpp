#include "charts/meshmetricstrip.h"

#include "charts/meshprometheus.h"
#include "charts/monitorsettings.h"
#include "telemetry/metricqueries.h"
#include "telemetry/prometheusclient.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace md::ui {

using md::telemetry::MetricKind;
using md::telemetry::MetricSplit;

namespace {

QLabel *figure(QWidget *parent)
{
    auto label = new QLabel(QStringLiteral("–"), parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.8);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QString key(const md::telemetry::Labels &labels)
{
    return labels.value(QStringLiteral("destination_service_namespace")) + u'/'
        + labels.value(QStringLiteral("destination_service_name"));
}

} // namespace

MeshMetricStrip::MeshMetricStrip(const PageContext &context, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("meshMetricStrip"));
    m_prometheus = new MeshPrometheus(context.mesh, context.registry, this);
    m_rateLabel = figure(this);
    m_rateLabel->setObjectName(QStringLiteral("stripRequestRate"));
    m_successLabel = figure(this);
    m_successLabel->setObjectName(QStringLiteral("stripSuccessRate"));
    m_rateCaption = new QLabel(this);
    m_successCaption = new QLabel(this);
    m_topCaption = new QLabel(this);
    QFont bold = m_topCaption->font();
    bold.setBold(true);
    m_topCaption->setFont(bold);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("stripMessage"));

    auto figures = new QVBoxLayout;
    figures->addWidget(m_rateLabel);
    figures->addWidget(m_rateCaption);
    figures->addSpacing(8);
    figures->addWidget(m_successLabel);
    figures->addWidget(m_successCaption);
    figures->addStretch();
    m_table = new QGridLayout;
    m_table->setHorizontalSpacing(16);
    m_table->setVerticalSpacing(2);
    auto top = new QVBoxLayout;
    top->addWidget(m_topCaption);
    top->addLayout(m_table);
    top->addWidget(m_message);
    top->addStretch();
    auto layout = new QHBoxLayout(this);
    layout->addLayout(figures);
    layout->addSpacing(24);
    layout->addLayout(top, 1);

    connect(m_prometheus, &MeshPrometheus::changed, this, &MeshMetricStrip::onPrometheusChanged);
    auto settings = MonitorSettings::instance();
    const auto restart = [this] {
        const auto interval = MonitorSettings::instance()->refreshInterval();
        if (interval.count() > 0)
            m_timer.start(std::chrono::duration_cast<std::chrono::milliseconds>(interval));
        else
            m_timer.stop();
    };
    connect(settings, &MonitorSettings::refreshIntervalChanged, this, restart);
    connect(settings, &MonitorSettings::timeRangeChanged, this, &MeshMetricStrip::refresh);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    restart();
    retranslate();
    onPrometheusChanged();
}

void MeshMetricStrip::retranslate()
{
    m_rateCaption->setText(tr("requests per second"));
    m_successCaption->setText(tr("success rate (non-5xx)"));
    m_topCaption->setText(tr("Top services by request rate"));
    showRows();
}

void MeshMetricStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

QString MeshMetricStrip::messageText() const
{
    return m_message->text();
}

void MeshMetricStrip::onPrometheusChanged()
{
    switch (m_prometheus->state()) {
    case MeshPrometheus::State::NoMesh:
        m_message->setText(tr("No mesh selected."));
        break;
    case MeshPrometheus::State::NoUrl:
        m_message->setText(tr("Mesh %1 has no Prometheus URL (Edit Mesh…, Ctrl+Shift+E).")
                               .arg(m_prometheus->meshName()));
        break;
    case MeshPrometheus::State::Connecting:
        m_message->setText(tr("Connecting to Prometheus…"));
        break;
    case MeshPrometheus::State::Error:
        m_message->setText(m_prometheus->errorText());
        break;
    case MeshPrometheus::State::Ready:
        m_message->clear();
        refresh();
        break;
    }
}

void MeshMetricStrip::refresh()
{
    auto client = m_prometheus->client();
    if (!client)
        return;
    const quint64 generation = ++m_generation;
    const auto range = MonitorSettings::instance()->timeRange();
    md::telemetry::MetricTarget mesh; // every request of the mesh, as its servers saw them
    md::telemetry::MetricQueryOptions options;
    options.rateWindow = MonitorSettings::durationText(
        std::min<std::chrono::seconds>(range.duration(), std::chrono::minutes(5)));
    md::telemetry::MetricQueryOptions perService = options;
    perService.split = MetricSplit::Destination;
    md::telemetry::MetricQueryOptions p95 = perService;
    p95.quantile = 0.95;
    const QList<QString> queries = {
        md::telemetry::metricQuery(MetricKind::RequestVolume, mesh, options),
        md::telemetry::metricQuery(MetricKind::SuccessRate, mesh, options),
        md::telemetry::metricQuery(MetricKind::RequestVolume, mesh, perService),
        md::telemetry::metricQuery(MetricKind::Rate5xx, mesh, perService),
        md::telemetry::metricQuery(MetricKind::Latency, mesh, p95),
    };
    auto results = std::make_shared<QList<md::telemetry::QueryResult>>(queries.size());
    auto remaining = std::make_shared<int>(int(queries.size()));
    auto errors = std::make_shared<QStringList>();
    for (int i = 0; i < queries.size(); ++i) {
        md::telemetry::InstantQuery query;
        query.query = queries.at(i);
        if (range.custom)
            query.time = range.end;
        client->instantQuery(
            query, this,
            [this, generation, results, remaining, errors,
             i](md::Result<md::telemetry::QueryResult> result) {
                if (generation != m_generation)
                    return;
                if (result)
                    (*results)[i] = *result;
                else if (!md::telemetry::PrometheusClient::isCanceled(result.error()))
                    *errors << result.error().toString();
                if (--*remaining > 0)
                    return;
                const auto total = [](const md::telemetry::QueryResult &r) {
                    double sum = 0;
                    for (const auto &s : r.series)
                        sum += std::isfinite(s.value()) ? s.value() : 0;
                    return sum;
                };
                m_rate = total(results->at(0));
                m_success
                    = results->at(1).series.isEmpty() ? -1 : results->at(1).series.first().value();
                QHash<QString, ServiceRow> rows;
                for (const auto &s : results->at(2).series) {
                    ServiceRow row;
                    row.namespaceName
                        = s.metric.value(QStringLiteral("destination_service_namespace"));
                    row.name = s.metric.value(QStringLiteral("destination_service_name"));
                    row.rate = s.value();
                    rows.insert(key(s.metric), row);
                }
                for (const auto &s : results->at(3).series) {
                    auto it = rows.find(key(s.metric));
                    if (it != rows.end() && it->rate > 0)
                        it->errorPercent = s.value() / it->rate * 100.0;
                }
                for (const auto &s : results->at(4).series) {
                    auto it = rows.find(key(s.metric));
                    if (it != rows.end() && std::isfinite(s.value()))
                        it->p95Ms = s.value();
                }
                m_top = rows.values();
                std::sort(m_top.begin(), m_top.end(), [](const ServiceRow &a, const ServiceRow &b) {
                    return a.rate != b.rate ? a.rate > b.rate : a.name < b.name;
                });
                if (m_top.size() > 5)
                    m_top.resize(5);
                m_message->setText(errors->isEmpty()
                                       ? QString()
                                       : tr("Prometheus error: %1").arg(errors->join(u'\n')));
                showRows();
                emit refreshed();
            },
            QStringLiteral("strip.%1").arg(i));
    }
}

void MeshMetricStrip::showRows()
{
    const QLocale locale;
    m_rateLabel->setText(locale.toString(m_rate, 'f', m_rate >= 100 ? 0 : 1));
    m_successLabel->setText(m_success < 0
                                ? QStringLiteral("–")
                                : tr("%1 %").arg(locale.toString(m_success * 100, 'f', 2)));
    QPalette palette = m_successLabel->palette();
    palette.setColor(QPalette::WindowText,
                     m_success < 0          ? QColor(0x6a, 0x6e, 0x73)
                         : m_success < 0.95 ? QColor(0xc9, 0x19, 0x0b)
                         : m_success < 0.99 ? QColor(0xe0, 0x9b, 0x00)
                                            : QColor(0x3e, 0x86, 0x35));
    m_successLabel->setPalette(palette);
    while (QLayoutItem *item = m_table->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (m_top.isEmpty())
        return;
    const QStringList headers = {tr("Service"), tr("req/s"), tr("5xx"), tr("P95")};
    for (int c = 0; c < headers.size(); ++c) {
        auto header = new QLabel(headers.at(c), this);
        header->setStyleSheet(QStringLiteral("color: #6a6e73"));
        m_table->addWidget(header, 0, c, c ? Qt::AlignRight : Qt::AlignLeft);
    }
    for (int r = 0; r < m_top.size(); ++r) {
        const ServiceRow &row = m_top.at(r);
        auto name
            = new QLabel(QStringLiteral("%1 <span style='color:#6a6e73'>%2</span>")
                             .arg(row.name.toHtmlEscaped(), row.namespaceName.toHtmlEscaped()),
                         this);
        m_table->addWidget(name, r + 1, 0);
        m_table->addWidget(new QLabel(locale.toString(row.rate, 'f', 2), this), r + 1, 1,
                           Qt::AlignRight);
        auto errors = new QLabel(tr("%1 %").arg(locale.toString(row.errorPercent, 'f', 1)), this);
        if (row.errorPercent > 0)
            errors->setStyleSheet(QStringLiteral("color: #c9190b"));
        m_table->addWidget(errors, r + 1, 2, Qt::AlignRight);
        m_table->addWidget(new QLabel(row.p95Ms < 0
                                          ? QStringLiteral("–")
                                          : tr("%1 ms").arg(locale.toString(row.p95Ms, 'f', 0)),
                                      this),
                           r + 1, 3, Qt::AlignRight);
    }
}

} // namespace md::ui
