#include "telemetry/topologybuilder.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <vector>

namespace md::telemetry {

namespace {

// Label names, built once.
struct Names
{
    const QString reporter = QStringLiteral("reporter");
    const QString app = QStringLiteral("app");
    const QString le = QStringLiteral("le");
    const QString srcCluster = QStringLiteral("source_cluster");
    const QString srcNs = QStringLiteral("source_workload_namespace");
    const QString srcWorkload = QStringLiteral("source_workload");
    const QString srcApp = QStringLiteral("source_canonical_service");
    const QString srcVersion = QStringLiteral("source_canonical_revision");
    const QString dstCluster = QStringLiteral("destination_cluster");
    const QString dstSvcNs = QStringLiteral("destination_service_namespace");
    const QString dstSvc = QStringLiteral("destination_service");
    const QString dstSvcName = QStringLiteral("destination_service_name");
    const QString dstNs = QStringLiteral("destination_workload_namespace");
    const QString dstWorkload = QStringLiteral("destination_workload");
    const QString dstApp = QStringLiteral("destination_canonical_service");
    const QString dstVersion = QStringLiteral("destination_canonical_revision");
    const QString protocol = QStringLiteral("request_protocol");
    const QString code = QStringLiteral("response_code");
    const QString grpcStatus = QStringLiteral("grpc_response_status");
    const QString flags = QStringLiteral("response_flags");
    const QString security = QStringLiteral("connection_security_policy");
    const QString unknown = QStringLiteral("unknown");
    const QString ztunnel = QStringLiteral("ztunnel");
    const QString waypoint = QStringLiteral("waypoint");
    const QString destination = QStringLiteral("destination");
    const QString source = QStringLiteral("source");
    const QString mutualTls = QStringLiteral("mutual_tls");
    const QString grpc = QStringLiteral("grpc");
    const QString passthrough = QStringLiteral("PassthroughCluster");
    const QString blackhole = QStringLiteral("BlackHoleCluster");
    const QString noResponse = QStringLiteral("-");
};

const Names &names()
{
    static const Names n;
    return n;
}

const QString kEdgeLabels = QStringLiteral(
    "source_cluster,source_workload_namespace,source_workload,source_canonical_service,"
    "source_canonical_revision,destination_cluster,destination_service_namespace,"
    "destination_service,destination_service_name,destination_workload_namespace,"
    "destination_workload,destination_canonical_service,destination_canonical_revision");

bool known(const QString &v)
{
    return !v.isEmpty() && v != names().unknown;
}

int reporterPriority(const QString &reporter)
{
    const Names &n = names();
    if (reporter == n.destination)
        return 3;
    if (reporter == n.waypoint)
        return 2;
    if (reporter == n.source)
        return 1;
    return 0;
}

// A label value of a series, by reference: the series outlive the build, and rows are copied
// around (deduplication), so references spare atomic reference counting per label and copy.
class Text
{
public:
    Text() = default;
    explicit Text(const QString *text)
        : m_text(text)
    { }
    operator const QString &() const { return *m_text; }
    const QString &str() const { return *m_text; }

private:
    static const QString s_empty;
    const QString *m_text = &s_empty;
};

const QString Text::s_empty;

// The labels of one series the builder reads, looked up once.
struct Row
{
    Text reporter, app, le;
    Text srcCluster, srcNs, srcWorkload, srcApp, srcVersion;
    Text dstCluster, dstSvcNs, dstSvc, dstSvcName, dstNs, dstWorkload, dstApp, dstVersion;
    Text protocol, code, grpcStatus, flags, security;
    double value = 0;
    int priority = 0;

    // Which field a label fills, by the label name's text.
    static Text Row::*fieldFor(const QString &name)
    {
        static const QHash<QString, Text Row::*> fields = [] {
            const Names &n = names();
            return QHash<QString, Text Row::*> {{n.reporter, &Row::reporter},
                                                {n.app, &Row::app},
                                                {n.le, &Row::le},
                                                {n.srcCluster, &Row::srcCluster},
                                                {n.srcNs, &Row::srcNs},
                                                {n.srcWorkload, &Row::srcWorkload},
                                                {n.srcApp, &Row::srcApp},
                                                {n.srcVersion, &Row::srcVersion},
                                                {n.dstCluster, &Row::dstCluster},
                                                {n.dstSvcNs, &Row::dstSvcNs},
                                                {n.dstSvc, &Row::dstSvc},
                                                {n.dstSvcName, &Row::dstSvcName},
                                                {n.dstNs, &Row::dstNs},
                                                {n.dstWorkload, &Row::dstWorkload},
                                                {n.dstApp, &Row::dstApp},
                                                {n.dstVersion, &Row::dstVersion},
                                                {n.protocol, &Row::protocol},
                                                {n.code, &Row::code},
                                                {n.grpcStatus, &Row::grpcStatus},
                                                {n.flags, &Row::flags},
                                                {n.security, &Row::security}};
        }();
        return fields.value(name, nullptr);
    }

