#include "topology/topologysidepanel.h"

#include "charts/monitorsettings.h"
#include "charts/sparkline.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/navigator.h"
#include "telemetry/prometheusclient.h"
#include "topology/topologystyle.h"

#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace md::ui::topology {

using md::telemetry::Health;
using md::telemetry::MetricDirection;
using md::telemetry::MetricKind;
using md::telemetry::MetricScope;
using md::telemetry::MetricTarget;
using md::telemetry::Node;
using md::telemetry::NodeFlag;
using md::telemetry::NodeType;
using md::telemetry::promQuote;

namespace {

QString matcher(const QString &label, const QString &value)
{
    return label + QLatin1Char('=') + promQuote(value);
}

QString healthWord(Health health)
{
    switch (health) {
    case Health::Healthy:
        return Tr::tr("Healthy");
    case Health::Degraded:
        return Tr::tr("Degraded");
    case Health::Failure:
        return Tr::tr("Failure");
    case Health::NoData:
        break;
    }
    return Tr::tr("No requests in the time range");
}

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setContentsMargins(0, 8, 0, 0);
    return label;
}

} // namespace

MetricTarget metricTargetForNode(const Node &node)
{
    MetricTarget target;
    const bool source = (node.flags & NodeFlag::Root) || node.type == NodeType::Unknown
        || (node.inbound.isEmpty() && !node.outbound.isEmpty());
    target.direction = source ? MetricDirection::Outbound : MetricDirection::Inbound;
    target.namespaceName = node.namespaceName;
    switch (node.type) {
    case NodeType::Workload:
        target.scope = MetricScope::Workload;
        target.name = node.workload;
        break;
    case NodeType::Service:
        target.scope = MetricScope::Service;
        target.name = node.service;
        if (source) // a service is never a source: fall back to its inbound traffic
            target.direction = MetricDirection::Inbound;
        break;
    case NodeType::ServiceEntry:
        target.scope = MetricScope::Mesh;
        target.direction = MetricDirection::Inbound;
        target.extraMatchers = matcher(QStringLiteral("destination_service"), node.service);
        break;
    case NodeType::App: {
        target.scope = MetricScope::Mesh;
        const QString prefix = source ? QStringLiteral("source_") : QStringLiteral("destination_");
        QStringList m {matcher(prefix + QStringLiteral("canonical_service"), node.app)};
        if (!node.namespaceName.isEmpty())
            m << matcher(prefix + QStringLiteral("workload_namespace"), node.namespaceName);
        if (!node.version.isEmpty())
            m << matcher(prefix + QStringLiteral("canonical_revision"), node.version);
        target.extraMatchers = m.join(u',');
        break;
    }
    case NodeType::Unknown:
        target.scope = MetricScope::Mesh;
        target.direction = MetricDirection::Outbound;
        target.extraMatchers
            = matcher(QStringLiteral("source_workload"), QStringLiteral("unknown"));
        break;
    }
    return target;
}

MetricTarget metricTargetForEdge(const Node &source, const Node &target)
{
    MetricTarget t = metricTargetForNode(target);
    if (t.direction == MetricDirection::Outbound && target.type != NodeType::Unknown) {
        t.direction = MetricDirection::Inbound;
    }
    QStringList m;
    if (!t.extraMatchers.isEmpty())
        m << t.extraMatchers;
    switch (source.type) {
    case NodeType::Workload:
        m << matcher(QStringLiteral("source_workload"), source.workload);
        if (!source.namespaceName.isEmpty())
            m << matcher(QStringLiteral("source_workload_namespace"), source.namespaceName);
        break;
    case NodeType::App:
        m << matcher(QStringLiteral("source_canonical_service"), source.app);
        if (!source.version.isEmpty())
            m << matcher(QStringLiteral("source_canonical_revision"), source.version);
        break;
    case NodeType::Unknown:
        m << matcher(QStringLiteral("source_workload"), QStringLiteral("unknown"));
        break;
    case NodeType::Service:
    case NodeType::ServiceEntry:
        break; // service nodes pass requests on: the target's inbound is the edge's traffic
    }
    t.extraMatchers = m.join(u',');
    return t;
}

