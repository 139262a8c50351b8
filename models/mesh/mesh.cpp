#include "mesh/mesh.h"

#include "mesh/clusterhealth.h"
#include "mesh/meshtr.h"

#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace md::mesh {

QStringList Mesh::clusters() const
{
    QStringList all;
    if (!controlPlane.isEmpty())
        all << controlPlane;
    for (const QString &m : members) {
        if (!all.contains(m))
            all << m;
    }
    return all;
}

QString typeId(Mesh::Type type)
{
    switch (type) {
    case Mesh::Type::Hosted:
        return QStringLiteral("hosted");
    case Mesh::Type::Dedicated:
        return QStringLiteral("dedicated");
    case Mesh::Type::External:
        return QStringLiteral("external");
    }
    return {};
}

std::optional<Mesh::Type> typeFromId(const QString &id)
{
    for (Mesh::Type t : {Mesh::Type::Hosted, Mesh::Type::Dedicated, Mesh::Type::External}) {
        if (typeId(t) == id)
            return t;
    }
    return std::nullopt;
}

QString typeText(Mesh::Type type)
{
    switch (type) {
    case Mesh::Type::Hosted:
        return Tr::tr("Hosted");
    case Mesh::Type::Dedicated:
        return Tr::tr("Dedicated");
    case Mesh::Type::External:
        return Tr::tr("External");
    }
    return {};
}

Result<void> validateMesh(const Mesh &mesh)
{
    static const QRegularExpression dnsLabel(
        QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
    if (mesh.name.trimmed().isEmpty())
        return unexpected(QStringLiteral("mesh.name"), Tr::tr("a mesh needs a name"),
                          QStringLiteral("name"));
    if (mesh.name.size() > 100)
        return unexpected(QStringLiteral("mesh.name"),
                          Tr::tr("the name is longer than 100 characters"), QStringLiteral("name"));
    if (mesh.controlPlane.isEmpty())
        return unexpected(QStringLiteral("mesh.controlPlane"),
                          Tr::tr("choose the control-plane cluster"),
                          QStringLiteral("controlPlane"));
    if (mesh.members.contains(mesh.controlPlane))
        return unexpected(
            QStringLiteral("mesh.members"),
            Tr::tr("%1 is the control plane; it cannot also be a member").arg(mesh.controlPlane),
            QStringLiteral("members"));
    if (QStringList(mesh.members).removeDuplicates() > 0)
        return unexpected(QStringLiteral("mesh.members"), Tr::tr("a cluster is listed twice"),
                          QStringLiteral("members"));
    if (mesh.type == Mesh::Type::Dedicated && !mesh.members.isEmpty())
        return unexpected(QStringLiteral("mesh.members"),
                          Tr::tr("a dedicated mesh has one cluster; make it hosted to add members"),
                          QStringLiteral("members"));
    if (!dnsLabel.match(mesh.rootNamespace).hasMatch())
        return unexpected(QStringLiteral("mesh.rootNamespace"),
                          Tr::tr("\"%1\" is not a valid namespace name").arg(mesh.rootNamespace),
                          QStringLiteral("rootNamespace"));
    if (!mesh.prometheusUrl.isEmpty()) {
        const QUrl url(mesh.prometheusUrl, QUrl::StrictMode);
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return unexpected(QStringLiteral("mesh.prometheusUrl"),
                              Tr::tr("\"%1\" is not an http(s) URL").arg(mesh.prometheusUrl),
                              QStringLiteral("prometheusUrl"));
    }
    if (!mesh.grafanaUrl.isEmpty()) {
        const QUrl url(mesh.grafanaUrl, QUrl::StrictMode);
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return unexpected(QStringLiteral("mesh.grafanaUrl"),
                              Tr::tr("\"%1\" is not an http(s) URL").arg(mesh.grafanaUrl),
                              QStringLiteral("grafanaUrl"));
    }
    if (!mesh.prometheusCaFile.isEmpty()) {
        if (QUrl(mesh.prometheusUrl).scheme() != QLatin1String("https"))
            return unexpected(QStringLiteral("mesh.prometheusCaFile"),
                              Tr::tr("a CA file is for an https Prometheus URL"),
                              QStringLiteral("prometheusCaFile"));
        const QFileInfo ca(mesh.prometheusCaFile);
        if (!ca.isFile() || !ca.isReadable())
            return unexpected(QStringLiteral("mesh.prometheusCaFile"),
                              Tr::tr("%1 is not a readable file").arg(mesh.prometheusCaFile),
                              QStringLiteral("prometheusCaFile"));
    }
    return {};
}

QString prometheusTokenKey(const QString &meshName)
{
    return QStringLiteral("mesh/%1/prometheus-token").arg(meshName);
}

QStringList secretKeys(const QString &meshName)
{
    return {prometheusTokenKey(meshName)};
}

QList<Mesh> proposeMeshes(const QList<ClusterHealth> &clusters, const QStringList &preferredOrder)
{
    QMap<QString, QStringList> byMeshId; // mesh ID (or the context itself) -> contexts
    for (const ClusterHealth &h : clusters) {
        if (!h.isUp() || !h.hasIstio())
            continue;
        byMeshId[h.meshId.isEmpty() ? h.context : h.meshId] << h.context;
    }
    const auto rank = [&preferredOrder](const QString &context) {
        const qsizetype i = preferredOrder.indexOf(context);
        return i < 0 ? preferredOrder.size() : i;
    };
    QList<Mesh> meshes;
    for (auto it = byMeshId.begin(); it != byMeshId.end(); ++it) {
        QStringList contexts = it.value();
        std::sort(contexts.begin(), contexts.end(), [&](const QString &a, const QString &b) {
            return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
        });
        Mesh m;
        m.name = it.key();
        m.controlPlane = contexts.takeFirst();
        m.members = contexts;
        for (const ClusterHealth &h : clusters) {
            if (h.context == m.controlPlane)
                m.meshId = h.meshId;
        }
        m.type = m.members.isEmpty() ? Mesh::Type::Dedicated : Mesh::Type::Hosted;
        meshes << m;
    }
    return meshes;
}

} // namespace md::mesh
