#pragma once

// What the pickers of the forms and the wizards offer, read from the selected mesh's live
// objects: namespaces, service hosts (Services and ServiceEntries), each service's ports,
// workload labels and versions (from the Pods its selector matches), DestinationRule
// subsets, Gateways, TLS credential names in use, and which namespaces run in ambient mode.
// Built off the GUI thread from a MeshCache snapshot.

#include "editors/forms/policyform.h"
#include "mesh/meshcache.h"

#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

namespace md::ui::forms {

struct MeshCatalog
{
    struct Service
    {
        QString namespace_, name;
        QMap<QString, QString> selector;
        QList<qint64> ports;
        QStringList versions; // values of the "version" label of its Pods, sorted
        QString host() const; // name.namespace.svc.cluster.local
    };

    QString rootNamespace = QStringLiteral("istio-system");
    QStringList namespaces; // sorted
    QList<Service> services; // sorted by namespace, name
    QStringList hosts; // FQDNs of Services, then ServiceEntry hosts
    QHash<QString, QStringList> subsets; // DestinationRule host (as written and FQDN) -> names
    QStringList gateways; // "namespace/name"
    QStringList podLabels; // "key=value", sorted, unique
    QHash<QString, QStringList> namespaceLabels; // namespace -> "key=value" of its Pods
    QStringList credentialNames; // used by Gateways and DestinationRules
    QSet<QString> ambientNamespaces;

    // Builds the catalog (parses the objects; call it off the GUI thread for a big mesh).
    static MeshCatalog build(const md::mesh::MeshCache::Snapshot &snapshot,
                             const QString &rootNamespace = QStringLiteral("istio-system"));

    const Service *service(const QString &namespace_, const QString &name) const;
    // Subsets of a host as written in a route ("reviews", "reviews.bookinfo.svc...").
    QStringList subsetsOf(const QString &host, const QString &fromNamespace) const;
    // Short names of the hosts in `namespace_` first, then every FQDN.
    QStringList hostsFor(const QString &namespace_) const;
};

// Holds the catalog of a form or wizard and rebuilds it off the GUI thread whenever the
// mesh's caches change. Without a mesh it holds an empty catalog (or the one given).
class CatalogSource : public QObject
{
    Q_OBJECT
public:
    explicit CatalogSource(const FormContext &context, QObject *parent = nullptr);
    CatalogSource(std::shared_ptr<const MeshCatalog> fixed, QObject *parent = nullptr);
    ~CatalogSource() override;

    const MeshCatalog &catalog() const { return *m_catalog; }
    std::shared_ptr<const MeshCatalog> shared() const { return m_catalog; }

signals:
    void updated();

private:
    void refresh();

    md::mesh::SelectedMesh *m_mesh = nullptr; // Not owned.
    std::shared_ptr<const MeshCatalog> m_catalog;
    std::shared_ptr<bool> m_alive;
    bool m_pending = false;
    bool m_again = false;
};

} // namespace md::ui::forms
