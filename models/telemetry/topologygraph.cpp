#include "telemetry/topologygraph.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace md::telemetry {

QString graphTypeName(GraphType type)
{
    switch (type) {
    case GraphType::Workload:
        return QStringLiteral("workload");
    case GraphType::App:
        return QStringLiteral("app");
    case GraphType::VersionedApp:
        return QStringLiteral("versionedApp");
    case GraphType::Service:
        return QStringLiteral("service");
    }
    return {};
}

std::optional<GraphType> graphTypeFromName(const QString &name)
{
    for (GraphType t :
         {GraphType::Workload, GraphType::App, GraphType::VersionedApp, GraphType::Service})
        if (graphTypeName(t).compare(name, Qt::CaseInsensitive) == 0)
            return t;
    return std::nullopt;
}

QString nodeTypeName(NodeType type)
{
    switch (type) {
    case NodeType::Workload:
        return QStringLiteral("workload");
    case NodeType::App:
        return QStringLiteral("app");
    case NodeType::Service:
        return QStringLiteral("service");
    case NodeType::ServiceEntry:
        return QStringLiteral("serviceEntry");
    case NodeType::Unknown:
        return QStringLiteral("unknown");
    }
    return {};
}

QString protocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::Http:
        return QStringLiteral("http");
    case Protocol::Grpc:
        return QStringLiteral("grpc");
    case Protocol::Tcp:
        return QStringLiteral("tcp");
    }
    return {};
}

QString healthName(Health health)
{
    switch (health) {
    case Health::NoData:
        return QStringLiteral("noData");
    case Health::Healthy:
        return QStringLiteral("healthy");
    case Health::Degraded:
        return QStringLiteral("degraded");
    case Health::Failure:
        return QStringLiteral("failure");
    }
    return {};
}

namespace {

void addTo(std::optional<double> &to, const std::optional<double> &from)
{
    if (from)
        to = to.value_or(0.0) + *from;
}

} // namespace

void Rates::add(const Rates &other)
{
    addTo(http, other.http);
    addTo(http3xx, other.http3xx);
    addTo(http4xx, other.http4xx);
    addTo(http5xx, other.http5xx);
    addTo(httpNoResponse, other.httpNoResponse);
    addTo(grpc, other.grpc);
    addTo(grpcErr, other.grpcErr);
    addTo(grpcNoResponse, other.grpcNoResponse);
    addTo(tcp, other.tcp);
    derivePercentages();
}

void Rates::derivePercentages()
{
    httpPercentErr.reset();
    grpcPercentErr.reset();
    const double httpErr = http4xx.value_or(0) + http5xx.value_or(0) + httpNoResponse.value_or(0);
    if (http && *http > 0 && httpErr > 0)
        httpPercentErr = std::min(100.0, httpErr / *http * 100.0);
    const double grpcErrors = grpcErr.value_or(0) + grpcNoResponse.value_or(0);
    if (grpc && *grpc > 0 && grpcErrors > 0)
        grpcPercentErr = std::min(100.0, grpcErrors / *grpc * 100.0);
}

qsizetype Graph::indexOfNode(const QString &id) const
{
    for (qsizetype i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id)
            return i;
    return -1;
}

const Node *Graph::node(const QString &id) const
{
    const qsizetype i = indexOfNode(id);
    return i < 0 ? nullptr : &nodes[i];
}

HealthConfig HealthConfig::kialiDefaults()
{
    HealthConfig c;
    c.tolerances = {
        {QStringLiteral("5XX"), QStringLiteral("http"), 0, 10},
        {QStringLiteral("4XX"), QStringLiteral("http"), 10, 20},
        {QStringLiteral("^[1-9]$|^1[0-6]$"), QStringLiteral("grpc"), 0, 10},
        {QStringLiteral("^-$"), QStringLiteral("http|grpc"), 0, 10},
    };
    return c;
}

