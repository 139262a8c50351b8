#include "traffic.h"

#include "cluster.h"

#include <QHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kRootNamespace = u"istio-system"_s;

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

bool labelsMatch(const QJsonObject &selector, const QJsonObject &labels)
{
    for (auto it = selector.begin(); it != selector.end(); ++it)
        if (labels.value(it.key()) != it.value())
            return false;
    return true;
}

struct Workload
{
    WorkloadInfo info;
    QJsonObject labels; // pod template labels
    QString calls; // meshsim.io/calls
};

struct Call
{
    QString service;
    QString ns;
    int port = 0;
    QString protocol;
    double rate = 0;
};

QList<Call> parseCalls(const QString &text)
{
    QList<Call> calls;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        // reviews.bookinfo:9080/http@20
        const QString spec = part.trimmed();
        const QString target = spec.section(u'@', 0, 0);
        Call c;
        c.rate = spec.section(u'@', 1).toDouble();
        const QString hostPort = target.section(u'/', 0, 0);
        c.protocol = target.section(u'/', 1).toLower();
        c.port = hostPort.section(u':', 1).toInt();
        const QString host = hostPort.section(u':', 0, 0);
        c.service = host.section(u'.', 0, 0);
        c.ns = host.section(u'.', 1, 1);
        if (!c.service.isEmpty() && !c.ns.isEmpty() && c.rate > 0)
            calls << c;
    }
    return calls;
}

class Mesh
{
public:
    explicit Mesh(const QList<Cluster *> &clusters)
    {
        for (Cluster *c : clusters)
            collect(*c);
        const Store &control = clusters.first()->store();
        for (const char *key :
             {"virtualservices.networking.istio.io", "destinationrules.networking.istio.io",
              "authorizationpolicies.security.istio.io", "peerauthentications.security.istio.io"}) {
            QList<QJsonObject> &list = m_policies[QString::fromLatin1(key)];
            for (const auto &entry : control.objects(QString::fromLatin1(key)))
                list << entry.second;
        }
        // The first mesh VirtualService naming each host, found once instead of per call.
        const QList<QJsonObject> &services = m_policies[u"virtualservices.networking.istio.io"_s];
        for (const QJsonObject &vs : services) {
            const QJsonObject spec = vs.value(u"spec"_s).toObject();
            const QJsonArray gateways = spec.value(u"gateways"_s).toArray();
            if (!gateways.isEmpty() && !gateways.contains(u"mesh"_s))
                continue;
            const QString ns = meta(vs).value(u"namespace"_s).toString();
            for (const QJsonValue &h : spec.value(u"hosts"_s).toArray())
                if (!h.toString().contains(u'*')) {
                    const QString key = serviceKey(h.toString(), ns);
                    if (!m_virtualServices.contains(key))
                        m_virtualServices.insert(key, &vs);
                }
        }
    }

