#include "httpserver.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr qsizetype kMaxBodyBytes = 64 * 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

HttpStream::HttpStream(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{ }

void HttpStream::write(const QByteArray &data)
{
    if (!m_open || !m_socket || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void HttpStream::finish()
{
    if (!m_open)
        return;
    if (m_socket)
        m_socket->write("0\r\n\r\n");
    m_open = false;
    emit closed();
}

void HttpStream::abort()
{
    if (m_socket)
        m_socket->abort(); // the peer sees the connection drop mid-stream
    peerClosed();
}

void HttpStream::peerClosed()
{
    if (!m_open)
        return;
    m_open = false;
    emit closed();
}

// One connection: parses requests one after the other and writes responses. While a
// streaming response is open, further input is buffered until the stream finishes.
class HttpConnection : public QObject
{
public:
    HttpConnection(QTcpSocket *socket, const HttpHandler &handler)
        : QObject(socket)
        , m_socket(socket)
        , m_handler(handler)
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { process(); });
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            if (m_stream)
                m_stream->peerClosed();
            m_socket->deleteLater();
        });
        process();
    }

private:
    enum class State { Headers, Body, ChunkSize, ChunkData, ChunkTrailer };

    void fail(int status)
    {
        HttpResponse r;
        r.status = status;
        r.setHeader("Connection", "close");
        writeResponse(r, false);
        m_socket->disconnectFromHost();
        m_dead = true;
    }

    void process()
    {
        if (m_dead)
            return;
        m_buffer += m_socket->readAll();
        while (!m_dead && !m_stream && !m_delayed) {
            if (m_state == State::Headers) {
                const qsizetype end = m_buffer.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_buffer.size() > kMaxHeaderBytes)
                        fail(413);
                    return;
                }
                if (end > kMaxHeaderBytes)
                    return fail(413);
                if (!parseHeaders(m_buffer.left(end)))
                    return fail(400);
                m_buffer.remove(0, end + 4);
                continue;
            }
            if (m_state == State::Body) {
                if (m_buffer.size() < m_remaining)
                    return;
                m_request.body = m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining);
                dispatch();
                continue;
            }
            if (m_state == State::ChunkSize || m_state == State::ChunkTrailer) {
                const qsizetype eol = m_buffer.indexOf("\r\n");
                if (eol < 0)
                    return;
                const QByteArray line = m_buffer.left(eol);
                m_buffer.remove(0, eol + 2);
                if (m_state == State::ChunkTrailer) {
                    if (line.isEmpty())
                        dispatch();
                    continue;
                }
                bool ok = false;
                m_remaining = line.split(';').first().trimmed().toLongLong(&ok, 16);
                if (!ok || m_remaining < 0 || m_request.body.size() + m_remaining > kMaxBodyBytes)
                    return fail(400);
                m_state = m_remaining == 0 ? State::ChunkTrailer : State::ChunkData;
                continue;
            }
            if (m_state == State::ChunkData) {
                if (m_buffer.size() < m_remaining + 2)
                    return;
                m_request.body += m_buffer.left(m_remaining);
                m_buffer.remove(0, m_remaining + 2);
                m_state = State::ChunkSize;
                continue;
            }
        }
    }

    bool parseHeaders(const QByteArray &block)
    {
        const QList<QByteArray> lines = block.split('\n');
        const QList<QByteArray> start = lines.first().trimmed().split(' ');
        if (start.size() != 3 || !start[2].startsWith("HTTP/1."))
            return false;
        m_request = HttpRequest {};
        m_request.method = start[0];
        m_http10 = start[2] == "HTTP/1.0";
        const QByteArray target = start[1];
        const qsizetype q = target.indexOf('?');
        m_request.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
        if (q >= 0)
            m_request.query.setQuery(
                QString::fromUtf8(target.mid(q + 1)).replace(u'+', u"%20"_s)); // Go form coding
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (m_request.headers.contains(name))
                m_request.headers[name] += ", " + value;
            else
                m_request.headers.insert(name, value);
        }
        if (m_request.header("transfer-encoding").toLower().contains("chunked")) {
            m_state = State::ChunkSize;
        } else {
            bool ok = true;
            const QByteArray len = m_request.header("content-length");
            m_remaining = len.isEmpty() ? 0 : len.toLongLong(&ok);
            if (!ok || m_remaining < 0 || m_remaining > kMaxBodyBytes)
                return false;
            m_state = State::Body;
        }
        return true;
    }

    void dispatch()
    {
        m_state = State::Headers;
        const bool close = m_http10 || m_request.header("connection").toLower().contains("close");
        HttpResponse response = m_handler(m_request);
        if (close)
            response.setHeader("Connection", "close");
        if (response.delayMs > 0) {
            // Later requests on this connection wait, as they would behind a slow server.
            m_delayed = true;
            QTimer::singleShot(response.delayMs, Qt::PreciseTimer, this, [this, response, close] {
                m_delayed = false;
                if (m_socket->state() != QAbstractSocket::ConnectedState)
                    return;
                deliver(response, close);
                process();
            });
            return;
        }
        deliver(response, close);
    }

    void deliver(const HttpResponse &response, bool close)
    {
        writeResponse(response, bool(response.stream));
        if (response.stream) {
            m_stream = new HttpStream(m_socket, this);
            connect(m_stream, &HttpStream::closed, this, [this, close] {
                m_stream->deleteLater();
                m_stream = nullptr;
                if (close) {
                    m_socket->disconnectFromHost();
                    m_dead = true;
                } else if (m_socket->state() == QAbstractSocket::ConnectedState) {
                    QMetaObject::invokeMethod(
                        this, [this] { process(); }, Qt::QueuedConnection);
                }
            });
            response.stream(m_stream);
        } else if (close) {
            m_socket->disconnectFromHost();
            m_dead = true;
        }
    }

    void writeResponse(const HttpResponse &r, bool chunked)
    {
        QByteArray out
            = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        bool hasType = false;
        for (const auto &h : r.headers) {
            out += h.first + ": " + h.second + "\r\n";
            hasType |= h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        }
        if (!hasType && (chunked || !r.body.isEmpty()))
            out += "Content-Type: application/json\r\n";
        out += "Cache-Control: no-cache, private\r\n";
        if (chunked)
            out += "Transfer-Encoding: chunked\r\n\r\n";
        else
            out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n" + r.body;
        m_socket->write(out);
    }

    QTcpSocket *m_socket;
    HttpHandler m_handler;
    QByteArray m_buffer;
    HttpRequest m_request;
    State m_state = State::Headers;
    qint64 m_remaining = 0;
    bool m_http10 = false;
    bool m_dead = false;
    bool m_delayed = false;
    HttpStream *m_stream = nullptr;
};

HttpServer::HttpServer(HttpHandler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{ }

HttpServer::~HttpServer() = default;

bool HttpServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration *tls)
{
    if (tls) {
        auto *ssl = new QSslServer(this);
        ssl->setSslConfiguration(*tls);
        m_server = ssl;
        connect(ssl, &QSslServer::errorOccurred, this,
                [](QSslSocket *socket, QAbstractSocket::SocketError) { socket->deleteLater(); });
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &HttpServer::acceptPending);
    if (!m_server->listen(address, port)) {
        m_error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpServer::acceptPending()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection())
        new HttpConnection(socket, m_handler);
}

} // namespace md::sim
