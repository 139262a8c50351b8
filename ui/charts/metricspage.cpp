#include "charts/metricspage.h"

#include "charts/grafanalink.h"
#include "charts/meshprometheus.h"
#include "charts/metricchart.h"
#include "charts/monitorcontrols.h"
#include "charts/monitorsettings.h"
#include "telemetry/prometheusclient.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabBar>
#include <QTimeZone>
#include <QVBoxLayout>

namespace md::ui {

using md::telemetry::MetricDirection;
using md::telemetry::MetricKind;
using md::telemetry::MetricScope;
using md::telemetry::MetricSplit;
using md::telemetry::MetricTarget;

namespace {

struct MetricsPageTr
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::MetricsPage)
};

QString formatValue(double v, int decimals = 2)
{
    return QLocale().toString(v, 'f', std::abs(v) >= 100 ? 0 : decimals);
}

QString formatBytes(double v)
{
    if (v >= 1024.0 * 1024.0)
        return MetricsPageTr::tr("%1 MiB").arg(formatValue(v / 1024.0 / 1024.0, 1));
    if (v >= 1024.0)
        return MetricsPageTr::tr("%1 KiB").arg(formatValue(v / 1024.0, 1));
    return MetricsPageTr::tr("%1 B").arg(formatValue(v, 0));
}

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    return u'"' + QString(text).replace(u'"', QStringLiteral("\"\"")) + u'"';
}

} // namespace

MetricsPage::MetricsPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
{
    setObjectName(QStringLiteral("page:monitor.metrics"));
    m_prometheus = new MeshPrometheus(context.mesh, context.registry, this);

    m_level = new QComboBox(this);
    m_level->setObjectName(QStringLiteral("metricsLevel"));
    m_level->addItem(QString(), QStringLiteral("mesh"));
    m_level->addItem(QString(), QStringLiteral("service"));
    m_level->addItem(QString(), QStringLiteral("workload"));
    m_namespace = new QComboBox(this);
    m_namespace->setObjectName(QStringLiteral("metricsNamespace"));
    m_namespace->setEditable(true);
    m_namespace->setMinimumContentsLength(12);
    m_name = new QComboBox(this);
    m_name->setObjectName(QStringLiteral("metricsName"));
    m_name->setEditable(true);
    m_name->setMinimumContentsLength(16);
    m_cluster = new QComboBox(this);
    m_cluster->setObjectName(QStringLiteral("metricsCluster"));
    m_cluster->addItem(QString(), QString());
    m_direction = new QTabBar(this);
    m_direction->setObjectName(QStringLiteral("metricsDirection"));
    m_direction->addTab(QString());
    m_direction->addTab(QString());
    m_direction->setDrawBase(false);
    m_splitBox = new QComboBox(this);
    m_splitBox->setObjectName(QStringLiteral("metricsSplit"));
    for (MetricSplit split : {MetricSplit::None, MetricSplit::Source, MetricSplit::Destination,
                              MetricSplit::Version, MetricSplit::ResponseCode})
        m_splitBox->addItem(QString(), int(split));
    m_controls = new MonitorControls(QStringLiteral("metrics"), false, this);
    m_controls->setBusy([this] { return m_pending != 0; });
    m_csvButton = new QPushButton(this);
    m_csvButton->setObjectName(QStringLiteral("metricsCsv"));
    m_grafanaButton = new QPushButton(this);
    m_grafanaButton->setObjectName(QStringLiteral("metricsGrafana"));
    m_grafanaButton->hide();

    auto bar = new QHBoxLayout;
    bar->setSpacing(6);
    for (QWidget *w : std::initializer_list<QWidget *> {m_level, m_namespace, m_name, m_cluster,
                                                        m_direction, m_splitBox})
        bar->addWidget(w);
    bar->addStretch();
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_controls->timeRange(), m_controls->refreshPicker(), m_controls->refreshButton(),
             m_csvButton, m_grafanaButton})
        bar->addWidget(w);

    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("metricsState"));
    m_state->setWordWrap(true);
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chartArea = new QWidget(this);
    m_grid = new QGridLayout(m_chartArea);
    m_grid->setSpacing(8);
    auto scroll = new QScrollArea(this);
    scroll->setWidget(m_chartArea);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_state);
    layout->addWidget(scroll, 1);

    buildCharts();

    connect(m_level, &QComboBox::activated, this, [this] {
        fillNamespaces();
        refresh();
    });
    connect(m_namespace, &QComboBox::textActivated, this, [this] {
        fillNames();
        refresh();
    });
    connect(m_name, &QComboBox::textActivated, this, &MetricsPage::refresh);
    connect(m_cluster, &QComboBox::activated, this, &MetricsPage::refresh);
    connect(m_direction, &QTabBar::currentChanged, this, &MetricsPage::refresh);
    connect(m_splitBox, &QComboBox::activated, this,
            [this](int index) { setSplit(MetricSplit(m_splitBox->itemData(index).toInt())); });
    connect(m_controls, &MonitorControls::refreshRequested, this, &MetricsPage::refresh);
    connect(m_csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export as CSV"), QStringLiteral("metrics.csv"), tr("CSV files (*.csv)"));
        if (path.isEmpty())
            return;
        if (const auto result = exportCsv(path); !result)
            m_state->setText(result.error().toString());
    });
    connect(m_grafanaButton, &QPushButton::clicked, this, [this] {
        const QUrl url = grafanaLink();
        if (url.isValid())
            QDesktopServices::openUrl(url);
    });
    connect(m_prometheus, &MeshPrometheus::changed, this, &MetricsPage::onPrometheusChanged);
    retranslate();
    onPrometheusChanged();
}