namespace {

double rounded(double v, double unit)
{
    return std::round(v / unit) * unit;
}

QJsonObject ratesJson(const Rates &r)
{
    QJsonObject o;
    auto put = [&](const char *name, const std::optional<double> &v, double unit) {
        if (v)
            o.insert(QLatin1String(name), rounded(*v, unit));
    };
    put("http", r.http, 0.001);
    put("http3xx", r.http3xx, 0.001);
    put("http4xx", r.http4xx, 0.001);
    put("http5xx", r.http5xx, 0.001);
    put("httpNoResponse", r.httpNoResponse, 0.001);
    put("httpPercentErr", r.httpPercentErr, 0.01);
    put("grpc", r.grpc, 0.001);
    put("grpcErr", r.grpcErr, 0.001);
    put("tcp", r.tcp, 0.001);
    return o;
}

QStringList flagNames(NodeFlags flags)
{
    QStringList out;
    const std::pair<NodeFlag, const char *> names[]
        = {{NodeFlag::Root, "root"},         {NodeFlag::Unused, "unused"},
           {NodeFlag::Idle, "idle"},         {NodeFlag::Gateway, "gateway"},
           {NodeFlag::Waypoint, "waypoint"}, {NodeFlag::Outsider, "outsider"}};
    for (const auto &[f, n] : names)
        if (flags.testFlag(f))
            out << QLatin1String(n);
    return out;
}

QStringList badgeNames(Badges badges)
{
    QStringList out;
    const std::pair<Badge, const char *> names[]
        = {{Badge::VirtualService, "virtualService"}, {Badge::TrafficShifting, "trafficShifting"},
           {Badge::FaultInjection, "faultInjection"}, {Badge::RequestTimeout, "requestTimeout"},
           {Badge::Mirroring, "mirroring"},           {Badge::CircuitBreaker, "circuitBreaker"},
           {Badge::MissingSidecar, "missingSidecar"}, {Badge::Gateway, "gateway"}};
    for (const auto &[b, n] : names)
        if (badges.testFlag(b))
            out << QLatin1String(n);
    return out;
}

QJsonArray reasonsJson(const QList<HealthReason> &reasons)
{
    QJsonArray a;
    for (const HealthReason &r : reasons)
        a.append(r.text);
    return a;
}

} // namespace