    QList<TrafficOutcome> resolve() const
    {
        QList<TrafficOutcome> out;
        for (const Workload &w : m_workloads)
            for (const Call &call : parseCalls(w.calls))
                resolveCall(w, call, out);
        return out;
    }

private:
    void collect(const Cluster &cluster)
    {
        const Store &store = cluster.store();
        QHash<QString, int> index;
        for (const QString &type :
             {u"deployments.apps"_s, u"statefulsets.apps"_s, u"daemonsets.apps"_s}) {
            for (const auto &entry : store.objects(type)) {
                const QJsonObject &o = entry.second;
                const QJsonObject tmpl
                    = o.value(u"spec"_s).toObject().value(u"template"_s).toObject();
                Workload w;
                w.info.cluster = cluster.name();
                w.info.ns = meta(o).value(u"namespace"_s).toString();
                w.info.name = meta(o).value(u"name"_s).toString();
                w.labels = meta(tmpl).value(u"labels"_s).toObject();
                w.info.app = w.labels.value(u"app"_s).toString(w.info.name);
                w.info.version = w.labels.value(u"version"_s).toString(u"latest"_s);
                w.info.serviceAccount = tmpl.value(u"spec"_s)
                                            .toObject()
                                            .value(u"serviceAccountName"_s)
                                            .toString(u"default"_s);
                w.calls = meta(tmpl)
                              .value(u"annotations"_s)
                              .toObject()
                              .value(u"meshsim.io/calls"_s)
                              .toString();
                index.insert(w.info.ns + u'/' + w.info.name, int(m_workloads.size()));
                m_workloads << w;
            }
        }
        // A Deployment's pods belong to its ReplicaSets: Pod → ReplicaSet → Deployment.
        QHash<QString, QString> replicaSetOwner; // "ns/replicaset" → deployment
        for (const auto &entry : store.objects(u"replicasets.apps"_s)) {
            const QJsonObject rm = meta(entry.second);
            for (const QJsonValue &ref : rm.value(u"ownerReferences"_s).toArray())
                if (ref.toObject().value(u"kind"_s) == u"Deployment"_s)
                    replicaSetOwner.insert(rm.value(u"namespace"_s).toString() + u'/'
                                               + rm.value(u"name"_s).toString(),
                                           ref.toObject().value(u"name"_s).toString());
        }
        for (const auto &entry : store.objects(u"pods"_s)) {
            const QJsonObject &pod = entry.second;
            const QJsonObject pm = meta(pod);
            const QJsonObject ref = pm.value(u"ownerReferences"_s).toArray().first().toObject();
            QString owner = ref.value(u"name"_s).toString();
            if (ref.value(u"kind"_s) == u"ReplicaSet"_s)
                owner = replicaSetOwner.value(pm.value(u"namespace"_s).toString() + u'/' + owner);
            const auto it = index.constFind(pm.value(u"namespace"_s).toString() + u'/' + owner);
            if (it == index.constEnd())
                continue;
            WorkloadInfo &info = m_workloads[*it].info;
            ++info.pods;
            for (const QJsonValue &c :
                 pod.value(u"spec"_s).toObject().value(u"containers"_s).toArray())
                info.sidecar |= c.toObject().value(u"name"_s).toString() == u"istio-proxy"_s;
            for (const QJsonValue &c :
                 pod.value(u"status"_s).toObject().value(u"conditions"_s).toArray())
                if (c.toObject().value(u"type"_s) == u"Ready"_s
                    && c.toObject().value(u"status"_s) == u"True"_s)
                    ++info.readyPods;
        }
        QHash<QString, QList<int>> byNamespace; // this cluster's workloads per namespace
        for (auto it = index.constBegin(); it != index.constEnd(); ++it)
            byNamespace[it.key().section(u'/', 0, 0)] << *it;
        for (const auto &entry : store.objects(u"services"_s)) {
            const QJsonObject &svc = entry.second;
            const QJsonObject selector
                = svc.value(u"spec"_s).toObject().value(u"selector"_s).toObject();
            if (selector.isEmpty())
                continue;
            const QString ns = meta(svc).value(u"namespace"_s).toString();
            const QString key = meta(svc).value(u"name"_s).toString() + u'.' + ns;
            for (int i : byNamespace.value(ns))
                if (labelsMatch(selector, m_workloads[i].labels))
                    m_endpoints[key] << i;
        }
    }

    // "reviews" (in ns), "reviews.bookinfo", "reviews.bookinfo.svc.cluster.local" →
    // "reviews.bookinfo"
    static QString serviceKey(const QString &host, const QString &ns)
    {
        const QStringList parts = host.split(u'.');
        if (parts.size() == 1)
            return host + u'.' + ns;
        return parts[0] + u'.' + parts[1];
    }

    const QJsonObject *virtualServiceFor(const QString &key) const
    {
        return m_virtualServices.value(key, nullptr);
    }

    QJsonObject subsetLabels(const QString &key, const QString &subset) const
    {
        for (const QJsonObject &dr : m_policies.value(u"destinationrules.networking.istio.io"_s)) {
            const QJsonObject spec = dr.value(u"spec"_s).toObject();
            if (serviceKey(spec.value(u"host"_s).toString(),
                           meta(dr).value(u"namespace"_s).toString())
                != key)
                continue;
            for (const QJsonValue &s : spec.value(u"subsets"_s).toArray())
                if (s.toObject().value(u"name"_s).toString() == subset)
                    return s.toObject().value(u"labels"_s).toObject();
        }
        return {};
    }

    QString peerAuthMode(const Workload &d) const
    {
        QString workloadMode, namespaceMode, meshMode;
        for (const QJsonObject &pa : m_policies.value(u"peerauthentications.security.istio.io"_s)) {
            const QString ns = meta(pa).value(u"namespace"_s).toString();
            const QJsonObject spec = pa.value(u"spec"_s).toObject();
            const QString mode = spec.value(u"mtls"_s).toObject().value(u"mode"_s).toString();
            const QJsonObject selector
                = spec.value(u"selector"_s).toObject().value(u"matchLabels"_s).toObject();
            if (ns == d.info.ns && !selector.isEmpty() && labelsMatch(selector, d.labels))
                workloadMode = mode;
            else if (ns == d.info.ns && selector.isEmpty())
                namespaceMode = mode;
            else if (ns == kRootNamespace && selector.isEmpty())
                meshMode = mode;
        }
        for (const QString &m : {workloadMode, namespaceMode, meshMode})
            if (!m.isEmpty() && m != u"UNSET"_s)
                return m;
        return u"PERMISSIVE"_s;
    }