MetricsPage::~MetricsPage() = default;

void MetricsPage::buildCharts()
{
    using Q = Query;
    const std::optional<double> none;
    const QList<Q> quantiles = {{MetricKind::Latency, 0.5, QStringLiteral("p50")},
                                {MetricKind::Latency, 0.9, QStringLiteral("p90")},
                                {MetricKind::Latency, 0.99, QStringLiteral("p99")}};
    const auto sized = [&](MetricKind kind) {
        QList<Q> list = quantiles;
        for (Q &q : list)
            q.kind = kind;
        return list;
    };
    m_specs = {
        {tr("Request volume (req/s)"), Unit::Rate, {{MetricKind::RequestVolume, none, {}}}},
        {tr("Success rate (non-5xx)"), Unit::Ratio, {{MetricKind::SuccessRate, none, {}}}},
        {tr("4xx responses (req/s)"), Unit::Rate, {{MetricKind::Rate4xx, none, {}}}},
        {tr("5xx responses (req/s)"), Unit::Rate, {{MetricKind::Rate5xx, none, {}}}},
        {tr("Request duration (ms)"), Unit::Ms, quantiles},
        {tr("Request size"), Unit::Bytes, sized(MetricKind::RequestSize)},
        {tr("Response size"), Unit::Bytes, sized(MetricKind::ResponseSize)},
        {tr("TCP received (bytes/s)"), Unit::BytesRate, {{MetricKind::TcpReceived, none, {}}}},
        {tr("TCP sent (bytes/s)"), Unit::BytesRate, {{MetricKind::TcpSent, none, {}}}},
        {tr("TCP connections (per s)"),
         Unit::Connections,
         {{MetricKind::TcpOpened, none, tr("opened")},
          {MetricKind::TcpClosed, none, tr("closed")}}},
    };
    for (int i = 0; i < m_specs.size(); ++i) {
        const ChartSpec &spec = m_specs.at(i);
        std::function<QString(double)> format;
        switch (spec.unit) {
        case Unit::Rate:
            format = [](double v) { return tr("%1 req/s").arg(formatValue(v)); };
            break;
        case Unit::Ratio:
            format = [](double v) { return tr("%1 %").arg(formatValue(v * 100, 2)); };
            break;
        case Unit::Ms:
            format = [](double v) { return tr("%1 ms").arg(formatValue(v, 1)); };
            break;
        case Unit::Bytes:
            format = formatBytes;
            break;
        case Unit::BytesRate:
            format = [](double v) { return tr("%1/s").arg(formatBytes(v)); };
            break;
        case Unit::Connections:
            format = [](double v) { return tr("%1 conn/s").arg(formatValue(v, 3)); };
            break;
        }
        auto chart = new MetricChart(spec.title, format, m_chartArea);
        m_grid->addWidget(chart, i / 3, i % 3);
        m_charts << chart;
    }
}