QVariantMap dashboardArguments(const Node &node)
{
    QVariantMap args;
    switch (node.type) {
    case NodeType::Workload:
        args.insert(QStringLiteral("level"), QStringLiteral("workload"));
        args.insert(QStringLiteral("name"), node.workload);
        break;
    case NodeType::Service:
        args.insert(QStringLiteral("level"), QStringLiteral("service"));
        args.insert(QStringLiteral("name"), node.service);
        break;
    case NodeType::App:
        args.insert(QStringLiteral("level"), QStringLiteral("service"));
        args.insert(QStringLiteral("name"), node.app);
        break;
    case NodeType::ServiceEntry:
    case NodeType::Unknown:
        return {};
    }
    args.insert(QStringLiteral("namespace"), node.namespaceName);
    if (!node.cluster.isEmpty())
        args.insert(QStringLiteral("cluster"), node.cluster);
    return args;
}

TopologySidePanel::TopologySidePanel(md::mesh::SelectedMesh *mesh, Navigator *navigator,
                                     QWidget *parent)
    : QWidget(parent)
    , m_mesh(mesh)
    , m_navigator(navigator)
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("topologySidePanel"));
    m_layout->setContentsMargins(10, 10, 10, 10);
    clear();
}

QString TopologySidePanel::titleText() const
{
    return m_title ? m_title->text() : QString();
}

QString TopologySidePanel::healthText() const
{
    return m_health ? m_health->text() : QString();
}

void TopologySidePanel::reset(const QString &title, const QString &subtitle)
{
    ++m_generation;
    if (m_content) {
        // Out of the layout at once; deleted later (a button of it may be running this).
        m_layout->removeWidget(m_content);
        m_content->hide();
        m_content->deleteLater();
    }
    m_sparklines.clear();
    m_related.clear();
    m_health = nullptr;
    m_pendingCharts = 0;
    m_content = new QWidget(this);
    auto layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_title = new QLabel(title, m_content);
    m_title->setObjectName(QStringLiteral("sidePanelTitle"));
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_title->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.2);
    m_title->setFont(font);
    layout->addWidget(m_title);
    if (!subtitle.isEmpty()) {
        auto sub = new QLabel(subtitle, m_content);
        sub->setWordWrap(true);
        sub->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QPalette palette = sub->palette();
        palette.setColor(QPalette::WindowText, style::mutedTextColor());
        sub->setPalette(palette);
        layout->addWidget(sub);
    }
    m_layout->addWidget(m_content);
}

void TopologySidePanel::clear()
{
    m_shownId.clear();
    reset(tr("Nothing selected"), {});
    auto hint = new QLabel(tr("Click a node or an edge to see its traffic, health and the "
                              "policies that apply to it. Right-click a node for more."),
                           m_content);
    hint->setWordWrap(true);
    m_content->layout()->addWidget(hint);
    static_cast<QVBoxLayout *>(m_content->layout())->addStretch();
}

void TopologySidePanel::addHealth(Health health, const QList<md::telemetry::HealthReason> &reasons)
{
    m_health = new QLabel(m_content);
    m_health->setObjectName(QStringLiteral("sidePanelHealth"));
    m_health->setTextFormat(Qt::RichText);
    m_health->setText(QStringLiteral("<span style='color:%1'>●</span> %2")
                          .arg(style::healthColor(health).name(), healthWord(health)));
    m_content->layout()->addWidget(m_health);
    for (const auto &reason : reasons) {
        auto label = new QLabel(
            QStringLiteral("<span style='color:%1'>■</span> %2")
                .arg(style::healthColor(reason.health).name(), reason.text.toHtmlEscaped()),
            m_content);
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        m_content->layout()->addWidget(label);
    }
}

void TopologySidePanel::addFacts(const QList<std::pair<QString, QString>> &facts)
{
    if (facts.isEmpty())
        return;
    auto form = new QFormLayout;
    form->setContentsMargins(0, 6, 0, 0);
    form->setHorizontalSpacing(12);
    form->setVerticalSpacing(2);
    for (const auto &fact : facts) {
        auto value = new QLabel(fact.second, m_content);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(fact.first, value);
    }
    static_cast<QVBoxLayout *>(m_content->layout())->addLayout(form);
}