    // Names of parsed answers are interned (one QString per name) and the series of one
    // answer mostly list the same names in the same hash order: the field of the label at
    // each position is remembered by the name's address, and looked up by text only when
    // the address at that position differs.
    struct FieldCache
    {
        std::vector<std::pair<const QChar *, Text Row::*>> byPosition;
        QHash<const QChar *, Text Row::*> byAddress;
    };

    Row(const Series &s, FieldCache &cache)
    {
        size_t position = 0;
        for (auto it = s.metric.cbegin(); it != s.metric.cend(); ++it, ++position) {
            const QChar *text = it.key().constData();
            if (position >= cache.byPosition.size())
                cache.byPosition.resize(position + 1, {nullptr, nullptr});
            auto &slot = cache.byPosition[position];
            if (slot.first != text) {
                auto f = cache.byAddress.constFind(text);
                if (f == cache.byAddress.constEnd()) {
                    // Every name stays alive while its answer is read.
                    f = cache.byAddress.insert(text, fieldFor(it.key()));
                }
                slot = {text, *f};
            }
            if (slot.second)
                this->*slot.second = Text(&it.value());
        }
        value = s.value();
        priority = reporterPriority(reporter);
    }

    // Everything but the reporter (and the scraped pod's app): equal for the copies of one
    // series reported by several proxies.
    QString key() const
    {
        QString k;
        k.reserve(320);
        for (const Text *v : {&srcCluster, &srcNs, &srcWorkload, &srcApp, &srcVersion, &dstCluster,
                              &dstSvcNs, &dstSvc, &dstSvcName, &dstNs, &dstWorkload, &dstApp,
                              &dstVersion, &protocol, &code, &grpcStatus, &flags, &security}) {
            k += v->str();
            k += QChar(0x1f);
        }
        return k;
    }
    bool isGrpc() const { return protocol == names().grpc; }
};

} // namespace

QList<TopologyQuery> topologyQueries(const TopologyOptions &options)
{
    QStringList reporters;
    if (options.reporters & (Reporter::Sidecar | Reporter::Ztunnel))
        reporters << QStringLiteral("source") << QStringLiteral("destination");
    if (options.reporters & Reporter::Waypoint)
        reporters << QStringLiteral("waypoint");
    QString scope = options.scope.trimmed();
    if (!scope.isEmpty() && !scope.startsWith(u','))
        scope.prepend(u',');
    const QString reporter = QStringLiteral("reporter=~\"%1\"").arg(reporters.join(u'|'));
    const QString window = QStringLiteral("[%1s]").arg(options.duration.count());
    const QString positive = options.includeIdle ? QString() : QStringLiteral(" > 0");
    const QString noZtunnel = options.reporters.testFlag(Reporter::Ztunnel)
        ? QString()
        : QStringLiteral(",app!=\"ztunnel\"");
    auto sum = [&](const QString &metric, const QString &selector, const QString &by) {
        return QStringLiteral("sum(rate(%1{%2%3}%4)) by (%5)")
            .arg(metric, selector, scope, window, by);
    };
    QList<TopologyQuery> q;
    q << TopologyQuery {TopologyMetric::Requests,
                        QStringLiteral("round(%1,0.001)%2")
                            .arg(sum(QStringLiteral("istio_requests_total"), reporter,
                                     QStringLiteral("reporter,") + kEdgeLabels
                                         + QStringLiteral(",request_protocol,response_code,"
                                                          "grpc_response_status,response_flags")),
                                 positive)};
    q << TopologyQuery {
        TopologyMetric::Tcp,
        QStringLiteral("round(%1,0.001)%2")
            .arg(sum(QStringLiteral("istio_tcp_received_bytes_total"), reporter + noZtunnel,
                     QStringLiteral("reporter,app,") + kEdgeLabels
                         + QStringLiteral(",response_flags")),
                 positive)};
    const QString byLatency
        = QStringLiteral("reporter,") + kEdgeLabels + QStringLiteral(",request_protocol");
    q << TopologyQuery {TopologyMetric::Duration,
                        sum(QStringLiteral("istio_request_duration_milliseconds_bucket"), reporter,
                            QStringLiteral("le,") + byLatency)
                            + QStringLiteral(" > 0")};
    q << TopologyQuery {
        TopologyMetric::DurationSum,
        sum(QStringLiteral("istio_request_duration_milliseconds_sum"), reporter, byLatency)
            + QStringLiteral(" > 0")};
    q << TopologyQuery {
        TopologyMetric::DurationCount,
        sum(QStringLiteral("istio_request_duration_milliseconds_count"), reporter, byLatency)
            + QStringLiteral(" > 0")};
    const QString destination = QStringLiteral("reporter=\"destination\"");
    q << TopologyQuery {
        TopologyMetric::MtlsRequests,
        sum(QStringLiteral("istio_requests_total"), destination,
            kEdgeLabels + QStringLiteral(",request_protocol,connection_security_policy"))
            + QStringLiteral(" > 0")};
    q << TopologyQuery {TopologyMetric::MtlsTcp,
                        sum(QStringLiteral("istio_tcp_received_bytes_total"),
                            destination + noZtunnel,
                            kEdgeLabels + QStringLiteral(",connection_security_policy"))
                            + QStringLiteral(" > 0")};
    q << TopologyQuery {TopologyMetric::ResponseBytes,
                        sum(QStringLiteral("istio_response_bytes_sum"), reporter, byLatency)
                            + QStringLiteral(" > 0")};
    return q;
}

std::optional<double> histogramQuantile(double q, const QList<std::pair<double, double>> &buckets)
{
    // Prometheus promql/quantile.go bucketQuantile.
    if (buckets.size() < 2 || !std::isinf(buckets.constLast().first))
        return std::nullopt;
    const double observations = buckets.constLast().second;
    if (observations <= 0)
        return std::nullopt;
    if (q < 0)
        return -std::numeric_limits<double>::infinity();
    if (q > 1)
        return std::numeric_limits<double>::infinity();
    const double rank = q * observations;
    qsizetype b = 0;
    while (b < buckets.size() - 1 && buckets[b].second < rank)
        ++b;
    if (b == buckets.size() - 1)
        return buckets[buckets.size() - 2].first;
    if (b == 0 && buckets[0].first <= 0)
        return buckets[0].first;
    double start = 0, end = buckets[b].first, count = buckets[b].second, r = rank;
    if (b > 0) {
        start = buckets[b - 1].first;
        count -= buckets[b - 1].second;
        r -= buckets[b - 1].second;
    }
    if (count <= 0)
        return end;
    return start + (end - start) * (r / count);
}

namespace {

struct NodeKey
{
    NodeType type = NodeType::Workload;
    QString cluster, ns, workload, app, version, service, host;
    bool waypoint = false;
    bool gateway = false;
    QString cachedId; // set once resolved

