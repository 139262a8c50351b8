#pragma once

// A small HTTP/1.1 server over QSslServer.
//
// Why not QHttpServer: Qt 6.4's QHttpServer cannot stream a response whose end is not
// known (a Kubernetes watch is an open-ended chunked NDJSON stream that must be written
// event by event, with keep-alive), has no QSslServer integration in 6.4, and routes by
// URL patterns that do not fit Kubernetes' /api(s)/GROUP/VERSION/... tree. This server is
// event-driven (one QSslSocket per connection, no threads), supports keep-alive, request
// bodies with Content-Length or chunked transfer coding, and chunked streaming responses.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrlQuery>

#include <functional>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace md::sim {

struct HttpRequest
{
    QByteArray method;
    QString path; // decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    QString queryValue(const QString &key) const
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
};

// An open chunked response. write() sends one chunk; finish() ends the response (the
// connection is then kept alive). closed() is emitted when the peer goes away or after
// finish(); the stream deletes itself later.
class HttpStream : public QObject
{
    Q_OBJECT
public:
    explicit HttpStream(QTcpSocket *socket, QObject *parent = nullptr);
    void write(const QByteArray &data);
    void finish();
    // Drops the connection without ending the response (a network fault).
    void abort();
    bool isOpen() const { return m_open; }

signals:
    void closed();

private:
    friend class HttpConnection;
    void peerClosed();
    QPointer<QTcpSocket> m_socket;
    bool m_open = true;
};

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // answer after this long (fault injection)
    // When set, the response is sent with chunked transfer coding and this is called
    // with the open stream once the status line and headers are written.
    std::function<void(HttpStream *)> stream;

    void setHeader(const QByteArray &name, const QByteArray &value);
};

using HttpHandler = std::function<HttpResponse(const HttpRequest &)>;

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(HttpHandler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    // Listens with TLS when `tls` is given, plain TCP otherwise (used for /metrics).
    bool listen(const QHostAddress &address, quint16 port, const QSslConfiguration *tls);
    quint16 port() const;
    QString errorString() const { return m_error; }

private:
    void acceptPending();
    HttpHandler m_handler;
    QTcpServer *m_server = nullptr;
    QString m_error;
};

} // namespace md::sim