void MetricsPage::retranslate()
{
    m_level->setItemText(0, tr("Mesh"));
    m_level->setItemText(1, tr("Service"));
    m_level->setItemText(2, tr("Workload"));
    m_level->setToolTip(tr("What the dashboards show"));
    m_namespace->lineEdit()->setPlaceholderText(tr("namespace"));
    m_name->lineEdit()->setPlaceholderText(tr("name"));
    m_cluster->setItemText(0, tr("All clusters"));
    m_direction->setTabText(0, tr("Inbound"));
    m_direction->setTabText(1, tr("Outbound"));
    m_splitBox->setItemText(0, tr("No split"));
    m_splitBox->setItemText(1, tr("By source"));
    m_splitBox->setItemText(2, tr("By destination"));
    m_splitBox->setItemText(3, tr("By version"));
    m_splitBox->setItemText(4, tr("By response code"));
    m_controls->retranslate();
    m_csvButton->setText(tr("Export CSV…"));
    m_csvButton->setToolTip(tr("Save the data of every chart as CSV"));
    m_grafanaButton->setText(tr("Open in Grafana"));
    m_grafanaButton->setToolTip(tr("Istio's own dashboard for the same object and time range"));
}

void MetricsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MetricsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_refreshQueued) {
        m_refreshQueued = false;
        refresh();
    }
}

void MetricsPage::setGrafanaUrl(const QString &url)
{
    m_grafanaUrl = url;
    updateGrafana();
}

QUrl MetricsPage::grafanaLink() const
{
    const auto range = MonitorSettings::instance()->timeRange();
    const QDateTime end = range.endTime();
    return grafanaDashboardUrl(m_grafanaUrl,
                               {m_level->currentData().toString(), m_namespace->currentText(),
                                m_name->currentText(), end.addSecs(-range.duration().count()),
                                end});
}

void MetricsPage::updateGrafana()
{
    m_grafanaButton->setVisible(!m_grafanaUrl.isEmpty() && grafanaLink().isValid());
}

void MetricsPage::setSplit(MetricSplit split)
{
    m_split = split;
    m_splitBox->setCurrentIndex(m_splitBox->findData(int(split)));
    refresh();
}

void MetricsPage::setDirection(MetricDirection direction)
{
    m_direction->setCurrentIndex(direction == MetricDirection::Inbound ? 0 : 1);
}

void MetricsPage::setLevel(const QString &level)
{
    const int i = m_level->findData(level);
    if (i >= 0)
        m_level->setCurrentIndex(i);
}

void MetricsPage::setPageArguments(const QVariantMap &arguments)
{
    setLevel(arguments.value(QStringLiteral("level"), QStringLiteral("mesh")).toString());
    fillNamespaces();
    m_namespace->setCurrentText(arguments.value(QStringLiteral("namespace")).toString());
    fillNames();
    m_name->setCurrentText(arguments.value(QStringLiteral("name")).toString());
    const QString cluster = arguments.value(QStringLiteral("cluster")).toString();
    int c = m_cluster->findData(cluster);
    if (c < 0 && !cluster.isEmpty()) {
        m_cluster->addItem(cluster, cluster);
        c = m_cluster->count() - 1;
    }
    m_cluster->setCurrentIndex(std::max(0, c));
    refresh();
}

MetricTarget MetricsPage::target() const
{
    MetricTarget target;
    const QString level = m_level->currentData().toString();
    target.scope = level == QLatin1String("service") ? MetricScope::Service
        : level == QLatin1String("workload")         ? MetricScope::Workload
                                                     : MetricScope::Mesh;
    target.direction
        = m_direction->currentIndex() == 1 ? MetricDirection::Outbound : MetricDirection::Inbound;
    target.cluster = m_cluster->currentData().toString();
    if (target.scope != MetricScope::Mesh) {
        target.namespaceName = m_namespace->currentText().trimmed();
        target.name = m_name->currentText().trimmed();
    }
    return target;
}

QString MetricsPage::stateText() const
{
    return m_state->isVisible() ? m_state->text() : QString();
}

QStringList MetricsPage::knownNamespaces() const
{
    return m_known.value(m_level->currentData().toString()).keys();
}

QStringList MetricsPage::knownNames() const
{
    return m_known.value(m_level->currentData().toString()).value(m_namespace->currentText());
}

