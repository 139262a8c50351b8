#pragma once

// The traffic model behind meshsim's Istio telemetry. Calls are declared on workloads
// with the pod-template annotation
//     meshsim.io/calls: "reviews.bookinfo:9080/http@20, mysqldb.data:3306/tcp@5"
// (service.namespace:port/protocol@requests-per-second). Each call is resolved against
// the mesh's current state: endpoints of the service in every cluster, the control-plane
// cluster's VirtualServices (route weights to DestinationRule subsets, fault abort and
// delay), AuthorizationPolicies (DENY, and ALLOW that does not match → 403) and
// PeerAuthentications (STRICT: mutual_tls, callers without a sidecar fail).

#include <QList>
#include <QString>

namespace md::sim {

class Cluster;

struct WorkloadInfo
{
    QString cluster;
    QString ns;
    QString name;
    QString app;
    QString version;
    QString serviceAccount;
    bool sidecar = false;
    int readyPods = 0;
    int pods = 0;

    QString principal() const
    {
        return QStringLiteral("spiffe://cluster.local/ns/") + ns + QStringLiteral("/sa/")
            + serviceAccount;
    }
};

// One slice of a call's traffic with everything the metrics need.
struct TrafficOutcome
{
    WorkloadInfo source;
    WorkloadInfo destination; // name "unknown" when no workload answered
    QString service; // FQDN, e.g. reviews.bookinfo.svc.cluster.local
    QString serviceName;
    QString serviceNamespace;
    QString protocol; // http | grpc | tcp
    double rate = 0; // requests (or connections) per second
    int responseCode = 200;
    QString responseFlags = QStringLiteral("-");
    double latencyMs = 10;
    bool mutualTls = false;
    bool sourceReports = true;
    bool destinationReports = true;
};

// Resolves every declared call of every cluster into outcomes.
QList<TrafficOutcome> resolveTraffic(const QList<Cluster *> &clusters);

} // namespace md::sim