void TopologySidePanel::addCharts(const MetricTarget &target, bool tcp)
{
    m_content->layout()->addWidget(
        sectionLabel(tr("%1 (%2)").arg(tcp ? tr("Traffic") : tr("Requests"),
                                       MonitorSettings::presetText(
                                           MonitorSettings::instance()->timeRange().duration())),
                     m_content));
    struct Chart
    {
        QString title;
        MetricKind kind;
        std::optional<double> quantile;
        std::function<QString(double)> format;
    };
    QList<Chart> charts;
    if (tcp) {
        charts = {{tr("Bytes received/s"),
                   MetricKind::TcpReceived,
                   {},
                   [](double v) { return formatRate(v, true); }},
                  {tr("Bytes sent/s"),
                   MetricKind::TcpSent,
                   {},
                   [](double v) { return formatRate(v, true); }},
                  {tr("Connections opened/s"), MetricKind::TcpOpened, {}, [](double v) {
                       return QString::number(v, 'f', 2);
                   }}};
    } else {
        charts = {
            {tr("Request rate"),
             MetricKind::RequestVolume,
             {},
             [](double v) { return formatRate(v, false); }},
            {tr("5xx rate"),
             MetricKind::Rate5xx,
             {},
             [](double v) { return formatRate(v, false); }},
            {tr("Latency p95"), MetricKind::Latency, 0.95, [](double v) { return formatMs(v); }}};
    }
    const auto range = MonitorSettings::instance()->timeRange();
    const QDateTime end = range.endTime();
    const auto duration = range.duration();
    const quint64 generation = m_generation;
    for (const Chart &chart : std::as_const(charts)) {
        auto line = new Sparkline(chart.title, chart.format, m_content);
        line->setObjectName(QStringLiteral("sparkline"));
        m_content->layout()->addWidget(line);
        m_sparklines << line;
        if (!m_client) {
            line->setMessage(tr("No Prometheus"));
            continue;
        }
        md::telemetry::MetricQueryOptions options;
        options.quantile = chart.quantile;
        options.rateWindow
            = duration.count() > 3 * 3600 ? QStringLiteral("5m") : QStringLiteral("1m");
        md::telemetry::RangeQuery query;
        query.query = md::telemetry::metricQuery(chart.kind, target, options);
        query.end = end;
        query.start = end.addSecs(-duration.count());
        query.step = MonitorSettings::stepFor(duration);
        ++m_pendingCharts;
        QPointer<Sparkline> guard(line);
        m_client->rangeQuery(
            query, this,
            [this, guard, generation](md::Result<md::telemetry::QueryResult> result) {
                if (generation != m_generation)
                    return;
                if (guard) {
                    if (result)
                        guard->setSeries(result->series);
                    else if (!md::telemetry::PrometheusClient::isCanceled(result.error()))
                        guard->setMessage(tr("Error"));
                    if (!result)
                        guard->setToolTip(result.error().toString());
                }
                if (--m_pendingCharts == 0)
                    emit chartsReady();
            },
            QStringLiteral("topology.side.") + QString::number(int(chart.kind)));
    }
}

