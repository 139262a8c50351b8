#pragma once

// Validation layer 3: cross-reference analyzers over a set of objects (the files given, or
// a mesh's cached objects), after istioctl analyze and Kiali's checks. MeshIndex holds the
// objects with lookup tables, so checking one edited object against a large mesh only
// touches the objects it refers to.

#include "istio/document.h"
#include "istio/message.h"

#include <QHash>
#include <QSet>

namespace md::istio {

class MeshIndex
{
public:
    struct Entry
    {
        Value object;
        ObjectId id;
        QString source;
        int line = 0;
    };

    void add(const Value &object, const QString &source = {}, int line = 0);
    void add(const DocumentStream &stream);
    // An object of another cluster of the mesh: its Service hosts resolve and its Pods'
    // labels count for selectors, but it is not analyzed and not compared with this
    // cluster's objects (a Service of the same name elsewhere is no duplicate).
    void addRemote(const Value &object);
    // The kind was listed from a live cluster, so an absent object of it is really absent
    // (files only know the kinds they hold).
    void markKnown(const QString &kind) { m_known.insert(kind); }
    qsizetype size() const { return m_entries.size(); }
    const Entry &entry(qsizetype i) const { return m_entries.at(i); }

    // Whether the set holds Services / workloads at all: checks that need them (host
    // exists, selector matches a pod) stay silent when nothing is known about them.
    bool knowsServices() const { return m_knowsServices; }
    bool knowsWorkloads() const
    {
        return !m_workloads.isEmpty() || m_known.contains(QStringLiteral("Pod"));
    }
    // Whether running Pods are known (live caches), not only workload templates (files).
    bool knowsPods() const { return m_knowsPods; }
    // Whether objects of `kind` were given or listed.
    bool knows(const QString &kind) const { return m_known.contains(kind); }

    // Resolves a short host name against a namespace: "reviews" in "bookinfo" reads
    // "reviews.bookinfo.svc.cluster.local"; names with dots and wildcards stay as they are.
    static QString fqdn(const QString &host, const QString &ns);
    static bool isClusterScoped(const QString &kind);

    bool hostExists(const QString &fqdn) const; // a Service or ServiceEntry host
    QList<int> kindInNamespace(const QString &kind, const QString &ns) const;
    QList<int> ofKind(const QString &kind) const; // every namespace
    // The object, or -1; cluster-scoped kinds take an empty namespace.
    int find(const QString &kind, const QString &ns, const QString &name) const;
    QList<int> virtualServicesForHost(const QString &fqdn) const;
    QList<int> virtualServicesWithWildcardHosts() const; // any host starting with '*'
    QList<int> destinationRulesForHost(const QString &fqdn) const;
    QList<int> serviceEntriesForHost(const QString &fqdn) const; // exact hosts, then wildcards
    QList<int> gatewaysWithSelector(const QString &selectorText) const;
    QStringList gatewaySelectors() const { return m_gatewaysBySelector.keys(); }
    int gateway(const QString &ns, const QString &name) const; // -1 when absent
    int service(const QString &fqdn) const; // a Kubernetes Service, -1 when absent
    // Labels of every workload (Pod, or the pod template of Deployment & co.) in a namespace.
    QList<QMap<QString, QString>> workloadLabels(const QString &ns) const;
    QStringList workloadNamespaces() const { return m_workloads.keys(); }
    // Namespaces (sorted) with a workload whose labels include all of `selector`'s; with
    // `ns`, only that namespace is looked at. Found through a label index: the cost follows
    // the workloads carrying the selector's rarest label, not the mesh's size.
    QStringList namespacesSelecting(const QMap<QString, QString> &selector, const QString &ns = {},
                                    bool firstOnly = false) const;
    bool anyWorkloadSelected(const QMap<QString, QString> &selector, const QString &ns = {}) const
    {
        return !namespacesSelecting(selector, ns, true).isEmpty();
    }
    // Gateways with this selector and a server on this port and bind serving this host.
    QList<int> gatewaysServing(const QString &selectorText, qint64 port, const QString &bind,
                               const QString &host) const;
    // Gateways with a server whose TLS credentialName is `name`.
    QList<int> gatewaysWithCredential(const QString &name) const;

    // Istio's configuration, read from its config maps when given or listed: the mesh
    // config (`mesh` of config map "istio"), mesh networks, and the injector values of
    // each "istio-sidecar-injector[-REV]" config map. Null when absent.
    const Value &meshConfig() const { return m_meshConfig; }
    const Value &meshNetworks() const { return m_meshNetworks; }
    bool hasMeshConfig() const { return m_hasMeshConfig; }
    const QHash<QString, Value> &injectorValues() const { return m_injectorValues; }
    QString rootNamespace() const;

private:
    bool isLive(int i) const { return !m_entries.at(i).id.name.isEmpty(); }
    QList<int> live(const QList<int> &entries) const;
    void indexConfigMap(const Value &object);

    QList<Entry> m_entries;
    QHash<QString, QList<int>> m_byKindNamespace; // "Kind/namespace"
    QHash<QString, QList<int>> m_byKind;
    QHash<QString, int> m_byName; // "Kind/namespace/name"
    QHash<QString, QList<int>> m_vsByHost;
    QList<int> m_vsWildcards;
    QHash<QString, QList<int>> m_drByHost;
    QHash<QString, QList<int>> m_seByHost;
    QHash<QString, QList<int>> m_gatewaysBySelector;
    QList<int> m_seWildcards;
    QHash<QString, int> m_gateways; // "namespace/name"
    QHash<QString, int> m_services; // FQDN of Kubernetes Services
    QSet<QString> m_serviceEntryHosts;
    QSet<QString> m_remoteHosts;
    QStringList m_serviceEntryWildcards;
    QHash<QString, QList<QMap<QString, QString>>> m_workloads;
    void indexWorkload(const QString &ns, const QMap<QString, QString> &labels);
    // "key=value" -> (namespace, position in m_workloads[namespace])
    QHash<QString, QList<std::pair<QString, int>>> m_workloadsByLabel;
    QHash<QString, QList<std::pair<QString, int>>> m_workloadsByNamespaceLabel; // "ns\nk=v"
    QHash<QString, QList<int>> m_gatewaysByCredential;
    QHash<QString, QList<int>> m_gatewayServers; // "selector\nport\nbind\nhost"
    QSet<QString> m_known;
    Value m_meshConfig;
    Value m_meshNetworks;
    bool m_hasMeshConfig = false;
    QHash<QString, Value> m_injectorValues;
    bool m_knowsPods = false;
    bool m_knowsServices = false;
};

// The analyzers' codes (messageCodes() lists them with the other layers').
const QList<CodeInfo> &analyzerCodes();

// The label selector text Kubernetes prints for a map ("app=a,version=v1", keys sorted).
QString selectorText(const QMap<QString, QString> &labels);

// Messages for every object of the index, with object, source and line filled in.
QList<Message> analyzeMesh(const MeshIndex &index);
// Messages for one object (which may or may not be in the index) against the index.
QList<Message> analyzeObject(const MeshIndex &index, const Value &object);
// Services of the same name and namespace that differ between the clusters of a mesh
// (IST0170), one index per cluster (context, index).
QList<Message> analyzeClusters(const QList<std::pair<QString, const MeshIndex *>> &clusters);

} // namespace md::istio
