#include "istio/analyzers.h"

namespace md::istio {

namespace {

const QString kDefaultNamespace = QStringLiteral("default");

QString namespaceOf(const ObjectId &id)
{
    return id.namespace_.isEmpty() ? kDefaultNamespace : id.namespace_;
}

QMap<QString, QString> stringMap(const Value &v)
{
    QMap<QString, QString> map;
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i)
        map.insert(v.keyAt(i), v.valueAt(i).toString());
    return map;
}

bool isWorkloadKind(const QString &kind)
{
    return kind == QLatin1String("Deployment") || kind == QLatin1String("StatefulSet")
        || kind == QLatin1String("DaemonSet") || kind == QLatin1String("ReplicaSet")
        || kind == QLatin1String("Job");
}

} // namespace

QString MeshIndex::fqdn(const QString &host, const QString &ns)
{
    if (host.contains(u'.') || host.contains(u'*') || host.isEmpty())
        return host;
    return host + u'.' + (ns.isEmpty() ? kDefaultNamespace : ns)
        + QStringLiteral(".svc.cluster.local");
}

void MeshIndex::add(const DocumentStream &stream)
{
    for (const ObjectRef &ref : stream.objects())
        add(stream.object(ref), stream.source, stream.line(ref));
}

void MeshIndex::add(const Value &object, const QString &source, int line)
{
    Entry entry {object, ObjectId::of(object), source, line};
    const QString ns = namespaceOf(entry.id);
    const QString key = entry.id.kind + u'/' + ns;
    // An object that is already there is replaced, as applying it again would.
    for (int i : m_byKindNamespace.value(key)) {
        if (m_entries.at(i).id.name == entry.id.name
            && m_entries.at(i).id.group() == entry.id.group()) {
            m_entries[i].object = Value(); // keep indexes stable; the old entry is left empty
            m_entries[i].id.name.clear();
        }
    }
    const int index = int(m_entries.size());
    m_entries.append(entry);
    m_byKindNamespace[key].append(index);
    const Value &spec = object.value(QStringLiteral("spec"));
    const QString &kind = entry.id.kind;
    if (kind == QLatin1String("VirtualService")) {
        const Value &hosts = spec.value(QStringLiteral("hosts"));
        for (qsizetype i = 0; i < hosts.size(); ++i)
            m_vsByHost[fqdn(hosts.at(i).toString(), ns)].append(index);
    } else if (kind == QLatin1String("DestinationRule")) {
        m_drByHost[fqdn(spec.value(QStringLiteral("host")).toString(), ns)].append(index);
    } else if (kind == QLatin1String("Gateway")
               && entry.id.group().endsWith(QLatin1String("istio.io"))) {
        m_gateways.insert(ns + u'/' + entry.id.name, index);
    } else if (kind == QLatin1String("Service") && entry.id.group().isEmpty()) {
        m_services.insert(fqdn(entry.id.name, ns), index);
        m_knowsServices = true;
    } else if (kind == QLatin1String("ServiceEntry")) {
        const Value &hosts = spec.value(QStringLiteral("hosts"));
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QString host = fqdn(hosts.at(i).toString(), ns);
            if (host.startsWith(u'*'))
                m_serviceEntryWildcards.append(host);
            else
                m_serviceEntryHosts.insert(host);
        }
    } else if (kind == QLatin1String("Pod")) {
        m_knowsPods = true;
        m_workloads[ns].append(
            stringMap(object.value(QStringLiteral("metadata")).value(QStringLiteral("labels"))));
    } else if (isWorkloadKind(kind)) {
        const Value &labels = spec.value(QStringLiteral("template"))
                                  .value(QStringLiteral("metadata"))
                                  .value(QStringLiteral("labels"));
        m_workloads[ns].append(stringMap(labels));
    }
}

bool MeshIndex::hostExists(const QString &host) const
{
    if (m_services.contains(host) || m_serviceEntryHosts.contains(host))
        return true;
    for (const QString &wildcard : m_serviceEntryWildcards) {
        if (wildcard == QLatin1String("*") || host.endsWith(wildcard.mid(1)))
            return true;
    }
    return false;
}

QList<int> MeshIndex::kindInNamespace(const QString &kind, const QString &ns) const
{
    QList<int> result;
    for (int i : m_byKindNamespace.value(kind + u'/' + (ns.isEmpty() ? kDefaultNamespace : ns))) {
        if (!m_entries.at(i).id.name.isEmpty())
            result.append(i);
    }
    return result;
}

QList<int> MeshIndex::virtualServicesForHost(const QString &host) const
{
    QList<int> result;
    for (int i : m_vsByHost.value(host)) {
        if (!m_entries.at(i).id.name.isEmpty())
            result.append(i);
    }
    return result;
}

QList<int> MeshIndex::destinationRulesForHost(const QString &host) const
{
    QList<int> result;
    for (int i : m_drByHost.value(host)) {
        if (!m_entries.at(i).id.name.isEmpty())
            result.append(i);
    }
    return result;
}

int MeshIndex::gateway(const QString &ns, const QString &name) const
{
    const int i = m_gateways.value(ns + u'/' + name, -1);
    return i >= 0 && !m_entries.at(i).id.name.isEmpty() ? i : -1;
}

int MeshIndex::service(const QString &host) const
{
    return m_services.value(host, -1);
}

QList<QMap<QString, QString>> MeshIndex::workloadLabels(const QString &ns) const
{
    return m_workloads.value(ns.isEmpty() ? kDefaultNamespace : ns);
}

} // namespace md::istio