void MetricsPage::onPrometheusChanged()
{
    m_known.clear();
    if (!m_prometheus->meshName().isEmpty())
        setGrafanaUrl(m_prometheus->grafanaUrl());
    switch (m_prometheus->state()) {
    case MeshPrometheus::State::NoMesh:
        m_state->setText(tr("No mesh selected. Select a mesh in the toolbar's mesh selector, or "
                            "create one on the Mesh clusters page."));
        break;
    case MeshPrometheus::State::NoUrl:
        m_state->setText(tr("Mesh %1 has no Prometheus URL. The dashboards read Istio's metrics "
                            "from Prometheus: set its URL with Edit Mesh… (Ctrl+Shift+E) on the "
                            "Mesh clusters page.")
                             .arg(m_prometheus->meshName()));
        break;
    case MeshPrometheus::State::Connecting:
        m_state->setText(tr("Connecting to Prometheus…"));
        break;
    case MeshPrometheus::State::Error:
        m_state->setText(m_prometheus->errorText());
        break;
    case MeshPrometheus::State::Ready:
        m_state->clear();
        break;
    }
    const bool ready = m_prometheus->state() == MeshPrometheus::State::Ready;
    m_state->setVisible(!ready);
    m_chartArea->setVisible(ready);
    if (ready) {
        loadTargets();
        refresh();
    }
}

void MetricsPage::loadTargets()
{
    auto client = m_prometheus->client();
    if (!client)
        return;
    md::telemetry::InstantQuery query;
    query.query = QStringLiteral(
        "count by (source_cluster, destination_cluster, source_workload_namespace, "
        "source_workload, destination_workload_namespace, destination_workload, "
        "destination_service_namespace, destination_service_name) "
        "({__name__=~\"istio_requests_total|istio_tcp_sent_bytes_total\"})");
    client->instantQuery(
        query, this,
        [this](md::Result<md::telemetry::QueryResult> result) {
            if (!result)
                return; // the charts report Prometheus errors
            QMap<QString, QMap<QString, QStringList>> known;
            QStringList clusters;
            const auto add = [&](const QString &level, const QString &ns, const QString &name) {
                if (ns.isEmpty() || name.isEmpty() || name == QLatin1String("unknown"))
                    return;
                QStringList &names = known[level][ns];
                if (!names.contains(name))
                    names << name;
            };
            for (const auto &s : result->series) {
                const auto &m = s.metric;
                add(QStringLiteral("workload"),
                    m.value(QStringLiteral("source_workload_namespace")),
                    m.value(QStringLiteral("source_workload")));
                add(QStringLiteral("workload"),
                    m.value(QStringLiteral("destination_workload_namespace")),
                    m.value(QStringLiteral("destination_workload")));
                add(QStringLiteral("service"),
                    m.value(QStringLiteral("destination_service_namespace")),
                    m.value(QStringLiteral("destination_service_name")));
                for (const char *label : {"source_cluster", "destination_cluster"}) {
                    const QString c = m.value(QLatin1String(label));
                    if (!c.isEmpty() && c != QLatin1String("unknown") && !clusters.contains(c))
                        clusters << c;
                }
            }
            for (auto &level : known) {
                for (QStringList &names : level)
                    names.sort();
            }
            clusters.sort();
            m_known = known;
            m_knownClusters = clusters;
            const QString current = m_cluster->currentData().toString();
            while (m_cluster->count() > 1)
                m_cluster->removeItem(1);
            for (const QString &c : std::as_const(clusters))
                m_cluster->addItem(c, c);
            if (!current.isEmpty() && m_cluster->findData(current) < 0)
                m_cluster->addItem(current, current);
            m_cluster->setCurrentIndex(std::max(0, m_cluster->findData(current)));
            fillNamespaces();
        },
        QStringLiteral("metrics.targets"));
}

void MetricsPage::fillNamespaces()
{
    const bool mesh = m_level->currentData().toString() == QLatin1String("mesh");
    m_namespace->setEnabled(!mesh);
    m_name->setEnabled(!mesh);
    const QString current = m_namespace->currentText();
    QSignalBlocker block(m_namespace);
    m_namespace->clear();
    m_namespace->addItems(knownNamespaces());
    m_namespace->setCurrentText(current);
    fillNames();
}

void MetricsPage::fillNames()
{
    const QString current = m_name->currentText();
    QSignalBlocker block(m_name);
    m_name->clear();
    m_name->addItems(knownNames());
    m_name->setCurrentText(current);
    updateGrafana();
}