void TopologySidePanel::addRelated(const Node &node)
{
    m_content->layout()->addWidget(sectionLabel(tr("Policies"), m_content));
    auto list = new QLabel(m_content);
    list->setObjectName(QStringLiteral("sidePanelRelated"));
    list->setWordWrap(true);
    list->setTextFormat(Qt::RichText);
    list->setText(tr("Looking up…"));
    m_content->layout()->addWidget(list);
    if (!m_mesh || !m_mesh->cache()) {
        list->setText(tr("No live configuration (no mesh selected)."));
        emit relatedReady();
        return;
    }
    // Only the three kinds the lookup reads (the all-kinds snapshot touches every object).
    const QString networking = QStringLiteral("networking.istio.io");
    const auto snapshot = m_mesh->cache()->snapshot(
        QList<md::mesh::MeshCache::Kind> {{networking, QStringLiteral("VirtualService")},
                                          {networking, QStringLiteral("DestinationRule")},
                                          {networking, QStringLiteral("Gateway")}});
    const quint64 generation = m_generation;
    QPointer<QLabel> guard(list);
    // A watcher owned by the panel delivers the answer on this thread (or goes with the panel).
    auto watcher = new QFutureWatcher<QList<RelatedObject>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, guard, generation] {
        watcher->deleteLater();
        const QList<RelatedObject> related = watcher->result();
        if (generation != m_generation || !guard)
            return;
        m_related = related;
        if (related.isEmpty()) {
            guard->setText(tr("No VirtualService, DestinationRule or Gateway refers to it."));
        } else {
            QStringList lines;
            for (int i = 0; i < related.size(); ++i) {
                const auto &r = related.at(i);
                lines << QStringLiteral("%1 <a href='%2'>%3</a> <span style='color:#6a6e73'>"
                                        "(%4)</span>")
                             .arg(r.kind.toHtmlEscaped(), QString::number(i),
                                  r.name.toHtmlEscaped(), r.namespaceName.toHtmlEscaped());
            }
            guard->setText(lines.join(QStringLiteral("<br>")));
            connect(guard.data(), &QLabel::linkActivated, this,
                    [this](const QString &link) { openObject(link.toInt()); });
        }
        emit relatedReady();
    });
    watcher->setFuture(
        QtConcurrent::run([snapshot, node] { return relatedConfig(snapshot, node); }));
}

void TopologySidePanel::openObject(int index)
{
    if (index < 0 || index >= m_related.size())
        return;
    const RelatedObject &r = m_related.at(index);
    const ObjectLink link {r.context, r.apiVersion, r.kind, r.namespaceName, r.name};
    if (!m_navigator || !m_navigator->openObject(link)) {
        auto note = new QLabel(tr("No editor for %1 is available yet.").arg(r.kind), m_content);
        note->setWordWrap(true);
        static_cast<QVBoxLayout *>(m_content->layout())
            ->insertWidget(m_content->layout()->count() - 1, note);
    }
}

void TopologySidePanel::showNode(const md::telemetry::Graph &graph, const QString &nodeId)
{
    const Node *node = graph.node(nodeId);
    if (!node) {
        clear();
        return;
    }
    QStringList where;
    if (!node->namespaceName.isEmpty())
        where << tr("namespace %1").arg(node->namespaceName);
    if (!node->cluster.isEmpty())
        where << tr("cluster %1").arg(node->cluster);
    reset(nodeLabel(*node),
          nodeKindText(*node) + QStringLiteral(" · ") + where.join(QStringLiteral(", ")));
    m_shownId = nodeId;
    addHealth(node->health, node->healthReasons);
    QList<std::pair<QString, QString>> facts;
    const auto rateFacts = [&](const md::telemetry::Rates &r, const QString &direction) {
        const double requests = r.http.value_or(0) + r.grpc.value_or(0);
        if (r.http || r.grpc)
            facts.append({direction, formatRate(requests, false)});
        const auto err = r.httpPercentErr ? r.httpPercentErr : r.grpcPercentErr;
        if (err)
            facts.append({tr("%1 errors").arg(direction), formatPercent(*err)});
        if (r.tcp)
            facts.append({tr("%1 TCP").arg(direction), formatRate(*r.tcp, true)});
    };
    rateFacts(node->inbound, tr("Inbound"));
    rateFacts(node->outbound, tr("Outbound"));
    if (!node->version.isEmpty())
        facts.append({tr("Version"), node->version});
    if (!node->hosts.isEmpty())
        facts.append({tr("Hosts"), node->hosts.join(QStringLiteral(", "))});
    QStringList badges;
    for (const auto &badge : badgeTexts(node->badges))
        badges << badge.second;
    if (!badges.isEmpty())
        facts.append({tr("Config"), badges.join(QStringLiteral(", "))});
    addFacts(facts);
    const bool tcpOnly = !node->inbound.http && !node->inbound.grpc && node->inbound.tcp;
    addCharts(metricTargetForNode(*node), tcpOnly);
    addRelated(*node);
    auto buttons = new QHBoxLayout;
    const QVariantMap args = dashboardArguments(*node);
    if (!args.isEmpty()) {
        auto dashboard = new QPushButton(tr("Metrics dashboard"), m_content);
        dashboard->setObjectName(QStringLiteral("sidePanelDashboard"));
        connect(dashboard, &QPushButton::clicked, this,
                [this, args] { emit dashboardRequested(args); });
        buttons->addWidget(dashboard);
    }
    auto neighbours = new QPushButton(tr("Only neighbours"), m_content);
    connect(neighbours, &QPushButton::clicked, this,
            [this, nodeId] { emit showNeighboursRequested(nodeId); });
    buttons->addWidget(neighbours);
    buttons->addStretch();
    static_cast<QVBoxLayout *>(m_content->layout())->addLayout(buttons);
    static_cast<QVBoxLayout *>(m_content->layout())->addStretch();
}

