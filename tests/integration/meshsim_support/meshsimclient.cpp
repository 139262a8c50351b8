#include "meshsimclient.h"

#include "schema/yamljson.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace md::testing {

namespace {

QJsonObject named(const QJsonArray &list, const QString &name, const QString &field)
{
    for (const QJsonValue &v : list)
        if (v.toObject().value(u"name"_s).toString() == name)
            return v.toObject().value(field).toObject();
    return {};
}

} // namespace

QString MeshsimClient::load(const QString &kubeconfigPath, const QString &context)
{
    QFile file(kubeconfigPath);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read "_s + kubeconfigPath;
    auto docs = schema::parseYamlStream(file.readAll(), kubeconfigPath);
    if (!docs || docs->isEmpty())
        return docs ? u"empty kubeconfig"_s : docs.error().toString();
    const QJsonObject config = docs->first().value.toObject();
    const QJsonObject ctx = named(config.value(u"contexts"_s).toArray(), context, u"context"_s);
    const QJsonObject cluster = named(config.value(u"clusters"_s).toArray(),
                                      ctx.value(u"cluster"_s).toString(), u"cluster"_s);
    m_server = cluster.value(u"server"_s).toString();
    m_adminToken
        = named(config.value(u"users"_s).toArray(), ctx.value(u"user"_s).toString(), u"user"_s)
              .value(u"token"_s)
              .toString();
    m_viewerToken = named(config.value(u"users"_s).toArray(), context + u"-viewer"_s, u"user"_s)
                        .value(u"token"_s)
                        .toString();
    const QByteArray ca = QByteArray::fromBase64(
        cluster.value(u"certificate-authority-data"_s).toString().toLatin1());
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.setCaCertificates(QSslCertificate::fromData(ca, QSsl::Pem));
    if (m_server.isEmpty() || m_adminToken.isEmpty() || m_viewerToken.isEmpty() || ca.isEmpty())
        return u"incomplete kubeconfig for context "_s + context;
    return {};
}

QNetworkRequest MeshsimClient::request(const QString &path, const QString &token) const
{
    QNetworkRequest r(QUrl(m_server + path));
    r.setSslConfiguration(m_tls);
    if (token != u"-"_s)
        r.setRawHeader("Authorization",
                       "Bearer " + (token.isEmpty() ? m_adminToken : token).toUtf8());
    r.setRawHeader("Accept", "application/json");
    return r;
}

HttpReply MeshsimClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                              const QByteArray &contentType, const QString &token)
{
    QNetworkRequest r = request(path, token);
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_nam.sendCustomRequest(r, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpReply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    out.error = reply->error();
    for (const auto &h : reply->rawHeaderPairs())
        if (h.first.compare("Warning", Qt::CaseInsensitive) == 0)
            out.warnings << h.second;
    reply->deleteLater();
    return out;
}

} // namespace md::testing