void MetricsPage::refresh()
{
    auto client = m_prometheus->client();
    if (!client)
        return;
    if (!isVisible()) {
        m_refreshQueued = true;
        return;
    }
    updateGrafana();
    if (m_known.isEmpty())
        loadTargets(); // Prometheus may have had no series yet the last time
    const MetricTarget t = target();
    if (t.scope != MetricScope::Mesh && (t.namespaceName.isEmpty() || t.name.isEmpty())) {
        for (MetricChart *chart : std::as_const(m_charts))
            chart->setMessage(
                tr("Choose a namespace and a %1.")
                    .arg(t.scope == MetricScope::Service ? tr("service") : tr("workload")));
        m_pending = 0;
        emit refreshed();
        return;
    }
    const quint64 generation = ++m_generation;
    const auto range = MonitorSettings::instance()->timeRange();
    const QDateTime end = range.endTime();
    const QDateTime start = end.addSecs(-range.duration().count());
    // Another object, split or time range: the old lines and axes do not belong to it, so
    // they go at once (an auto-refresh of the same view keeps them until the new ones come).
    const QString shown = QStringList {QString::number(int(t.scope)),
                                       QString::number(int(t.direction)),
                                       t.cluster,
                                       t.namespaceName,
                                       t.name,
                                       QString::number(int(m_split)),
                                       range.custom ? start.toString(Qt::ISODate) : QString(),
                                       QString::number(range.duration().count())}
                              .join(u'\x1f');
    const bool changed = shown != m_shownKey;
    m_shownKey = shown;
    md::telemetry::MetricQueryOptions options;
    options.split = m_split;
    options.rateWindow
        = range.duration().count() > 6 * 3600 ? QStringLiteral("5m") : QStringLiteral("1m");
    const QString splitLabels = md::telemetry::metricSplitLabels(m_split);
    m_pending = 0;
    for (int i = 0; i < m_specs.size(); ++i) {
        const ChartSpec &spec = m_specs.at(i);
        MetricChart *chart = m_charts.at(i);
        if (changed || chart->lines().isEmpty())
            chart->setMessage(tr("Loading…"));
        // Lines in the order of the chart's queries (p50, p90, p99), whatever order they come.
        auto collected = std::make_shared<QList<QList<MetricChart::Line>>>(spec.queries.size());
        auto remaining = std::make_shared<int>(int(spec.queries.size()));
        auto errors = std::make_shared<QStringList>();
        for (int q = 0; q < spec.queries.size(); ++q) {
            const Query &query = spec.queries.at(q);
            options.quantile = query.quantile;
            md::telemetry::RangeQuery range;
            range.query = md::telemetry::metricQuery(query.kind, t, options);
            range.start = start;
            range.end = end;
            range.step = MonitorSettings::stepFor(std::chrono::seconds(start.secsTo(end)));
            ++m_pending;
            const QString prefix = query.prefix;
            const int slot = q;
            client->rangeQuery(
                range, this,
                [this, generation, chart, collected, remaining, errors, prefix, splitLabels, start,
                 end, slot](md::Result<md::telemetry::QueryResult> result) {
                    if (generation != m_generation)
                        return;
                    if (result) {
                        QList<MetricChart::Line> lines
                            = MetricChart::linesFrom(result->series, splitLabels, prefix);
                        // Many split values: keep the ten largest lines.
                        if (lines.size() > 10) {
                            std::sort(lines.begin(), lines.end(), [](const auto &a, const auto &b) {
                                return a.points.constLast().y() > b.points.constLast().y();
                            });
                            lines.resize(10);
                        }
                        (*collected)[slot] = lines;
                    } else if (!md::telemetry::PrometheusClient::isCanceled(result.error())) {
                        *errors << result.error().toString();
                    }
                    if (--*remaining == 0) {
                        QList<MetricChart::Line> all;
                        for (const auto &lines : std::as_const(*collected))
                            all += lines;
                        if (!errors->isEmpty() && all.isEmpty())
                            chart->setMessage(tr("Prometheus error: %1").arg(errors->join(u'\n')));
                        else
                            chart->setLines(all, start, end);
                    }
                    if (--m_pending == 0)
                        emit refreshed();
                });
        }
    }
}

QByteArray MetricsPage::csv() const
{
    QByteArray out = "chart,series,time,value\n";
    for (const MetricChart *chart : m_charts) {
        for (const auto &line : chart->lines()) {
            for (const QPointF &p : line.points) {
                const QString time
                    = QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toString(Qt::ISODate);
                out += QStringLiteral("%1,%2,%3,%4\n")
                           .arg(csvField(chart->title()), csvField(line.name), time,
                                QString::number(p.y(), 'g', 10))
                           .toUtf8();
            }
        }
    }
    return out;
}

Result<void> MetricsPage::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return md::unexpected(QStringLiteral("metrics.export"), file.errorString(), path);
    if (file.write(csv()) < 0)
        return md::unexpected(QStringLiteral("metrics.export"), file.errorString(), path);
    return {};
}

} // namespace md::ui
