#include "istio/analyzers.h"

namespace md::istio {

namespace {

const QString kDefaultNamespace = QStringLiteral("default");

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

bool isIstioGroup(const QString &group)
{
    return group == QLatin1String("istio.io") || group.endsWith(QLatin1String(".istio.io"));
}

} // namespace

QString selectorText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u',');
}

QString MeshIndex::fqdn(const QString &host, const QString &ns)
{
    if (host.contains(u'.') || host.contains(u'*') || host.isEmpty())
        return host;
    return host + u'.' + (ns.isEmpty() ? kDefaultNamespace : ns)
        + QStringLiteral(".svc.cluster.local");
}

bool MeshIndex::isClusterScoped(const QString &kind)
{
    static const QSet<QString> kinds = {
        QStringLiteral("Namespace"),
        QStringLiteral("Node"),
        QStringLiteral("MutatingWebhookConfiguration"),
        QStringLiteral("ValidatingWebhookConfiguration"),
        QStringLiteral("CustomResourceDefinition"),
        QStringLiteral("ClusterRole"),
        QStringLiteral("ClusterRoleBinding"),
        QStringLiteral("GatewayClass"),
    };
    return kinds.contains(kind);
}

void MeshIndex::add(const DocumentStream &stream)
{
    for (const ObjectRef &ref : stream.objects())
        add(stream.object(ref), stream.source, stream.line(ref));
}

void MeshIndex::addRemote(const Value &object)
{
    const ObjectId id = ObjectId::of(object);
    const QString ns = id.namespace_.isEmpty() ? kDefaultNamespace : id.namespace_;
    if (id.kind == QLatin1String("Service") && id.group().isEmpty()) {
        m_remoteHosts.insert(fqdn(id.name, ns));
        m_knowsServices = true;
    } else if (id.kind == QLatin1String("Pod") && id.group().isEmpty()) {
        m_knowsPods = true;
        indexWorkload(
            ns,
            stringMap(object.value(QStringLiteral("metadata")).value(QStringLiteral("labels"))));
    }
}

void MeshIndex::indexWorkload(const QString &ns, const QMap<QString, QString> &labels)
{
    QList<QMap<QString, QString>> &list = m_workloads[ns];
    const int position = int(list.size());
    list.append(labels);
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it) {
        const QString label = it.key() + u'=' + it.value();
        m_workloadsByLabel[label].append({ns, position});
        m_workloadsByNamespaceLabel[ns + u'\n' + label].append({ns, position});
    }
}

QStringList MeshIndex::namespacesSelecting(const QMap<QString, QString> &selector,
                                           const QString &ns, bool firstOnly) const
{
    QStringList result;
    if (selector.isEmpty()) {
        for (auto it = m_workloads.cbegin(); it != m_workloads.cend(); ++it) {
            if (!it->isEmpty() && (ns.isEmpty() || it.key() == ns))
                result.append(it.key());
            if (firstOnly && !result.isEmpty())
                return result;
        }
        result.sort();
        return result;
    }
    // The rarest label of the selector names the candidates.
    const QList<std::pair<QString, int>> *candidates = nullptr;
    const auto &byLabel = ns.isEmpty() ? m_workloadsByLabel : m_workloadsByNamespaceLabel;
    const QString prefix = ns.isEmpty() ? QString() : ns + u'\n';
    for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
        const auto found = byLabel.constFind(prefix + it.key() + u'=' + it.value());
        if (found == byLabel.cend())
            return result;
        if (!candidates || found->size() < candidates->size())
            candidates = &*found;
    }
    QSet<QString> found;
    for (const auto &[candidateNs, position] : *candidates) {
        if ((!ns.isEmpty() && candidateNs != ns) || found.contains(candidateNs))
            continue;
        const QMap<QString, QString> &labels = m_workloads.find(candidateNs)->at(position);
        bool all = true;
        for (auto it = selector.constBegin(); it != selector.constEnd() && all; ++it) {
            const auto label = labels.constFind(it.key());
            all = label != labels.cend() && *label == it.value();
        }
        if (!all)
            continue;
        found.insert(candidateNs);
        result.append(candidateNs);
        if (firstOnly)
            return result;
    }
    result.sort();
    return result;
}

QList<int> MeshIndex::gatewaysServing(const QString &selectorText, qint64 port, const QString &bind,
                                      const QString &host) const
{
    return live(m_gatewayServers.value(selectorText + u'\n' + QString::number(port) + u'\n' + bind
                                       + u'\n' + host));
}

