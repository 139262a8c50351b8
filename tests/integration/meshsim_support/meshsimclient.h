#pragma once

// Test helper: talks HTTPS to one meshsim cluster with QNetworkAccessManager, using the
// server, CA and tokens of the kubeconfig meshsim wrote (TLS verified, never skipped).

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QString>

namespace md::testing {

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QList<QByteArray> warnings; // Warning headers
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

class MeshsimClient
{
public:
    // Reads `context` (e.g. "meshsim-primary") from the kubeconfig; returns the failure.
    QString load(const QString &kubeconfigPath,
                 const QString &context = QStringLiteral("meshsim-primary"));

    // `token`: empty for the admin token, "-" for none, anything else as given.
    QNetworkRequest request(const QString &path, const QString &token = {}) const;
    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QByteArray &contentType = "application/json", const QString &token = {});

    QNetworkAccessManager &nam() { return m_nam; }
    QString server() const { return m_server; }
    QString adminToken() const { return m_adminToken; }
    QString viewerToken() const { return m_viewerToken; }
    QSslConfiguration tls() const { return m_tls; }

private:
    QNetworkAccessManager m_nam;
    QString m_server;
    QString m_adminToken;
    QString m_viewerToken;
    QSslConfiguration m_tls;
};

} // namespace md::testing
