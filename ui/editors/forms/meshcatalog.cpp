#include "editors/forms/meshcatalog.h"

#include "istio/document.h"
#include "mesh/selectedmesh.h"

#include <QPointer>
#include <QThreadPool>

namespace md::ui::forms {

using md::istio::Value;

QString MeshCatalog::Service::host() const
{
    return QStringLiteral("%1.%2.svc.cluster.local").arg(name, namespace_);
}

namespace {

QMap<QString, QString> stringMap(const Value &v)
{
    QMap<QString, QString> out;
    for (qsizetype i = 0; v.isObject() && i < v.size(); ++i)
        out.insert(v.keyAt(i), v.valueAt(i).toString());
    return out;
}

bool matches(const QMap<QString, QString> &selector, const QMap<QString, QString> &labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
        if (labels.value(it.key()) != it.value())
            return false;
    }
    return true;
}

void sortUnique(QStringList &list)
{
    list.sort();
    list.removeDuplicates();
}

QString fqdn(const QString &host, const QString &ns)
{
    if (host.contains(u'.') || ns.isEmpty())
        return host;
    return QStringLiteral("%1.%2.svc.cluster.local").arg(host, ns);
}

} // namespace

MeshCatalog MeshCatalog::build(const md::mesh::MeshCache::Snapshot &snapshot,
                               const QString &rootNamespace)
{
    MeshCatalog c;
    c.rootNamespace = rootNamespace.isEmpty() ? QStringLiteral("istio-system") : rootNamespace;
    QMap<QString, Service> services; // "ns/name": one per mesh service (clusters merge)
    struct Pod
    {
        QString ns;
        QMap<QString, QString> labels;
    };
    QList<Pod> pods;
    QStringList entryHosts;
    for (const auto &items : snapshot) {
        for (const md::mesh::MeshCache::Item &item : items) {
            const QString kind = item.resource.kind;
            auto parsed = md::istio::parseValue(item.object.json());
            if (!parsed)
                continue;
            const Value &o = *parsed;
            const QString ns = item.object.namespaceName();
            if (!ns.isEmpty())
                c.namespaces.append(ns);
            const Value &spec = o.value(QStringLiteral("spec"));
            if (kind == u"Service") {
                Service &s = services[ns + u'/' + item.object.name()];
                s.namespace_ = ns;
                s.name = item.object.name();
                s.selector.insert(stringMap(spec.value(QStringLiteral("selector"))));
                const Value &ports = spec.value(QStringLiteral("ports"));
                for (qsizetype i = 0; ports.isArray() && i < ports.size(); ++i) {
                    const qint64 port = ports.at(i).value(QStringLiteral("port")).toInteger();
                    if (port > 0 && !s.ports.contains(port))
                        s.ports.append(port);
                }
            } else if (kind == u"Pod") {
                Pod pod {
                    ns,
                    stringMap(o.value(QStringLiteral("metadata")).value(QStringLiteral("labels")))};
                const Value &annotations
                    = o.value(QStringLiteral("metadata")).value(QStringLiteral("annotations"));
                if (annotations.value(QStringLiteral("ambient.istio.io/redirection")).toString()
                        == u"enabled"
                    || pod.labels.value(QStringLiteral("istio.io/dataplane-mode")) == u"ambient")
                    c.ambientNamespaces.insert(ns);
                for (auto it = pod.labels.constBegin(); it != pod.labels.constEnd(); ++it) {
                    if (it.key() == u"pod-template-hash")
                        continue;
                    const QString pair = it.key() + u'=' + it.value();
                    c.podLabels.append(pair);
                    c.namespaceLabels[ns].append(pair);
                }
                pods.append(std::move(pod));
            } else if (kind == u"ServiceEntry") {
                const Value &hosts = spec.value(QStringLiteral("hosts"));
                for (qsizetype i = 0; hosts.isArray() && i < hosts.size(); ++i)
                    entryHosts.append(hosts.at(i).toString());
            } else if (kind == u"DestinationRule") {
                const QString host = spec.value(QStringLiteral("host")).toString();
                const Value &subsets = spec.value(QStringLiteral("subsets"));
                for (qsizetype i = 0; subsets.isArray() && i < subsets.size(); ++i) {
                    const QString name = subsets.at(i).value(QStringLiteral("name")).toString();
                    c.subsets[host].append(name);
                    if (fqdn(host, ns) != host)
                        c.subsets[fqdn(host, ns)].append(name);
                }
                const QString cred = spec.value(QStringLiteral("trafficPolicy"))
                                         .value(QStringLiteral("tls"))
                                         .value(QStringLiteral("credentialName"))
                                         .toString();
                if (!cred.isEmpty())
                    c.credentialNames.append(cred);
            } else if (kind == u"Gateway") {
                c.gateways.append(ns + u'/' + item.object.name());
                const Value &servers = spec.value(QStringLiteral("servers"));
                for (qsizetype i = 0; servers.isArray() && i < servers.size(); ++i) {
                    const QString cred = servers.at(i)
                                             .value(QStringLiteral("tls"))
                                             .value(QStringLiteral("credentialName"))
                                             .toString();
                    if (!cred.isEmpty())
                        c.credentialNames.append(cred);
                }
            }
        }
    }
    for (auto it = services.begin(); it != services.end(); ++it) {
        for (const Pod &pod : std::as_const(pods)) {
            if (pod.ns == it->namespace_ && matches(it->selector, pod.labels)) {
                const QString version = pod.labels.value(QStringLiteral("version"));
                if (!version.isEmpty())
                    it->versions.append(version);
            }
        }
        sortUnique(it->versions);
        std::sort(it->ports.begin(), it->ports.end());
        c.services.append(*it);
        c.hosts.append(it->host());
    }
    sortUnique(entryHosts);
    c.hosts.append(entryHosts);
    c.hosts.removeDuplicates();
    for (auto it = c.subsets.begin(); it != c.subsets.end(); ++it)
        it->removeDuplicates();
    sortUnique(c.namespaces);
    sortUnique(c.gateways);
    sortUnique(c.podLabels);
    sortUnique(c.credentialNames);
    for (auto it = c.namespaceLabels.begin(); it != c.namespaceLabels.end(); ++it)
        sortUnique(*it);
    return c;
}

