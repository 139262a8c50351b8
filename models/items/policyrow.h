#pragma once

// What the policy list pages show of one Istio object: its kind's columns as display text
// (hosts, gateways, tags, scope, action, mTLS mode, ports, ...), read once per
// resourceVersion with the typed views (istio/networking.h, istio/security.h). Plain values:
// rows are built in a worker thread and handed to the GUI thread.

#include "kube/kubeobject.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace md {

struct PolicyTr
{
    Q_DECLARE_TR_FUNCTIONS(md::Policies)
};

enum class PolicyKind {
    VirtualService,
    DestinationRule,
    Gateway,
    ServiceEntry,
    PeerAuthentication,
    RequestAuthentication,
    AuthorizationPolicy,
};

struct PolicyKindInfo
{
    PolicyKind kind;
    QString name; // "VirtualService"
    QString group; // "networking.istio.io"
    QString plural; // "virtualservices"
    QString pageId; // "traffic.virtualservices"
};

const QList<PolicyKindInfo> &policyKinds();
const PolicyKindInfo &policyKindInfo(PolicyKind kind);
std::optional<PolicyKind> policyKindFromName(const QString &kindName);
// "VirtualServices" (translated, plural), as lists and empty states name them.
QString policyKindPlural(PolicyKind kind);

// Every column a list may show; policyColumns() gives a kind's columns in order.
enum class PolicyColumn {
    Name,
    Namespace,
    Cluster,
    Checks, // validation status from the live checks
    Hosts,
    Gateways, // VirtualService: gateways it binds to ("mesh" when none)
    Routes, // VirtualService: "HTTP 2 · TCP 1"
    Tags, // VirtualService: retries, timeout, ...; DestinationRule: LB, pools, TLS, ...
    Host, // DestinationRule
    Subsets,
    Selector, // Gateway: the gateway workloads
    Servers, // Gateway: "443/HTTPS, 80/HTTP"
    Tls, // Gateway: server TLS modes and credentials; DestinationRule: client TLS mode
    Ports, // ServiceEntry
    Location,
    Resolution,
    Endpoints,
    Scope, // security kinds: mesh-wide, namespace, workload selector, targetRefs
    MtlsMode,
    PortMtls,
    Issuers,
    Action,
    Rules,
    Age,
};

QList<PolicyColumn> policyColumns(PolicyKind kind);
QString policyColumnTitle(PolicyColumn column);

// One object as a list shows it. `cells` holds the display text of every column of the
// kind (policyColumns()) in order; Checks and Age are filled in by the model.
struct PolicyRow
{
    QString key; // "context\ncacheKey": unique across the clusters of a mesh
    QString objectId; // "context\nnamespace/name" (id()), read with the row in a worker
    QString context; // the cluster
    QString namespace_;
    QString name;
    QString resourceVersion;
    QString apiVersion; // "networking.istio.io/v1"
    QDateTime created;
    QStringList hosts;
    QStringList cells;
    QString haystack; // lower-case name, namespace, hosts and tags, for search as you type
    md::kube::KubeObject object;

    // "context\nnamespace/name": how live-check messages name their object.
    const QString &id() const { return objectId; }
};

// Reads one cached object of `kind` into a row. `rootNamespace` is the mesh's root namespace
// (a security policy there without selector applies mesh-wide). Never fails: an object that
// does not parse shows its identity and "(unreadable: ...)" in its first kind column.
PolicyRow makePolicyRow(PolicyKind kind, const QString &context, const QString &apiVersion,
                        const md::kube::KubeObject &object, const QString &rootNamespace);

// kubectl-style age: "45s", "12m", "5h", "3d".
QString ageText(const QDateTime &created, const QDateTime &now);

} // namespace md
