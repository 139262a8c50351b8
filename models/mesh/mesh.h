#pragma once

// A mesh as MeshDesk manages it: a name, a type, a control-plane cluster, member clusters,
// the Istio root namespace and where its metrics are. Clusters are kubeconfig contexts.
// Its secrets (the Prometheus bearer token) are not part of the value: they live in the
// system keychain (store::SecretStore) under the keys below, and MeshRegistry moves them
// along when a mesh is renamed and deletes them when it is removed.

#include "core/result.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace md::mesh {

struct ClusterHealth;

struct Mesh
{
    enum class Type {
        Hosted, // one control plane for several member clusters
        Dedicated, // control plane and workloads in one cluster
        External, // an Istio the user installed and manages
    };

    QString name;
    Type type = Type::Dedicated;
    QString controlPlane; // context of the control-plane cluster
    QStringList members; // contexts of the data-plane clusters (without the control plane)
    QString rootNamespace = QStringLiteral("istio-system");
    QString prometheusUrl;
    QString prometheusCaFile; // PEM file of the CA that signed Prometheus's certificate
    QString meshId; // Istio's mesh ID, when known
    QString grafanaUrl; // where Istio's Grafana dashboards are (the Metrics page links there)

    QStringList clusters() const; // the control plane first, then the members
    bool operator==(const Mesh &) const = default;
};

QString typeId(Mesh::Type type); // "hosted", "dedicated", "external"
std::optional<Mesh::Type> typeFromId(const QString &id);
QString typeText(Mesh::Type type); // translated

// Checks a mesh before it is saved; the error names the field (Error::where: "name",
// "controlPlane", "members", "rootNamespace", "prometheusUrl", "prometheusCaFile",
// "grafanaUrl").
Result<void> validateMesh(const Mesh &mesh);

// Keychain key of the mesh's Prometheus bearer token: "mesh/<name>/prometheus-token".
QString prometheusTokenKey(const QString &meshName);
// Every keychain key a mesh of that name may have secrets under.
QStringList secretKeys(const QString &meshName);

// Meshes MeshDesk proposes from what connected clusters report: clusters with istiod that
// share a mesh ID form one mesh (hosted when several, dedicated when one). The control
// plane is the first cluster, in `preferredOrder` when given. The user confirms.
QList<Mesh> proposeMeshes(const QList<ClusterHealth> &clusters,
                          const QStringList &preferredOrder = {});

} // namespace md::mesh

Q_DECLARE_METATYPE(md::mesh::Mesh)