void TopologySidePanel::showEdge(const md::telemetry::Graph &graph, const QString &edgeId)
{
    const md::telemetry::Edge *edge = nullptr;
    for (const auto &e : graph.edges) {
        if (e.id == edgeId)
            edge = &e;
    }
    const Node *source = edge ? graph.node(edge->source) : nullptr;
    const Node *target = edge ? graph.node(edge->target) : nullptr;
    if (!edge || !source || !target) {
        clear();
        return;
    }
    reset(tr("%1 → %2").arg(nodeLabel(*source), nodeLabel(*target)),
          tr("Edge · %1").arg(md::telemetry::protocolName(edge->protocol).toUpper()));
    m_shownId = edgeId;
    addHealth(edge->health, edge->healthReasons);
    QList<std::pair<QString, QString>> facts;
    const bool tcp = edge->protocol == md::telemetry::Protocol::Tcp;
    if (tcp) {
        if (edge->rates.tcp)
            facts.append({tr("Throughput"), formatRate(*edge->rates.tcp, true)});
    } else {
        facts.append({tr("Requests"), formatRate(edge->requestRate(), false)});
        const auto err = edge->protocol == md::telemetry::Protocol::Grpc
            ? edge->rates.grpcPercentErr
            : edge->rates.httpPercentErr;
        if (err)
            facts.append({tr("Errors"), formatPercent(*err)});
        const auto &rt = edge->responseTime;
        QStringList times;
        if (rt.avg)
            times << tr("avg %1").arg(formatMs(*rt.avg));
        if (rt.p50)
            times << tr("p50 %1").arg(formatMs(*rt.p50));
        if (rt.p95)
            times << tr("p95 %1").arg(formatMs(*rt.p95));
        if (rt.p99)
            times << tr("p99 %1").arg(formatMs(*rt.p99));
        if (!times.isEmpty())
            facts.append({tr("Response time"), times.join(QStringLiteral(", "))});
        if (edge->throughput)
            facts.append({tr("Response bytes"), formatRate(*edge->throughput, true)});
        QStringList codes;
        const double total = edge->requestRate();
        for (auto it = edge->responses.cbegin(); it != edge->responses.cend(); ++it) {
            QString text = total > 0
                ? tr("%1: %2").arg(it.key(), formatPercent(it->rate / total * 100))
                : it.key();
            QStringList flags;
            for (auto f = it->flags.cbegin(); f != it->flags.cend(); ++f) {
                if (f.key() != QLatin1String("-"))
                    flags << f.key();
            }
            if (!flags.isEmpty())
                text += QStringLiteral(" (") + flags.join(QStringLiteral(", ")) + u')';
            codes << text;
        }
        if (!codes.isEmpty())
            facts.append({tr("Responses"), codes.join(QStringLiteral("; "))});
    }
    if (edge->mtlsPercent)
        facts.append({tr("mTLS"), formatPercent(*edge->mtlsPercent)});
    addFacts(facts);
    addCharts(metricTargetForEdge(*source, *target), tcp);
    addRelated(*target);
    static_cast<QVBoxLayout *>(m_content->layout())->addStretch();
}

} // namespace md::ui::topology