    static bool sourceMatches(const QJsonObject &source, const Workload &s, bool mtls)
    {
        const QString principal
            = u"cluster.local/ns/"_s + s.info.ns + u"/sa/"_s + s.info.serviceAccount;
        auto list = [&](const char *k) {
            QStringList l;
            for (const QJsonValue &v : source.value(QString::fromLatin1(k)).toArray())
                l << v.toString();
            return l;
        };
        auto anyMatch = [](const QStringList &patterns, const QString &value) {
            for (const QString &p : patterns)
                if (p == u"*"_s || p == value
                    || (p.endsWith(u'*') && value.startsWith(p.chopped(1)))
                    || (p.startsWith(u'*') && value.endsWith(p.mid(1))))
                    return true;
            return false;
        };
        const QStringList principals = list("principals");
        const QStringList namespaces = list("namespaces");
        if (!principals.isEmpty() && !(mtls && anyMatch(principals, principal)))
            return false;
        if (!namespaces.isEmpty() && !(mtls && anyMatch(namespaces, s.info.ns)))
            return false;
        if (mtls && anyMatch(list("notPrincipals"), principal))
            return false;
        if (mtls && anyMatch(list("notNamespaces"), s.info.ns))
            return false;
        if (!list("requestPrincipals").isEmpty())
            return false; // no JWTs in simulated traffic
        return true;
    }

    static bool ruleMatches(const QJsonObject &rule, const Workload &s, bool mtls)
    {
        const QJsonArray from = rule.value(u"from"_s).toArray();
        if (from.isEmpty())
            return true;
        for (const QJsonValue &f : from)
            if (sourceMatches(f.toObject().value(u"source"_s).toObject(), s, mtls))
                return true;
        return false;
    }

    // True when the destination's authorization policies reject the source.
    bool denied(const Workload &s, const Workload &d, bool mtls) const
    {
        bool anyAllow = false;
        bool allowed = false;
        for (const QJsonObject &ap :
             m_policies.value(u"authorizationpolicies.security.istio.io"_s)) {
            const QString ns = meta(ap).value(u"namespace"_s).toString();
            const QJsonObject spec = ap.value(u"spec"_s).toObject();
            const QJsonObject selector
                = spec.value(u"selector"_s).toObject().value(u"matchLabels"_s).toObject();
            const bool applies
                = (ns == d.info.ns && (selector.isEmpty() || labelsMatch(selector, d.labels)))
                || (ns == kRootNamespace && selector.isEmpty());
            if (!applies)
                continue;
            const QString action = spec.value(u"action"_s).toString(u"ALLOW"_s);
            const QJsonArray rules = spec.value(u"rules"_s).toArray();
            bool matches = false;
            for (const QJsonValue &r : rules)
                matches |= ruleMatches(r.toObject(), s, mtls);
            if (action == u"DENY"_s && matches)
                return true;
            if (action == u"ALLOW"_s) {
                anyAllow = true;
                allowed |= matches;
            }
        }
        return anyAllow && !allowed;
    }

    static double baseLatency(const Workload &d) { return 4.0 + double(qHash(d.info.name) % 40); }