QByteArray graphToJson(const Graph &graph, bool details)
{
    QJsonArray nodes;
    for (const Node &n : graph.nodes) {
        QJsonObject o {{QStringLiteral("id"), n.id},
                       {QStringLiteral("type"), nodeTypeName(n.type)},
                       {QStringLiteral("cluster"), n.cluster},
                       {QStringLiteral("namespace"), n.namespaceName},
                       {QStringLiteral("workload"), n.workload},
                       {QStringLiteral("app"), n.app},
                       {QStringLiteral("version"), n.version},
                       {QStringLiteral("service"), n.service}};
        if (details) {
            o.insert(QStringLiteral("flags"), QJsonArray::fromStringList(flagNames(n.flags)));
            o.insert(QStringLiteral("badges"), QJsonArray::fromStringList(badgeNames(n.badges)));
            o.insert(QStringLiteral("health"), healthName(n.health));
            o.insert(QStringLiteral("healthReasons"), reasonsJson(n.healthReasons));
            o.insert(QStringLiteral("inbound"), ratesJson(n.inbound));
            o.insert(QStringLiteral("outbound"), ratesJson(n.outbound));
            if (!n.hosts.isEmpty())
                o.insert(QStringLiteral("hosts"), QJsonArray::fromStringList(n.hosts));
        }
        nodes.append(o);
    }
    QJsonArray edges;
    for (const Edge &e : graph.edges) {
        QJsonObject rt;
        auto put = [&](const char *name, const std::optional<double> &v) {
            if (v)
                rt.insert(QLatin1String(name), rounded(*v, 0.01));
        };
        put("avg", e.responseTime.avg);
        put("p50", e.responseTime.p50);
        put("p95", e.responseTime.p95);
        put("p99", e.responseTime.p99);
        QJsonObject o {{QStringLiteral("source"), e.source},
                       {QStringLiteral("target"), e.target},
                       {QStringLiteral("protocol"), protocolName(e.protocol)},
                       {QStringLiteral("rates"), ratesJson(e.rates)},
                       {QStringLiteral("responseTime"), rt}};
        if (e.mtlsPercent)
            o.insert(QStringLiteral("mtlsPercent"), rounded(*e.mtlsPercent, 0.1));
        if (details) {
            o.insert(QStringLiteral("id"), e.id);
            o.insert(QStringLiteral("health"), healthName(e.health));
            o.insert(QStringLiteral("healthReasons"), reasonsJson(e.healthReasons));
            if (e.throughput)
                o.insert(QStringLiteral("throughput"), rounded(*e.throughput, 0.01));
            if (!e.waypoint.isEmpty())
                o.insert(QStringLiteral("waypoint"), e.waypoint);
            QJsonObject responses;
            for (auto it = e.responses.cbegin(); it != e.responses.cend(); ++it) {
                QJsonObject flags, hosts;
                for (auto f = it->flags.cbegin(); f != it->flags.cend(); ++f)
                    flags.insert(f.key(), rounded(*f, 0.001));
                for (auto h = it->hosts.cbegin(); h != it->hosts.cend(); ++h)
                    hosts.insert(h.key(), rounded(*h, 0.001));
                responses.insert(it.key(),
                                 QJsonObject {{QStringLiteral("rate"), rounded(it->rate, 0.001)},
                                              {QStringLiteral("flags"), flags},
                                              {QStringLiteral("hosts"), hosts}});
            }
            o.insert(QStringLiteral("responses"), responses);
        }
        edges.append(o);
    }
    QJsonObject root {{QStringLiteral("graphType"), graphTypeName(graph.type)},
                      {QStringLiteral("nodes"), nodes},
                      {QStringLiteral("edges"), edges}};
    if (details) {
        root.insert(QStringLiteral("timestamp"), graph.time.toSecsSinceEpoch());
        root.insert(QStringLiteral("duration"), qint64(graph.duration.count()));
        root.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(graph.warnings));
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

namespace {

QByteArray dotQuote(const QString &s)
{
    QString v = s;
    v.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return '"' + v.toUtf8() + '"';
}

QString nodeLabel(const Node &n)
{
    switch (n.type) {
    case NodeType::Workload:
        return n.workload;
    case NodeType::App:
        return n.version.isEmpty() ? n.app : n.app + u'\n' + n.version;
    case NodeType::Service:
    case NodeType::ServiceEntry:
        return n.service;
    case NodeType::Unknown:
        return QStringLiteral("unknown");
    }
    return n.id;
}

const char *nodeShape(NodeType t)
{
    switch (t) {
    case NodeType::Workload:
        return "ellipse";
    case NodeType::App:
        return "box";
    case NodeType::Service:
        return "diamond";
    case NodeType::ServiceEntry:
        return "trapezium";
    case NodeType::Unknown:
        return "octagon";
    }
    return "ellipse";
}

const char *healthColor(Health h)
{
    switch (h) {
    case Health::Failure:
        return "red";
    case Health::Degraded:
        return "orange";
    case Health::Healthy:
        return "darkgreen";
    case Health::NoData:
        break;
    }
    return "gray";
}

} // namespace

QByteArray graphToDot(const Graph &graph)
{
    QByteArray out = "digraph topology {\n  rankdir=LR;\n  node [fontsize=10];\n"
                     "  edge [fontsize=8];\n";
    QMap<QString, QMap<QString, QList<const Node *>>> boxes; // cluster -> namespace -> nodes
    for (const Node &n : graph.nodes)
        boxes[n.cluster][n.namespaceName] << &n;
    int box = 0;
    for (auto c = boxes.cbegin(); c != boxes.cend(); ++c) {
        out += "  subgraph cluster_" + QByteArray::number(box++) + " {\n    label="
            + dotQuote(c.key().isEmpty() ? QStringLiteral("-") : c.key()) + ";\n";
        for (auto ns = c->cbegin(); ns != c->cend(); ++ns) {
            const bool boxed = !ns.key().isEmpty();
            if (boxed)
                out += "    subgraph cluster_" + QByteArray::number(box++)
                    + " {\n      label=" + dotQuote(ns.key()) + ";\n";
            for (const Node *n : *ns)
                out += "      " + dotQuote(n->id) + " [label=" + dotQuote(nodeLabel(*n))
                    + ", shape=" + nodeShape(n->type) + ", color=" + healthColor(n->health)
                    + "];\n";
            if (boxed)
                out += "    }\n";
        }
        out += "  }\n";
    }
    for (const Edge &e : graph.edges) {
        QString label;
        if (e.protocol == Protocol::Tcp)
            label = QString::number(e.rates.tcp.value_or(0), 'f', 1) + QStringLiteral(" B/s");
        else
            label = QString::number(e.requestRate(), 'f', 2) + QStringLiteral(" rps");
        const auto err
            = e.protocol == Protocol::Grpc ? e.rates.grpcPercentErr : e.rates.httpPercentErr;
        if (err)
            label += QStringLiteral("\n%1% err").arg(*err, 0, 'f', 1);
        out += "  " + dotQuote(e.source) + " -> " + dotQuote(e.target)
            + " [label=" + dotQuote(label) + ", color=" + healthColor(e.health)
            + (e.idle ? ", style=dashed" : "") + "];\n";
    }
    out += "}\n";
    return out;
}

} // namespace md::telemetry
