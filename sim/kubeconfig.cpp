#include "kubeconfig.h"

#include "cluster.h"
#include "oidcissuer.h"
#include "schema/yamljson.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace md::sim {

QString contextName(const Cluster &cluster)
{
    return u"meshsim-"_s + cluster.name();
}

Result<void> writeKubeconfig(const QString &path, const QList<Cluster *> &clusters,
                             OidcIssuer *oidc)
{
    QJsonArray clusterList;
    QJsonArray users;
    QJsonArray contexts;
    for (const Cluster *c : clusters) {
        const QString name = contextName(*c);
        clusterList.append(
            QJsonObject {{u"name"_s, name},
                         {u"cluster"_s,
                          QJsonObject {{u"server"_s, c->serverUrl()},
                                       {u"certificate-authority-data"_s,
                                        QString::fromLatin1(c->pki().caCertPem.toBase64())}}}});
        users.append(QJsonObject {{u"name"_s, name + u"-admin"_s},
                                  {u"user"_s, QJsonObject {{u"token"_s, c->adminToken()}}}});
        users.append(QJsonObject {{u"name"_s, name + u"-viewer"_s},
                                  {u"user"_s, QJsonObject {{u"token"_s, c->viewerToken()}}}});
        contexts.append(QJsonObject {
            {u"name"_s, name},
            {u"context"_s, QJsonObject {{u"cluster"_s, name}, {u"user"_s, name + u"-admin"_s}}}});
        contexts.append(QJsonObject {
            {u"name"_s, name + u"-viewer"_s},
            {u"context"_s, QJsonObject {{u"cluster"_s, name}, {u"user"_s, name + u"-viewer"_s}}}});
    }
    if (oidc && !clusters.isEmpty()) {
        const OidcOptions &o = oidc->options();
        const OidcSession session
            = oidc->login(o.user, {u"system:masters"_s}, -qint64(o.tokenLifetimeSeconds));
        const QJsonObject provider {
            {u"idp-issuer-url"_s, oidc->issuerUrl()},
            {u"client-id"_s, o.clientId},
            {u"client-secret"_s, o.clientSecret},
            {u"idp-certificate-authority-data"_s,
             QString::fromLatin1(clusters.first()->pki().caCertPem.toBase64())},
            {u"id-token"_s, session.idToken},
            {u"refresh-token"_s, session.refreshToken}};
        users.append(QJsonObject {
            {u"name"_s, QString::fromLatin1(OidcUserName)},
            {u"user"_s,
             QJsonObject {{u"auth-provider"_s,
                           QJsonObject {{u"name"_s, u"oidc"_s}, {u"config"_s, provider}}}}}});
        for (const Cluster *c : clusters) {
            const QString name = contextName(*c);
            contexts.append(
                QJsonObject {{u"name"_s, name + u"-oidc"_s},
                             {u"context"_s,
                              QJsonObject {{u"cluster"_s, name},
                                           {u"user"_s, QString::fromLatin1(OidcUserName)}}}});
        }
    }
    const QJsonObject config {
        {u"apiVersion"_s, u"v1"_s},
        {u"kind"_s, u"Config"_s},
        {u"preferences"_s, QJsonObject {}},
        {u"clusters"_s, clusterList},
        {u"users"_s, users},
        {u"contexts"_s, contexts},
        {u"current-context"_s, clusters.isEmpty() ? QString() : contextName(*clusters.first())}};
    const QString dir = QFileInfo(path).absolutePath();
    QDir().mkpath(dir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return unexpected(u"kubeconfig"_s, file.errorString(), path);
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(u"# Written by meshsim: simulated clusters, valid while it runs.\n"_s.toUtf8());
    file.write(schema::toYaml(config));
    if (!file.commit())
        return unexpected(u"kubeconfig"_s, file.errorString(), path);
    return {};
}

} // namespace md::sim