QList<int> MeshIndex::gatewaysWithCredential(const QString &name) const
{
    return live(m_gatewaysByCredential.value(name));
}

void MeshIndex::add(const Value &object, const QString &source, int line)
{
    Entry entry {object, ObjectId::of(object), source, line};
    const QString &kind = entry.id.kind;
    const QString ns = isClusterScoped(kind)
        ? QString()
        : (entry.id.namespace_.isEmpty() ? kDefaultNamespace : entry.id.namespace_);
    const QString nameKey = kind + u'/' + ns + u'/' + entry.id.name;
    // An object that is already there is replaced, as applying it again would.
    const auto previous = m_byName.constFind(nameKey);
    if (previous != m_byName.cend() && m_entries.at(*previous).id.group() == entry.id.group()) {
        m_entries[*previous].object = Value(); // keep indexes stable; the old entry is left empty
        m_entries[*previous].id.name.clear();
    }
    const int index = int(m_entries.size());
    m_entries.append(entry);
    m_byName.insert(nameKey, index);
    m_byKindNamespace[kind + u'/' + ns].append(index);
    m_byKind[kind].append(index);
    m_known.insert(kind);
    const Value &spec = object.value(QStringLiteral("spec"));
    const bool istio = isIstioGroup(entry.id.group());
    if (kind == QLatin1String("VirtualService") && istio) {
        const Value &hosts = spec.value(QStringLiteral("hosts"));
        bool wildcard = false;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QString host = hosts.at(i).toString();
            m_vsByHost[fqdn(host, ns)].append(index);
            wildcard = wildcard || host.startsWith(u'*');
        }
        if (wildcard)
            m_vsWildcards.append(index);
    } else if (kind == QLatin1String("DestinationRule") && istio) {
        m_drByHost[fqdn(spec.value(QStringLiteral("host")).toString(), ns)].append(index);
    } else if (kind == QLatin1String("Gateway") && istio) {
        m_gateways.insert(ns + u'/' + entry.id.name, index);
        const QString selector = selectorText(stringMap(spec.value(QStringLiteral("selector"))));
        m_gatewaysBySelector[selector].append(index);
        const Value &servers = spec.value(QStringLiteral("servers"));
        for (qsizetype i = 0; i < servers.size(); ++i) {
            const QString credential = servers.at(i)
                                           .value(QStringLiteral("tls"))
                                           .value(QStringLiteral("credentialName"))
                                           .toString();
            if (!credential.isEmpty() && !m_gatewaysByCredential[credential].contains(index))
                m_gatewaysByCredential[credential].append(index);
            const Value &server = servers.at(i);
            const QString prefix = selector + u'\n'
                + QString::number(server.value(QStringLiteral("port"))
                                      .value(QStringLiteral("number"))
                                      .toInteger())
                + u'\n' + server.value(QStringLiteral("bind")).toString() + u'\n';
            const Value &hosts = server.value(QStringLiteral("hosts"));
            for (qsizetype h = 0; h < hosts.size(); ++h) {
                QList<int> &list = m_gatewayServers[prefix + hosts.at(h).toString()];
                if (!list.contains(index))
                    list.append(index);
            }
        }
    } else if (kind == QLatin1String("Service") && entry.id.group().isEmpty()) {
        m_services.insert(fqdn(entry.id.name, ns), index);
        m_knowsServices = true;
    } else if (kind == QLatin1String("ServiceEntry") && istio) {
        const Value &hosts = spec.value(QStringLiteral("hosts"));
        bool wildcard = false;
        for (qsizetype i = 0; i < hosts.size(); ++i) {
            const QString host = fqdn(hosts.at(i).toString(), ns);
            m_seByHost[host].append(index);
            if (host.startsWith(u'*')) {
                m_serviceEntryWildcards.append(host);
                wildcard = true;
            } else {
                m_serviceEntryHosts.insert(host);
            }
        }
        if (wildcard)
            m_seWildcards.append(index);
    } else if (kind == QLatin1String("Pod") && entry.id.group().isEmpty()) {
        m_knowsPods = true;
        indexWorkload(
            ns,
            stringMap(object.value(QStringLiteral("metadata")).value(QStringLiteral("labels"))));
    } else if (isWorkloadKind(kind)) {
        const Value &labels = spec.value(QStringLiteral("template"))
                                  .value(QStringLiteral("metadata"))
                                  .value(QStringLiteral("labels"));
        indexWorkload(ns, stringMap(labels));
    } else if (kind == QLatin1String("ConfigMap") && entry.id.group().isEmpty()) {
        indexConfigMap(object);
    }
}