const MeshCatalog::Service *MeshCatalog::service(const QString &namespace_,
                                                 const QString &name) const
{
    for (const Service &s : services) {
        if (s.namespace_ == namespace_ && s.name == name)
            return &s;
    }
    return nullptr;
}

QStringList MeshCatalog::subsetsOf(const QString &host, const QString &fromNamespace) const
{
    QStringList out = subsets.value(host);
    out.append(subsets.value(fqdn(host, fromNamespace)));
    out.removeDuplicates();
    return out;
}

QStringList MeshCatalog::hostsFor(const QString &namespace_) const
{
    QStringList out;
    for (const Service &s : services) {
        if (s.namespace_ == namespace_)
            out.append(s.name);
    }
    out.append(hosts);
    return out;
}

CatalogSource::CatalogSource(const FormContext &context, QObject *parent)
    : QObject(parent)
    , m_mesh(context.mesh)
    , m_catalog(std::make_shared<MeshCatalog>())
    , m_alive(std::make_shared<bool>(true))
{
    if (m_mesh && m_mesh->cache()) {
        connect(m_mesh->cache(), &md::mesh::MeshCache::changed, this, &CatalogSource::refresh);
        connect(m_mesh, &md::mesh::SelectedMesh::meshChanged, this, &CatalogSource::refresh);
        refresh();
    }
}

CatalogSource::CatalogSource(std::shared_ptr<const MeshCatalog> fixed, QObject *parent)
    : QObject(parent)
    , m_catalog(fixed ? std::move(fixed) : std::make_shared<MeshCatalog>())
    , m_alive(std::make_shared<bool>(true))
{ }

CatalogSource::~CatalogSource()
{
    *m_alive = false;
}

void CatalogSource::refresh()
{
    if (m_pending) {
        m_again = true;
        return;
    }
    m_pending = true;
    // The cache's tables here, their objects copied in the worker.
    const auto tables = m_mesh->cache()->tables({});
    const auto mesh = m_mesh->mesh();
    const QString root = mesh ? mesh->rootNamespace : QString();
    QPointer<CatalogSource> self(this);
    QThreadPool::globalInstance()->start([self, tables, root] {
        auto catalog = std::make_shared<const MeshCatalog>(
            MeshCatalog::build(md::mesh::MeshCache::toSnapshot(tables), root));
        QMetaObject::invokeMethod(
            qApp,
            [self, catalog] {
                if (!self)
                    return;
                self->m_catalog = catalog;
                self->m_pending = false;
                emit self->updated();
                if (std::exchange(self->m_again, false))
                    self->refresh();
            },
            Qt::QueuedConnection);
    });
}

} // namespace md::ui::forms