    QString id(GraphType graph) const
    {
        if (!cachedId.isEmpty())
            return cachedId;
        switch (type) {
        case NodeType::Unknown:
            return QStringLiteral("unknown:") + cluster;
        case NodeType::Service:
        case NodeType::ServiceEntry:
            return QStringLiteral("svc:") + cluster + u':' + ns + u':' + service;
        case NodeType::App:
            if (graph == GraphType::VersionedApp)
                return QStringLiteral("vapp:") + cluster + u':' + ns + u':' + app + u':' + version;
            return QStringLiteral("app:") + cluster + u':' + ns + u':' + app;
        case NodeType::Workload:
            break;
        }
        return QStringLiteral("wl:") + cluster + u':' + ns + u':' + workload;
    }
};

struct EdgeData
{
    Edge edge;
    QMap<double, double> buckets; // le -> rate
    double durationSum = 0, durationCount = 0;
    double mtls = 0, mtlsTotal = 0;
    bool viaWaypoint = false; // waypoint-reported L7
    bool ztunnel = false;
};

class Builder
{
public:
    Builder(const TopologyOptions &options)
        : m_options(options)
        , m_graphType(options.graphType)
    {
        for (const QString &w : options.waypointWorkloads)
            m_waypoints.insert(w);
    }

    Graph build(const TopologyAnswers &answers);

private:
    struct Resolved
    {
        bool ok = false;
        NodeKey source, destination, service;
        bool inject = false;
        bool waypoint = false; // the destination is a waypoint proxy
    };

    bool isWaypoint(const QString &ns, const QString &workload) const
    {
        return !workload.isEmpty()
            && (workload == names().waypoint || workload.endsWith(QStringLiteral("-waypoint"))
                || (!m_waypoints.isEmpty() && m_waypoints.contains(ns + u'/' + workload)));
    }
    static bool isGateway(const QString &app, const QString &workload)
    {
        for (const QString &s : {app, workload})
            if (s.contains(QStringLiteral("ingressgateway"))
                || s.contains(QStringLiteral("egressgateway")))
                return true;
        return false;
    }

    NodeKey endpoint(const QString &cluster, const QString &ns, const QString &workload,
                     const QString &app, const QString &version) const
    {
        NodeKey k;
        k.cluster = cluster;
        k.ns = ns;
        k.workload = workload;
        k.app = known(app) ? app : QString();
        k.version = known(version) ? version : QString();
        k.waypoint = isWaypoint(ns, workload);
        k.gateway = isGateway(app, workload);
        const bool byApp = (m_graphType == GraphType::App || m_graphType == GraphType::VersionedApp)
            && !k.app.isEmpty() && !k.waypoint;
        if (byApp) {
            k.type = NodeType::App;
            k.workload.clear();
            if (m_graphType == GraphType::App)
                k.version.clear();
        }
        return k;
    }