    void resolveCall(const Workload &s, const Call &call, QList<TrafficOutcome> &out) const
    {
        const QString key = call.service + u'.' + call.ns;
        struct Route
        {
            QString key;
            QString subset;
            double weight;
        };
        QList<Route> routes;
        QJsonObject fault;
        const QJsonObject *vs = virtualServiceFor(key);
        if (vs) {
            const QJsonObject spec = vs->value(u"spec"_s).toObject();
            const QString vsNs = meta(*vs).value(u"namespace"_s).toString();
            QJsonObject chosen;
            const QJsonArray httpRoutes
                = spec.value(call.protocol == u"tcp"_s ? u"tcp"_s : u"http"_s).toArray();
            for (const QJsonValue &r : httpRoutes) {
                bool headerOnly = false;
                for (const QJsonValue &m : r.toObject().value(u"match"_s).toArray())
                    headerOnly |= m.toObject().contains(u"headers"_s)
                        || m.toObject().contains(u"sourceLabels"_s);
                if (!headerOnly) {
                    chosen = r.toObject();
                    break;
                }
            }
            const QJsonArray destinations = chosen.value(u"route"_s).toArray();
            for (const QJsonValue &d : destinations) {
                const QJsonObject dest = d.toObject().value(u"destination"_s).toObject();
                const double weight = d.toObject().contains(u"weight"_s)
                    ? d.toObject().value(u"weight"_s).toDouble()
                    : (destinations.size() == 1 ? 100.0 : 0.0);
                routes << Route {serviceKey(dest.value(u"host"_s).toString(), vsNs),
                                 dest.value(u"subset"_s).toString(), weight};
            }
            fault = chosen.value(u"fault"_s).toObject();
        }
        if (routes.isEmpty())
            routes << Route {key, {}, 100.0};
        double total = 0;
        for (const Route &r : routes)
            total += r.weight;
        for (const Route &r : routes) {
            if (r.weight <= 0 || total <= 0)
                continue;
            const double share = call.rate * r.weight / total;
            QList<int> candidates;
            const QJsonObject subset
                = r.subset.isEmpty() ? QJsonObject {} : subsetLabels(r.key, r.subset);
            for (int i : m_endpoints.value(r.key))
                if (labelsMatch(subset, m_workloads[i].labels)
                    && (r.subset.isEmpty() || !subset.isEmpty()))
                    candidates << i;
            TrafficOutcome base;
            base.source = s.info;
            base.service = r.key + u".svc.cluster.local"_s;
            base.serviceName = r.key.section(u'.', 0, 0);
            base.serviceNamespace = r.key.section(u'.', 1);
            base.protocol = call.protocol;
            base.sourceReports = s.info.sidecar;
            if (candidates.isEmpty()) {
                base.destination.name = u"unknown"_s;
                base.destination.ns = u"unknown"_s;
                base.destination.cluster = u"unknown"_s;
                base.rate = share;
                base.responseCode = 503;
                base.responseFlags = u"NR"_s;
                base.destinationReports = false;
                if (base.sourceReports)
                    out << base;
                continue;
            }
            int weightSum = 0;
            for (int i : candidates)
                weightSum += qMax(1, m_workloads[i].info.pods);
            for (int i : candidates) {
                const Workload &d = m_workloads[i];
                TrafficOutcome o = base;
                o.destination = d.info;
                o.rate = share * qMax(1, d.info.pods) / weightSum;
                o.latencyMs = baseLatency(d);
                o.destinationReports = d.info.sidecar;
                const QString mode = peerAuthMode(d);
                o.mutualTls = s.info.sidecar && d.info.sidecar && mode != u"DISABLE"_s;
                if (d.info.readyPods == 0) {
                    o.responseCode = 503;
                    o.responseFlags = u"UH"_s;
                    o.destinationReports = false;
                    out << o;
                    continue;
                }
                double remaining = o.rate;
                const QJsonObject abort = fault.value(u"abort"_s).toObject();
                if (!abort.isEmpty() && s.info.sidecar) {
                    const double pct
                        = abort.value(u"percentage"_s).toObject().value(u"value"_s).toDouble(100.0);
                    TrafficOutcome a = o;
                    a.rate = o.rate * pct / 100.0;
                    a.responseCode = abort.contains(u"grpcStatus"_s)
                        ? 503
                        : abort.value(u"httpStatus"_s).toInt(503);
                    a.responseFlags = u"FI"_s;
                    a.latencyMs = 0.5;
                    a.destinationReports = false;
                    out << a;
                    remaining -= a.rate;
                }
                if (mode == u"STRICT"_s && !s.info.sidecar && d.info.sidecar) {
                    // Plain text to a STRICT workload: the server proxy closes the connection.
                    o.rate = remaining;
                    o.responseCode = 0;
                    o.responseFlags = u"DC"_s;
                    o.sourceReports = false;
                    out << o;
                    continue;
                }
                if (d.info.sidecar && denied(s, d, o.mutualTls)) {
                    o.rate = remaining;
                    o.responseCode = 403;
                    o.latencyMs = 1.0;
                    out << o;
                    continue;
                }
                const QJsonObject delay = fault.value(u"delay"_s).toObject();
                if (!delay.isEmpty() && s.info.sidecar) {
                    const double pct
                        = delay.value(u"percentage"_s).toObject().value(u"value"_s).toDouble(100.0);
                    QString fixed = delay.value(u"fixedDelay"_s).toString();
                    double ms = 0;
                    if (fixed.endsWith(u"ms"_s))
                        ms = fixed.chopped(2).toDouble();
                    else if (fixed.endsWith(u's'))
                        ms = fixed.chopped(1).toDouble() * 1000.0;
                    TrafficOutcome slow = o;
                    slow.rate = remaining * pct / 100.0;
                    slow.latencyMs = o.latencyMs + ms;
                    slow.responseFlags = u"DI"_s;
                    out << slow;
                    remaining -= slow.rate;
                }
                o.rate = remaining;
                out << o;
            }
        }
    }

    QList<Workload> m_workloads;
    QHash<QString, QList<int>> m_endpoints; // "svc.ns" → workloads in any cluster
    QHash<QString, QList<QJsonObject>> m_policies;
    QHash<QString, const QJsonObject *> m_virtualServices; // service key → first mesh VS
};

} // namespace

QList<TrafficOutcome> resolveTraffic(const QList<Cluster *> &clusters)
{
    if (clusters.isEmpty())
        return {};
    return Mesh(clusters).resolve();
}

} // namespace md::sim
