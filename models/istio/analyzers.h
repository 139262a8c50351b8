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
    qsizetype size() const { return m_entries.size(); }
    const Entry &entry(qsizetype i) const { return m_entries.at(i); }

    // Whether the set holds Services / workloads at all: checks that need them (host
    // exists, selector matches a pod) stay silent when nothing is known about them.
    bool knowsServices() const { return m_knowsServices; }
    bool knowsWorkloads() const { return !m_workloads.isEmpty(); }
    // Whether running Pods are known (live caches), not only workload templates (files).
    bool knowsPods() const { return m_knowsPods; }

    // Resolves a short host name against a namespace: "reviews" in "bookinfo" reads
    // "reviews.bookinfo.svc.cluster.local"; names with dots and wildcards stay as they are.
    static QString fqdn(const QString &host, const QString &ns);

    bool hostExists(const QString &fqdn) const; // a Service or ServiceEntry host
    QList<int> kindInNamespace(const QString &kind, const QString &ns) const;
    QList<int> virtualServicesForHost(const QString &fqdn) const;
    QList<int> destinationRulesForHost(const QString &fqdn) const;
    int gateway(const QString &ns, const QString &name) const; // -1 when absent
    int service(const QString &fqdn) const; // a Kubernetes Service, -1 when absent
    // Labels of every workload (Pod, or the pod template of Deployment & co.) in a namespace.
    QList<QMap<QString, QString>> workloadLabels(const QString &ns) const;

private:
    QList<Entry> m_entries;
    QHash<QString, QList<int>> m_byKindNamespace; // "Kind/namespace"
    QHash<QString, QList<int>> m_vsByHost;
    QHash<QString, QList<int>> m_drByHost;
    QHash<QString, int> m_gateways; // "namespace/name"
    QHash<QString, int> m_services; // FQDN of Kubernetes Services
    QSet<QString> m_serviceEntryHosts;
    QStringList m_serviceEntryWildcards;
    QHash<QString, QList<QMap<QString, QString>>> m_workloads;
    bool m_knowsPods = false;
    bool m_knowsServices = false;
};

// Messages for every object of the index, with object, source and line filled in.
QList<Message> analyzeMesh(const MeshIndex &index);
// Messages for one object (which may or may not be in the index) against the index.
QList<Message> analyzeObject(const MeshIndex &index, const Value &object);

} // namespace md::istio
