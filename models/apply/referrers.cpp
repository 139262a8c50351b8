#include "apply/referrers.h"

#include "apply/applytr.h"
#include "istio/analyzers.h"

namespace md::apply {

using md::istio::MeshIndex;
using md::istio::ObjectId;
using md::istio::Value;

namespace {

const QString kVirtualService = QStringLiteral("VirtualService");
const QString kDestinationRule = QStringLiteral("DestinationRule");
const QString kGateway = QStringLiteral("Gateway");

QString nameOf(const Value &object)
{
    return object.value(QStringLiteral("metadata")).value(QStringLiteral("name")).toString();
}

const Value &spec(const Value &object)
{
    return object.value(QStringLiteral("spec"));
}

struct Destination
{
    QString host; // as written
    QString subset;
    QString path; // of the destination
};

// Every destination of a VirtualService: routes of http, tls and tcp, and http mirrors.
QList<Destination> destinations(const Value &vs)
{
    QList<Destination> list;
    for (const char *section : {"http", "tls", "tcp"}) {
        const Value &routes = spec(vs).value(QLatin1String(section));
        for (qsizetype i = 0; i < routes.size(); ++i) {
            const QString base = QStringLiteral("spec.%1[%2]").arg(QLatin1String(section)).arg(i);
            const Value &route = routes.at(i).value(QStringLiteral("route"));
            for (qsizetype j = 0; j < route.size(); ++j) {
                const Value &d = route.at(j).value(QStringLiteral("destination"));
                list.append({d.value(QStringLiteral("host")).toString(),
                             d.value(QStringLiteral("subset")).toString(),
                             base + QStringLiteral(".route[%1].destination").arg(j)});
            }
            const Value &mirror = routes.at(i).value(QStringLiteral("mirror"));
            if (mirror.isObject())
                list.append({mirror.value(QStringLiteral("host")).toString(),
                             mirror.value(QStringLiteral("subset")).toString(),
                             base + QStringLiteral(".mirror")});
            const Value &mirrors = routes.at(i).value(QStringLiteral("mirrors"));
            for (qsizetype j = 0; j < mirrors.size(); ++j) {
                const Value &d = mirrors.at(j).value(QStringLiteral("destination"));
                list.append({d.value(QStringLiteral("host")).toString(),
                             d.value(QStringLiteral("subset")).toString(),
                             base + QStringLiteral(".mirrors[%1].destination").arg(j)});
            }
        }
    }
    return list;
}

// Gateway names a VirtualService uses, with their paths.
QList<std::pair<QString, QString>> gatewaysOf(const Value &vs)
{
    QList<std::pair<QString, QString>> list;
    const Value &gateways = spec(vs).value(QStringLiteral("gateways"));
    for (qsizetype i = 0; i < gateways.size(); ++i)
        list.append({gateways.at(i).toString(), QStringLiteral("spec.gateways[%1]").arg(i)});
    for (const char *section : {"http", "tls", "tcp"}) {
        const Value &routes = spec(vs).value(QLatin1String(section));
        for (qsizetype i = 0; i < routes.size(); ++i) {
            const Value &matches = routes.at(i).value(QStringLiteral("match"));
            for (qsizetype j = 0; j < matches.size(); ++j) {
                const Value &g = matches.at(j).value(QStringLiteral("gateways"));
                for (qsizetype k = 0; k < g.size(); ++k)
                    list.append({g.at(k).toString(),
                                 QStringLiteral("spec.%1[%2].match[%3].gateways[%4]")
                                     .arg(QLatin1String(section))
                                     .arg(i)
                                     .arg(j)
                                     .arg(k)});
            }
        }
    }
    return list;
}

bool sameObject(const Value &a, const Value &b)
{
    const ObjectId x = ObjectId::of(a), y = ObjectId::of(b);
    return x.kind == y.kind && x.namespace_ == y.namespace_ && x.name == y.name;
}

// The referrers of `target` among `candidates` (all of one cluster, `context`).
// `sameCluster`: whether they are in the target's cluster (cluster-local references count
// only there).
void collect(const Value &target, const Value &candidate, const QString &context, bool sameCluster,
             QList<Referrer> &out)
{
    if (sameObject(target, candidate))
        return;
    const ObjectId t = ObjectId::of(target);
    const ObjectId c = ObjectId::of(candidate);
    const auto add = [&](const QString &path, const QString &reason) {
        out.append(Referrer {c, context, path, reason});
    };

    if (t.kind == QLatin1String("Namespace")) {
        if (sameCluster && c.namespace_ == t.name)
            add(QStringLiteral("metadata.namespace"), Tr::tr("is in this namespace"));
        return;
    }
    if (t.kind == kGateway && c.kind == kVirtualService && sameCluster) {
        for (const auto &[gateway, path] : gatewaysOf(candidate)) {
            const QString full = gateway.contains(QLatin1Char('/'))
                ? gateway
                : c.namespace_ + QLatin1Char('/') + gateway;
            if (full == t.namespace_ + QLatin1Char('/') + t.name)
                add(path, Tr::tr("routes traffic through this Gateway"));
        }
        return;
    }
    if (t.kind == kVirtualService && c.kind == kVirtualService && sameCluster) {
        const Value &http = spec(candidate).value(QStringLiteral("http"));
        for (qsizetype i = 0; i < http.size(); ++i) {
            const Value &d = http.at(i).value(QStringLiteral("delegate"));
            if (!d.isObject())
                continue;
            const QString dns = d.value(QStringLiteral("namespace")).toString(c.namespace_);
            if (d.value(QStringLiteral("name")).toString() == t.name
                && (dns.isEmpty() ? c.namespace_ : dns) == t.namespace_)
                add(QStringLiteral("spec.http[%1].delegate").arg(i),
                    Tr::tr("delegates routes to this VirtualService"));
        }
        return;
    }
    if (t.kind == QLatin1String("Secret") && sameCluster && c.namespace_ == t.namespace_) {
        if (c.kind == kGateway) {
            const Value &servers = spec(candidate).value(QStringLiteral("servers"));
            for (qsizetype i = 0; i < servers.size(); ++i) {
                const QString credential = servers.at(i)
                                               .value(QStringLiteral("tls"))
                                               .value(QStringLiteral("credentialName"))
                                               .toString();
                if (credential == t.name)
                    add(QStringLiteral("spec.servers[%1].tls.credentialName").arg(i),
                        Tr::tr("uses this Secret as its TLS credential"));
            }
        } else if (c.kind == kDestinationRule) {
            const Value &policy = spec(candidate).value(QStringLiteral("trafficPolicy"));
            if (policy.value(QStringLiteral("tls"))
                    .value(QStringLiteral("credentialName"))
                    .toString()
                == t.name)
                add(QStringLiteral("spec.trafficPolicy.tls.credentialName"),
                    Tr::tr("uses this Secret as its client TLS credential"));
            const Value &ports = policy.value(QStringLiteral("portLevelSettings"));
            for (qsizetype i = 0; i < ports.size(); ++i) {
                if (ports.at(i)
                        .value(QStringLiteral("tls"))
                        .value(QStringLiteral("credentialName"))
                        .toString()
                    == t.name)
                    add(QStringLiteral(
                            "spec.trafficPolicy.portLevelSettings[%1].tls.credentialName")
                            .arg(i),
                        Tr::tr("uses this Secret as its client TLS credential"));
            }
        }
        return;
    }

    // Hosts the target provides: a DestinationRule's host (with its subsets), a
    // ServiceEntry's hosts, a Service's name.
    QStringList hosts;
    QStringList subsets;
    if (t.kind == kDestinationRule) {
        hosts.append(
            MeshIndex::fqdn(spec(target).value(QStringLiteral("host")).toString(), t.namespace_));
        const Value &s = spec(target).value(QStringLiteral("subsets"));
        for (qsizetype i = 0; i < s.size(); ++i)
            subsets.append(s.at(i).value(QStringLiteral("name")).toString());
    } else if (t.kind == QLatin1String("ServiceEntry")) {
        const Value &h = spec(target).value(QStringLiteral("hosts"));
        for (qsizetype i = 0; i < h.size(); ++i)
            hosts.append(MeshIndex::fqdn(h.at(i).toString(), t.namespace_));
    } else if (t.kind == QLatin1String("Service")) {
        hosts.append(MeshIndex::fqdn(t.name, t.namespace_));
    }
    if (hosts.isEmpty())
        return;
    if (c.kind == kVirtualService) {
        for (const Destination &d : destinations(candidate)) {
            if (!hosts.contains(MeshIndex::fqdn(d.host, c.namespace_)))
                continue;
            if (t.kind == kDestinationRule) {
                if (!d.subset.isEmpty() && subsets.contains(d.subset))
                    add(d.path + QStringLiteral(".subset"),
                        Tr::tr("routes to subset %1 of this DestinationRule").arg(d.subset));
            } else {
                add(d.path + QStringLiteral(".host"), Tr::tr("routes to host %1").arg(d.host));
            }
        }
    } else if (c.kind == kDestinationRule && t.kind != kDestinationRule) {
        const QString host = spec(candidate).value(QStringLiteral("host")).toString();
        if (hosts.contains(MeshIndex::fqdn(host, c.namespace_)))
            add(QStringLiteral("spec.host"),
                Tr::tr("sets the traffic policy of host %1").arg(host));
    }
}

bool canRefer(const QString &targetKind, const QString &candidateKind)
{
    if (targetKind == QLatin1String("Namespace"))
        return true;
    if (targetKind == QLatin1String("Secret"))
        return candidateKind == kGateway || candidateKind == kDestinationRule;
    if (targetKind == kGateway || targetKind == kDestinationRule || targetKind == kVirtualService)
        return candidateKind == kVirtualService;
    if (targetKind == QLatin1String("ServiceEntry") || targetKind == QLatin1String("Service"))
        return candidateKind == kVirtualService || candidateKind == kDestinationRule;
    return false;
}

} // namespace

QList<Referrer> findReferrers(const Value &target, const QList<Value> &objects,
                              const QString &context)
{
    QList<Referrer> out;
    const QString kind = ObjectId::of(target).kind;
    for (const Value &candidate : objects) {
        if (canRefer(kind, ObjectId::of(candidate).kind))
            collect(target, candidate, context, true, out);
    }
    return out;
}

QList<Referrer> findReferrers(const Value &target, const QString &context,
                              const md::mesh::MeshCache::Snapshot &snapshot)
{
    QList<Referrer> out;
    const QString kind = ObjectId::of(target).kind;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        const bool sameCluster = it.key() == context;
        for (const md::mesh::MeshCache::Item &item : it.value()) {
            if (!canRefer(kind, item.resource.kind))
                continue;
            if (kind == QLatin1String("Namespace")) {
                // No need to read the object: its identity is decoded already.
                if (sameCluster && item.object.namespaceName() == nameOf(target))
                    out.append(Referrer {ObjectId {item.resource.groupVersion(), item.resource.kind,
                                                   item.object.namespaceName(), item.object.name()},
                                         it.key(), QStringLiteral("metadata.namespace"),
                                         Tr::tr("is in this namespace")});
                continue;
            }
            auto parsed = md::istio::parseValue(item.object.json());
            if (!parsed)
                continue;
            Value candidate = *parsed;
            if (!candidate.contains(QStringLiteral("kind")))
                candidate.insert(QStringLiteral("kind"), item.resource.kind);
            if (!candidate.contains(QStringLiteral("apiVersion")))
                candidate.insert(QStringLiteral("apiVersion"), item.resource.groupVersion());
            collect(target, candidate, it.key(), sameCluster, out);
        }
    }
    return out;
}

} // namespace md::apply
