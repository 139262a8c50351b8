#include "services/meshsummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace md::services {

using md::mesh::MeshCache;

int MeshSummary::ingressGateways() const
{
    return int(std::count_if(gateways.cbegin(), gateways.cend(),
                             [](const GatewayDeployment &g) { return !g.egress; }));
}

int MeshSummary::egressGateways() const
{
    return int(std::count_if(gateways.cbegin(), gateways.cend(),
                             [](const GatewayDeployment &g) { return g.egress; }));
}

const QList<MeshCache::Kind> &summaryKinds()
{
    static const QList<MeshCache::Kind> kinds = [] {
        QList<MeshCache::Kind> list = serviceKinds();
        list << MeshCache::Kind {QStringLiteral("apps"), QStringLiteral("Deployment")}
             << MeshCache::Kind {QStringLiteral("apps"), QStringLiteral("StatefulSet")}
             << MeshCache::Kind {QStringLiteral("apps"), QStringLiteral("DaemonSet")}
             << MeshCache::Kind {QStringLiteral("apps"), QStringLiteral("ReplicaSet")};
        const QString net = QStringLiteral("networking.istio.io");
        const QString sec = QStringLiteral("security.istio.io");
        for (const QString &kind : summaryPolicyKinds()) {
            const bool security = kind.endsWith(QLatin1String("Authentication"))
                || kind == QLatin1String("AuthorizationPolicy");
            list << MeshCache::Kind {security ? sec : net, kind};
        }
        return list;
    }();
    return kinds;
}

const QStringList &summaryPolicyKinds()
{
    static const QStringList kinds {
        QStringLiteral("VirtualService"),
        QStringLiteral("DestinationRule"),
        QStringLiteral("Gateway"),
        QStringLiteral("ServiceEntry"),
        QStringLiteral("PeerAuthentication"),
        QStringLiteral("RequestAuthentication"),
        QStringLiteral("AuthorizationPolicy"),
    };
    return kinds;
}

MeshSummary summarize(const MeshCache::Snapshot &snapshot, const QList<MeshService> &services,
                      const QString &rootNamespace)
{
    MeshSummary summary;
    for (const MeshService &s : services) {
        if (s.system)
            continue;
        ++summary.services;
        switch (s.diagnosis) {
        case Diagnosis::Normal:
            ++summary.normalServices;
            break;
        case Diagnosis::Warning:
            ++summary.warningServices;
            break;
        case Diagnosis::Abnormal:
            ++summary.abnormalServices;
            break;
        }
    }
    const QStringList &policyKinds = summaryPolicyKinds();
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        const QString &context = it.key();
        QHash<QString, QString> replicaSetOwner; // ns/rs -> deployment
        QHash<QString, std::pair<int, int>> workloadPods; // kind/ns/name -> (pods, injected)
        QStringList workloads; // kind/ns/name, outside system namespaces
        QHash<QString, GatewayDeployment> gateways; // ns/owner
        QList<PodInfo> pods;
        for (const MeshCache::Item &item : it.value()) {
            const QString &kind = item.resource.kind;
            const QString &group = item.resource.group;
            const QString ns = item.object.namespaceName();
            if (group == QLatin1String("apps")) {
                if (kind == QLatin1String("ReplicaSet")) {
                    const QJsonArray refs = QJsonDocument::fromJson(item.object.json())
                                                .object()
                                                .value(QStringLiteral("metadata"))
                                                .toObject()
                                                .value(QStringLiteral("ownerReferences"))
                                                .toArray();
                    for (const QJsonValue &r : refs) {
                        if (r.toObject().value(QStringLiteral("kind")).toString()
                            == QLatin1String("Deployment"))
                            replicaSetOwner.insert(
                                item.object.key(),
                                r.toObject().value(QStringLiteral("name")).toString());
                    }
                } else if (!isSystemNamespace(ns, rootNamespace)) {
                    workloads << kind + u'/' + item.object.key();
                }
            } else if (group.isEmpty() && kind == QLatin1String("Pod")) {
                pods << readPod(context, item.object);
            } else if (policyKinds.contains(kind) && group.endsWith(QLatin1String("istio.io"))) {
                ++summary.policies[kind];
            }
        }
        for (const PodInfo &pod : pods) {
            QString ownerKind = pod.ownerKind;
            QString ownerName = pod.ownerName;
            if (ownerKind == QLatin1String("ReplicaSet")) {
                const QString key = pod.namespaceName + u'/' + ownerName;
                if (replicaSetOwner.contains(key)) {
                    ownerKind = QStringLiteral("Deployment");
                    ownerName = replicaSetOwner.value(key);
                }
            }
            QString istio;
            for (const auto &[k, v] : pod.labels) {
                if (k == QLatin1String("istio"))
                    istio = v;
            }
            const bool gatewayApi
                = std::any_of(pod.labels.cbegin(), pod.labels.cend(), [](const auto &l) {
                      return l.first == QLatin1String("gateway.networking.k8s.io/gateway-name");
                  });
            if (istio == QLatin1String("ingressgateway") || istio == QLatin1String("egressgateway")
                || gatewayApi) {
                const QString owner = ownerName.isEmpty() ? pod.name : ownerName;
                GatewayDeployment &g = gateways[pod.namespaceName + u'/' + owner];
                g.context = context;
                g.namespaceName = pod.namespaceName;
                g.name = owner;
                g.egress = istio == QLatin1String("egressgateway");
                ++g.pods;
                if (pod.pod.ready)
                    ++g.readyPods;
            } else if (pod.labels.contains(
                           std::pair {QStringLiteral("app"), QStringLiteral("istiod")})) {
                ++summary.istioVersionsByCluster[context][pod.pod.version.isEmpty()
                                                              ? QStringLiteral("?")
                                                              : pod.pod.version];
            }
            if (isSystemNamespace(pod.namespaceName, rootNamespace))
                continue;
            ++summary.pods;
            if (pod.pod.phase == QLatin1String("Running"))
                ++summary.runningPods;
            if (pod.pod.injected) {
                ++summary.injectedPods;
                const QString version = pod.pod.sidecarVersion;
                ++summary.sidecarVersions[version.isEmpty() ? QStringLiteral("?") : version];
            }
            if (!ownerKind.isEmpty()) {
                auto &counts
                    = workloadPods[ownerKind + u'/' + pod.namespaceName + u'/' + ownerName];
                ++counts.first;
                if (pod.pod.injected)
                    ++counts.second;
            }
        }
        summary.workloads += int(workloads.size());
        for (const QString &w : workloads) {
            const auto counts = workloadPods.value(w);
            if (counts.first > 0 && counts.second == counts.first)
                ++summary.injectedWorkloads;
        }
        for (const GatewayDeployment &g : gateways)
            summary.gateways << g;
    }
    std::sort(summary.gateways.begin(), summary.gateways.end(), [](const auto &a, const auto &b) {
        return std::tie(a.context, a.namespaceName, a.name)
            < std::tie(b.context, b.namespaceName, b.name);
    });
    return summary;
}

} // namespace md::services