    Resolved resolve(const Row &m) const;
    QString edgeFor(const NodeKey &from, const NodeKey &to, Protocol protocol);
    QString nodeFor(const NodeKey &key);
    QList<QString> edgesOf(const Row &m, Protocol protocol, Resolved *out = nullptr);
    void addRequests(const QueryResult &result);
    void addTcp(const QueryResult &result);
    void addDuration(const TopologyAnswers &answers);
    void addMtls(const QueryResult &result, bool tcp);
    void addThroughput(const QueryResult &result);
    QList<Row> deduplicated(const QueryResult &result, bool withLe) const;
    bool reporterAllowed(const Row &m) const;
    void reduceToServices();
    Graph finish();

    const TopologyOptions &m_options;
    GraphType m_graphType;
    QSet<QString> m_waypoints;
    QHash<QString, Node> m_nodes;
    QHash<QString, EdgeData> m_edges;
    QSet<QString> m_l7ViaWaypoint; // "src>dst" of waypoint-reported L7 edges
    QStringList m_warnings;
    int m_skipped = 0;
};

bool Builder::reporterAllowed(const Row &m) const
{
    const Names &n = names();
    const QString &reporter = m.reporter;
    if (reporter == n.waypoint)
        return m_options.reporters.testFlag(Reporter::Waypoint);
    if (m.app == n.ztunnel)
        return m_options.reporters.testFlag(Reporter::Ztunnel);
    return m_options.reporters.testFlag(Reporter::Sidecar);
}

Builder::Resolved Builder::resolve(const Row &m) const
{
    const Names &n = names();
    Resolved r;
    QString dstCluster = m.dstCluster;
    QString srcCluster = m.srcCluster;
    if (!known(dstCluster))
        dstCluster = srcCluster; // istio#29373
    if (!known(srcCluster))
        srcCluster = dstCluster;
    if (!known(dstCluster) && !dstCluster.isEmpty())
        dstCluster.clear();
    if (!known(srcCluster) && !srcCluster.isEmpty())
        srcCluster.clear();

    const QString &srcNs = m.srcNs;
    const QString &srcWorkload = m.srcWorkload;
    const QString &srcApp = m.srcApp;
    if (!known(srcWorkload) && !known(srcApp)) {
        if (known(srcNs))
            return r; // a namespace but neither workload nor app: bad telemetry
        r.source.type = NodeType::Unknown;
        r.source.cluster = dstCluster;
    } else {
        r.source = endpoint(srcCluster, srcNs, known(srcWorkload) ? srcWorkload : srcApp, srcApp,
                            m.srcVersion);
    }

    const QString &svcName = m.dstSvcName;
    const QString &svcHost = m.dstSvc;
    QString svcNs = m.dstSvcNs;
    if (!known(svcNs))
        svcNs.clear();
    const QString &dstWorkload = m.dstWorkload;
    if (!svcName.isEmpty()) {
        r.service.type = NodeType::Service;
        r.service.cluster = dstCluster;
        r.service.ns = svcNs;
        r.service.service = svcName;
        r.service.host = svcHost;
        const bool external = svcName == n.passthrough || svcName == n.blackhole
            || svcName.contains(u'.') || (svcNs.isEmpty() && !known(dstWorkload));
        if (external)
            r.service.type = NodeType::ServiceEntry;
    }
    if (known(dstWorkload)) {
        const QString &dstApp = m.dstApp;
        r.destination = endpoint(dstCluster, m.dstNs, dstWorkload, dstApp, m.dstVersion);
        r.waypoint = r.destination.waypoint;
        r.inject = !svcName.isEmpty() && svcName != n.passthrough
            && (m_options.injectServiceNodes || m_graphType == GraphType::Service) && !r.waypoint
            && m.reporter != n.waypoint && !r.source.waypoint;
    } else {
        if (svcName.isEmpty()) {
            return r;
        }
        // No workload answered: an IP address as service name is useless (Kiali skips it).
        static const QRegularExpression ip(QStringLiteral("^\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?$"));
        if (svcName == svcHost && ip.match(svcName).hasMatch())
            return r;
        r.destination = r.service;
    }
    r.source.cachedId = r.source.id(m_graphType);
    r.destination.cachedId = r.destination.id(m_graphType);
    if (r.inject)
        r.service.cachedId = r.service.id(m_graphType);
    r.ok = true;
    return r;
}

QString Builder::nodeFor(const NodeKey &key)
{
    QString id = key.id(m_graphType);
    Node &n = m_nodes[id]; // one lookup: a new node is recognised by its empty id
    if (n.id.isEmpty()) {
        n.id = id;
        n.type = key.type;
        n.cluster = key.cluster;
        n.namespaceName = key.ns;
        n.workload = key.workload;
        n.app = key.app;
        n.version = key.version;
        n.service = key.service;
        if (key.waypoint)
            n.flags |= NodeFlag::Waypoint;
        if (key.gateway)
            n.flags |= NodeFlag::Gateway;
    }
    if (!key.host.isEmpty() && !n.hosts.contains(key.host))
        n.hosts << key.host;
    return id;
}

QString Builder::edgeFor(const NodeKey &from, const NodeKey &to, Protocol protocol)
{
    const QString src = nodeFor(from);
    const QString dst = nodeFor(to);
    QString id = src + QStringLiteral("->") + dst + u':' + protocolName(protocol);
    EdgeData &d = m_edges[id]; // one lookup: a new edge is recognised by its empty id
    if (d.edge.id.isEmpty()) {
        d.edge.id = id;
        d.edge.source = src;
        d.edge.target = dst;
        d.edge.protocol = protocol;
    }
    return id;
}

QList<QString> Builder::edgesOf(const Row &m, Protocol protocol, Resolved *out)
{
    const Resolved r = resolve(m);
    if (out)
        *out = r;
    if (!r.ok) {
        ++m_skipped;
        return {};
    }
    if (r.inject)
        return {edgeFor(r.source, r.service, protocol),
                edgeFor(r.service, r.destination, protocol)};
    return {edgeFor(r.source, r.destination, protocol)};
}

QList<Row> Builder::deduplicated(const QueryResult &result, bool withLe) const
{
    // One value per series: the same labels from several reporters count once (destination,
    // then waypoint, then source). Histograms: one reporter for all buckets of a series.
    QList<Row> rows;
    rows.reserve(result.series.size());
    QList<QString> keys;
    keys.reserve(result.series.size());
    QHash<QString, qsizetype> best; // key -> row (or, for histograms, its priority)
    best.reserve(result.series.size());
    Row::FieldCache cache;
    for (const Series &series : result.series) {
        Row row(series, cache);
        if (!reporterAllowed(row) || !std::isfinite(row.value))
            continue;
        QString key = row.key();
        if (withLe) {
            qsizetype &priority = best[key];
            priority = std::max<qsizetype>(priority, row.priority);
            keys << std::move(key);
            rows << std::move(row);
            continue;
        }
        auto it = best.find(key);
        if (it == best.end()) {
            best.insert(key, rows.size());
            rows << std::move(row);
        } else if (row.priority > rows[*it].priority) {
            rows[*it] = std::move(row);
        }
    }
    if (withLe) {
        QList<Row> out;
        out.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            if (rows[i].priority == best.value(keys[i]))
                out << std::move(rows[i]);
        return out;
    }
    return rows;
}

void Builder::addRequests(const QueryResult &result)
{
    const Names &n = names();
    for (const Row &m : deduplicated(result, false)) {
        const double v = m.value;
        const Protocol protocol = m.protocol == n.grpc ? Protocol::Grpc : Protocol::Http;
        Resolved r;
        const QList<QString> ids = edgesOf(m, protocol, &r);
        QString code = m.code;
        if (code == u"0" || code.isEmpty())
            code = n.noResponse;
        const bool httpError = code.size() == 3 && (code[0] == u'4' || code[0] == u'5');
        if (protocol == Protocol::Grpc && !httpError && code != n.noResponse) {
            const QString &status = m.grpcStatus;
            if (!status.isEmpty())
                code = status;
        }
        QString flag = m.flags;
        if (flag.isEmpty())
            flag = n.noResponse;
        const bool viaWaypoint = m.reporter == n.waypoint;
        for (const QString &id : ids) {
            EdgeData &d = m_edges[id];
            Rates &rates = d.edge.rates;
            if (protocol == Protocol::Http) {
                rates.http = rates.http.value_or(0) + v;
                std::optional<double> *bucket = nullptr;
                if (code == n.noResponse)
                    bucket = &rates.httpNoResponse;
                else if (code.startsWith(u'3'))
                    bucket = &rates.http3xx;
                else if (code.startsWith(u'4'))
                    bucket = &rates.http4xx;
                else if (code.startsWith(u'5'))
                    bucket = &rates.http5xx;
                if (bucket)
                    *bucket = bucket->value_or(0) + v;
            } else {
                rates.grpc = rates.grpc.value_or(0) + v;
                if (code == n.noResponse)
                    rates.grpcNoResponse = rates.grpcNoResponse.value_or(0) + v;
                else if (code.size() == 3 ? httpError : code != u"0")
                    rates.grpcErr = rates.grpcErr.value_or(0) + v;
            }
            ResponseDetail &detail = d.edge.responses[code];
            detail.rate += v;
            detail.flags[flag] += v;
            detail.hosts[m.dstSvc] += v;
            if (viaWaypoint) {
                d.viaWaypoint = true;
                m_l7ViaWaypoint.insert(d.edge.source + u'>' + d.edge.target);
            }
        }
    }
}

void Builder::addTcp(const QueryResult &result)
{
    const Names &n = names();
    QList<std::pair<QString, double>> ztunnelEdges;
    for (const Row &m : deduplicated(result, false)) {
        const double v = m.value;
        const bool ztunnel = m.app == n.ztunnel;
        Resolved r;
        if (ztunnel) {
            // Ambient: drop L4 copies of traffic a waypoint reported as L7 (no doubled edge).
            r = resolve(m);
            if (!r.ok) {
                ++m_skipped;
                continue;
            }
            const QString pair = r.source.id(m_graphType) + u'>' + r.destination.id(m_graphType);
            if (m_l7ViaWaypoint.contains(pair))
                continue;
            if (!m_options.showWaypoints && (r.source.waypoint || r.destination.waypoint))
                continue;
        }
        QString flag = m.flags;
        if (flag.isEmpty())
            flag = n.noResponse;
        for (const QString &id : edgesOf(m, Protocol::Tcp)) {
            EdgeData &d = m_edges[id];
            d.edge.rates.tcp = d.edge.rates.tcp.value_or(0) + v;
            ResponseDetail &detail = d.edge.responses[n.noResponse];
            detail.rate += v;
            detail.flags[flag] += v;
            detail.hosts[m.dstSvc] += v;
            d.ztunnel |= ztunnel;
        }
    }
}

void Builder::addDuration(const TopologyAnswers &answers)
{
    const Names &n = names();
    auto protocolOf
        = [&](const Row &m) { return m.protocol == n.grpc ? Protocol::Grpc : Protocol::Http; };
    auto edgesFor = [&](const Row &m) {
        const Resolved r = resolve(m);
        QList<QString> ids;
        if (!r.ok)
            return ids;
        const Protocol p = protocolOf(m);
        auto existing = [&](const NodeKey &a, const NodeKey &b) {
            const QString id = a.id(m_graphType) + QStringLiteral("->") + b.id(m_graphType) + u':'
                + protocolName(p);
            if (m_edges.contains(id))
                ids << id;
        };
        if (r.inject) {
            existing(r.source, r.service);
            existing(r.service, r.destination);
        } else {
            existing(r.source, r.destination);
        }
        return ids;
    };
    if (answers.contains(TopologyMetric::Duration)) {
        for (const Row &s : deduplicated(answers[TopologyMetric::Duration], true)) {
            const QString &le = s.le;
            bool ok = false;
            const double bound
                = le == u"+Inf" ? std::numeric_limits<double>::infinity() : le.toDouble(&ok);
            if (le != u"+Inf" && !ok)
                continue;
            const double v = s.value;
            if (!std::isfinite(v))
                continue;
            for (const QString &id : edgesFor(s))
                m_edges[id].buckets[bound] += v;
        }
    }
    for (auto metric : {TopologyMetric::DurationSum, TopologyMetric::DurationCount}) {
        if (!answers.contains(metric))
            continue;
        for (const Row &s : deduplicated(answers[metric], false)) {
            const double v = s.value;
            if (!std::isfinite(v))
                continue;
            for (const QString &id : edgesFor(s)) {
                EdgeData &d = m_edges[id];
                (metric == TopologyMetric::DurationSum ? d.durationSum : d.durationCount) += v;
            }
        }
    }
    for (EdgeData &d : m_edges) {
        if (d.durationCount > 0)
            d.edge.responseTime.avg = d.durationSum / d.durationCount;
        if (d.buckets.isEmpty() || !std::isinf(d.buckets.lastKey()))
            continue;
        QList<std::pair<double, double>> cumulative;
        double running = 0;
        for (auto it = d.buckets.cbegin(); it != d.buckets.cend(); ++it) {
            running = std::max(running, *it); // buckets are cumulative; missing ones were 0
            cumulative.append({it.key(), running});
        }
        d.edge.responseTime.p50 = histogramQuantile(0.5, cumulative);
        d.edge.responseTime.p95 = histogramQuantile(0.95, cumulative);
        d.edge.responseTime.p99 = histogramQuantile(0.99, cumulative);
    }
}

void Builder::addMtls(const QueryResult &result, bool tcp)
{
    const Names &n = names();
    Row::FieldCache cache;
    for (const Series &series : result.series) {
        const Row s(series, cache);
        const double v = s.value;
        if (!std::isfinite(v) || v <= 0)
            continue;
        const Resolved r = resolve(s);
        if (!r.ok)
            continue;
        const Protocol p = tcp     ? Protocol::Tcp
            : s.protocol == n.grpc ? Protocol::Grpc
                                   : Protocol::Http;
        QList<std::pair<NodeKey, NodeKey>> pairs;
        if (r.inject)
            pairs = {{r.source, r.service}, {r.service, r.destination}};
        else
            pairs = {{r.source, r.destination}};
        const bool mutual = s.security == n.mutualTls;
        for (const auto &[a, b] : pairs) {
            auto it = m_edges.find(a.id(m_graphType) + QStringLiteral("->") + b.id(m_graphType)
                                   + u':' + protocolName(p));
            if (it == m_edges.end())
                continue;
            it->mtlsTotal += v;
            if (mutual)
                it->mtls += v;
        }
    }
}

void Builder::addThroughput(const QueryResult &result)
{
    const Names &n = names();
    for (const Row &s : deduplicated(result, false)) {
        const double v = s.value;
        const Resolved r = resolve(s);
        if (!r.ok)
            continue;
        const Protocol p = s.protocol == n.grpc ? Protocol::Grpc : Protocol::Http;
        QList<std::pair<NodeKey, NodeKey>> pairs;
        if (r.inject)
            pairs = {{r.source, r.service}, {r.service, r.destination}};
        else
            pairs = {{r.source, r.destination}};
        for (const auto &[a, b] : pairs) {
            auto it = m_edges.find(a.id(m_graphType) + QStringLiteral("->") + b.id(m_graphType)
                                   + u':' + protocolName(p));
            if (it != m_edges.end())
                it->edge.throughput = it->edge.throughput.value_or(0) + v;
        }
    }
}

void scaleRates(Rates &r, double f)
{
    for (std::optional<double> *v : {&r.http, &r.http3xx, &r.http4xx, &r.http5xx, &r.httpNoResponse,
                                     &r.grpc, &r.grpcErr, &r.grpcNoResponse, &r.tcp})
        if (*v)
            **v *= f;
}

void mergeEdge(EdgeData &into, const EdgeData &from, double share)
{
    Rates scaled = from.edge.rates;
    scaleRates(scaled, share);
    into.edge.rates.add(scaled);
    for (auto it = from.edge.responses.cbegin(); it != from.edge.responses.cend(); ++it) {
        ResponseDetail &d = into.edge.responses[it.key()];
        d.rate += it->rate * share;
        for (auto f = it->flags.cbegin(); f != it->flags.cend(); ++f)
            d.flags[f.key()] += *f * share;
        for (auto h = it->hosts.cbegin(); h != it->hosts.cend(); ++h)
            d.hosts[h.key()] += *h * share;
    }
    for (auto b = from.buckets.cbegin(); b != from.buckets.cend(); ++b)
        into.buckets[b.key()] += *b * share;
    into.durationSum += from.durationSum * share;
    into.durationCount += from.durationCount * share;
    into.mtls += from.mtls * share;
    into.mtlsTotal += from.mtlsTotal * share;
    if (from.edge.throughput)
        into.edge.throughput = into.edge.throughput.value_or(0) + *from.edge.throughput * share;
    into.viaWaypoint |= from.viaWaypoint;
    into.ztunnel |= from.ztunnel;
}

void Builder::reduceToServices()
{
    // Kiali's ReduceToServiceGraph: a workload behind services disappears; its outbound
    // traffic leaves from its services (split by their share of its inbound traffic).
    QHash<QString, QList<std::pair<QString, double>>> servicesOf; // workload -> (service, rate)
    for (const EdgeData &d : std::as_const(m_edges)) {
        const Node &from = m_nodes[d.edge.source];
        const Node &to = m_nodes[d.edge.target];
        if (from.type == NodeType::Service && to.type != NodeType::Service
            && to.type != NodeType::ServiceEntry)
            servicesOf[to.id].append(
                {from.id, d.edge.requestRate() + d.edge.rates.tcp.value_or(0)});
    }
    QHash<QString, EdgeData> reduced;
    auto into = [&](const QString &src, const EdgeData &d, double share) {
        const QString id
            = src + QStringLiteral("->") + d.edge.target + u':' + protocolName(d.edge.protocol);
        auto it = reduced.find(id);
        if (it == reduced.end()) {
            EdgeData e;
            e.edge.id = id;
            e.edge.source = src;
            e.edge.target = d.edge.target;
            e.edge.protocol = d.edge.protocol;
            it = reduced.insert(id, e);
        }
        mergeEdge(*it, d, share);
    };
    for (const EdgeData &d : std::as_const(m_edges)) {
        if (servicesOf.contains(d.edge.target) && m_nodes[d.edge.source].type == NodeType::Service)
            continue; // service -> its workload
        const auto services = servicesOf.value(d.edge.source);
        if (services.isEmpty()) {
            into(d.edge.source, d, 1.0);
            continue;
        }
        double total = 0;
        for (const auto &s : services)
            total += s.second;
        for (const auto &[service, rate] : services)
            into(service, d, total > 0 ? rate / total : 1.0 / double(services.size()));
    }
    m_edges = reduced;
    QSet<QString> used;
    for (const EdgeData &d : std::as_const(m_edges))
        used << d.edge.source << d.edge.target;
    for (auto it = m_nodes.begin(); it != m_nodes.end();)
        it = used.contains(it.key()) ? std::next(it) : m_nodes.erase(it);
}

Graph Builder::build(const TopologyAnswers &answers)
{
    for (const QueryResult &r : answers)
        for (const QString &w : r.warnings)
            if (!m_warnings.contains(w))
                m_warnings << w;
    if (answers.contains(TopologyMetric::Requests))
        addRequests(answers[TopologyMetric::Requests]);
    if (answers.contains(TopologyMetric::Tcp))
        addTcp(answers[TopologyMetric::Tcp]);
    addDuration(answers);
    if (answers.contains(TopologyMetric::MtlsRequests))
        addMtls(answers[TopologyMetric::MtlsRequests], false);
    if (answers.contains(TopologyMetric::MtlsTcp))
        addMtls(answers[TopologyMetric::MtlsTcp], true);
    if (answers.contains(TopologyMetric::ResponseBytes))
        addThroughput(answers[TopologyMetric::ResponseBytes]);
    if (m_graphType == GraphType::Service)
        reduceToServices();
    return finish();
}

Graph Builder::finish()
{
    // Waypoint hops: an L7 edge a -> b reported by a waypoint w that ztunnel saw as a -> w, w -> b.
    QHash<QString, QStringList> waypointTargets; // source -> waypoints it sends to over L4
    for (const EdgeData &d : std::as_const(m_edges))
        if (m_nodes[d.edge.target].flags.testFlag(NodeFlag::Waypoint))
            waypointTargets[d.edge.source] << d.edge.target;
    for (EdgeData &d : m_edges) {
        if (!d.viaWaypoint)
            continue;
        d.mtls = d.mtlsTotal = 1; // ambient traffic through a waypoint is always mutual TLS
        for (const QString &w : waypointTargets.value(d.edge.source))
            if (m_edges.contains(w + QStringLiteral("->") + d.edge.target + QStringLiteral(":tcp")))
                d.edge.waypoint = w;
    }

    // The namespace and cluster filter: selected nodes, plus their direct callers and callees.
    auto selected = [&](const Node &n) {
        return (m_options.namespaces.isEmpty() || m_options.namespaces.contains(n.namespaceName))
            && (m_options.clusters.isEmpty() || m_options.clusters.contains(n.cluster));
    };
    const bool filtering = !m_options.namespaces.isEmpty() || !m_options.clusters.isEmpty();

    Graph g;
    g.type = m_graphType;
    g.time = (m_options.time.isValid() ? m_options.time : QDateTime::currentDateTimeUtc()).toUTC();
    g.duration = m_options.duration;
    g.warnings = m_warnings;
    if (m_skipped > 0)
        g.warnings << TelemetryTr::tr(
            "%n series without usable source or destination labels skipped", nullptr, m_skipped);

    QSet<QString> keep;
    g.edges.reserve(m_edges.size());
    for (EdgeData &d : m_edges) {
        if (filtering && !selected(m_nodes[d.edge.source]) && !selected(m_nodes[d.edge.target]))
            continue;
        d.edge.rates.derivePercentages();
        if (d.mtlsTotal > 0)
            d.edge.mtlsPercent = std::min(100.0, d.mtls / d.mtlsTotal * 100.0);
        d.edge.idle = d.edge.requestRate() + d.edge.rates.tcp.value_or(0) <= 0;
        if (d.edge.idle && !m_options.includeIdle)
            continue;
        keep << d.edge.source << d.edge.target;
        g.edges << std::move(d.edge); // the builder ends here
    }
    std::sort(g.edges.begin(), g.edges.end(),
              [](const Edge &a, const Edge &b) { return a.id < b.id; });
    QHash<QString, qsizetype> index;
    for (const Node &n : std::as_const(m_nodes))
        if (keep.contains(n.id))
            g.nodes << n;
    std::sort(g.nodes.begin(), g.nodes.end(),
              [](const Node &a, const Node &b) { return a.id < b.id; });
    for (qsizetype i = 0; i < g.nodes.size(); ++i) {
        index.insert(g.nodes[i].id, i);
        if (filtering && !selected(g.nodes[i]))
            g.nodes[i].flags |= NodeFlag::Outsider;
    }
    QSet<QString> busy; // nodes with non-idle traffic
    for (const Edge &e : std::as_const(g.edges)) {
        Node &s = g.nodes[index.value(e.source)];
        Node &t = g.nodes[index.value(e.target)];
        s.outbound.add(e.rates);
        t.inbound.add(e.rates);
        if (!e.idle)
            busy << e.source << e.target;
    }
    for (Node &n : g.nodes) {
        if (n.inbound.isEmpty() && !n.outbound.isEmpty())
            n.flags |= NodeFlag::Root;
        if (!busy.contains(n.id))
            n.flags |= NodeFlag::Idle;
    }
    computeHealth(g, m_options.health);
    return g;
}

} // namespace

Graph buildGraph(const TopologyAnswers &answers, const TopologyOptions &options)
{
    return Builder(options).build(answers);
}

} // namespace md::telemetry