void MeshIndex::indexConfigMap(const Value &object)
{
    const QString name
        = object.value(QStringLiteral("metadata")).value(QStringLiteral("name")).toString();
    const Value &data = object.value(QStringLiteral("data"));
    if (name == QLatin1String("istio") || name.startsWith(QLatin1String("istio-"))) {
        if (name.startsWith(QLatin1String("istio-sidecar-injector"))) {
            auto values = parseValue(data.value(QStringLiteral("values")).toString().toUtf8());
            m_injectorValues.insert(name, values ? *values : Value());
            return;
        }
        // "istio" or "istio-REV": the mesh config of the default revision wins.
        if (m_hasMeshConfig && name != QLatin1String("istio"))
            return;
        auto mesh = parseValue(data.value(QStringLiteral("mesh")).toString().toUtf8());
        auto networks = parseValue(data.value(QStringLiteral("meshNetworks")).toString().toUtf8());
        m_meshConfig = mesh ? *mesh : Value();
        m_meshNetworks = networks ? *networks : Value();
        m_hasMeshConfig = true;
    }
}

QString MeshIndex::rootNamespace() const
{
    return m_meshConfig.value(QStringLiteral("rootNamespace"))
        .toString(QStringLiteral("istio-system"));
}

QList<int> MeshIndex::live(const QList<int> &entries) const
{
    QList<int> result;
    result.reserve(entries.size());
    for (int i : entries) {
        if (isLive(i))
            result.append(i);
    }
    return result;
}

bool MeshIndex::hostExists(const QString &host) const
{
    if (m_services.contains(host) || m_serviceEntryHosts.contains(host)
        || m_remoteHosts.contains(host))
        return true;
    for (const QString &wildcard : m_serviceEntryWildcards) {
        if (wildcard == QLatin1String("*") || host.endsWith(wildcard.mid(1)))
            return true;
    }
    return false;
}

QList<int> MeshIndex::kindInNamespace(const QString &kind, const QString &ns) const
{
    return live(m_byKindNamespace.value(kind + u'/'
                                        + (isClusterScoped(kind) ? QString()
                                               : ns.isEmpty()    ? kDefaultNamespace
                                                                 : ns)));
}

QList<int> MeshIndex::ofKind(const QString &kind) const
{
    return live(m_byKind.value(kind));
}

int MeshIndex::find(const QString &kind, const QString &ns, const QString &name) const
{
    const QString key = kind + u'/'
        + (isClusterScoped(kind) ? QString()
               : ns.isEmpty()    ? kDefaultNamespace
                                 : ns)
        + u'/' + name;
    const int i = m_byName.value(key, -1);
    return i >= 0 && isLive(i) ? i : -1;
}

QList<int> MeshIndex::virtualServicesForHost(const QString &host) const
{
    return live(m_vsByHost.value(host));
}

QList<int> MeshIndex::virtualServicesWithWildcardHosts() const
{
    return live(m_vsWildcards);
}

QList<int> MeshIndex::destinationRulesForHost(const QString &host) const
{
    return live(m_drByHost.value(host));
}

QList<int> MeshIndex::serviceEntriesForHost(const QString &host) const
{
    QList<int> result = live(m_seByHost.value(host));
    for (int i : m_seWildcards) {
        if (!isLive(i) || result.contains(i))
            continue;
        const Value &hosts
            = m_entries.at(i).object.value(QStringLiteral("spec")).value(QStringLiteral("hosts"));
        for (qsizetype h = 0; h < hosts.size(); ++h) {
            const QString pattern = hosts.at(h).toString();
            if (pattern.startsWith(u'*') && host.endsWith(pattern.mid(1))) {
                result.append(i);
                break;
            }
        }
    }
    return result;
}

QList<int> MeshIndex::gatewaysWithSelector(const QString &selector) const
{
    return live(m_gatewaysBySelector.value(selector));
}

int MeshIndex::gateway(const QString &ns, const QString &name) const
{
    const int i = m_gateways.value(ns + u'/' + name, -1);
    return i >= 0 && isLive(i) ? i : -1;
}

int MeshIndex::service(const QString &host) const
{
    const int i = m_services.value(host, -1);
    return i >= 0 && isLive(i) ? i : -1;
}

QList<QMap<QString, QString>> MeshIndex::workloadLabels(const QString &ns) const
{
    return m_workloads.value(ns.isEmpty() ? kDefaultNamespace : ns);
}

} // namespace md::istio
