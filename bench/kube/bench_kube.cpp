// The decode path of the Kubernetes client, end to end: a loopback HTTP server (in its own
// thread) answers one list of 50,000 VirtualServices (about 60 MB of JSON, managedFields
// included, as API servers send them) and then a watch stream of 100,000 MODIFIED events.
// MeshDesk's worker thread lists, decodes (simdjson) and caches them; the GUI thread's
// Informer receives the changes. A 1 ms timer on the GUI thread measures its longest stall.
// Goals: list + decode + cache < 0.5 s and < 200 MB; > 100,000 events/s; GUI stall < 50 ms.
// Prints figures; asserts nothing.

#include "kube/informer.h"
#include "kube/kubeclient.h"
#include "kube/kubeworker.h"
#include "kube/watchdecoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cstdio>

using namespace md::kube;

namespace {

constexpr int ObjectCount = 50000;
constexpr int EventCount = 100000;
constexpr int EventsPerChunk = 500;

const ResourceRef VirtualServices {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                   QStringLiteral("virtualservices"), true,
                                   QStringLiteral("VirtualService")};

qint64 procStatusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray virtualService(int i, qint64 resourceVersion)
{
    const QByteArray n = QByteArray::number(i);
    const QByteArray host = "svc-" + QByteArray::number(i % 5000) + ".ns-"
        + QByteArray::number(i % 40) + ".svc.cluster.local";
    return R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"vs-)"
        + n + R"(","namespace":"ns-)" + QByteArray::number(i % 40) + R"(","uid":"3f1c2a9e-)"
        + n.rightJustified(8, '0') + R"(-4a1b-9c2d-7e6f5a4b3c2d","resourceVersion":")"
        + QByteArray::number(resourceVersion)
        + R"(","generation":1,"creationTimestamp":"2026-11-20T10:00:00Z","labels":{"app":"svc-)"
        + QByteArray::number(i % 5000) + R"(","team":"t)" + QByteArray::number(i % 40)
        + R"("},"managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"networking.istio.io/v1","time":"2026-11-20T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:team":{}}},"f:spec":{".":{},"f:gateways":{},"f:hosts":{},"f:http":{}}}}]},"spec":{"hosts":[")"
        + host
        + R"("],"gateways":["mesh"],"http":[{"match":[{"headers":{"end-user":{"exact":"jason"}}}],"route":[{"destination":{"host":")"
        + host + R"(","subset":"v2"}}]},{"route":[{"destination":{"host":")" + host
        + R"(","subset":"v1"},"weight":90},{"destination":{"host":")" + host
        + R"(","subset":"v3"},"weight":10}],"timeout":"10s","retries":{"attempts":3,"perTryTimeout":"2s"}}]}})";
}

QByteArray listBody()
{
    QByteArray body;
    body.reserve(qsizetype(ObjectCount) * 1300);
    body
        += R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualServiceList","metadata":{"resourceVersion":")"
        + QByteArray::number(ObjectCount) + R"("},"items":[)";
    for (int i = 0; i < ObjectCount; ++i) {
        if (i)
            body += ',';
        body += virtualService(i, i + 1);
    }
    body += "]}";
    return body;
}

QByteArray eventChunk(int first)
{
    QByteArray lines;
    for (int e = first; e < first + EventsPerChunk && e < EventCount; ++e) {
        lines += R"({"type":"MODIFIED","object":)"
            + virtualService(e % ObjectCount, ObjectCount + 1 + e) + "}\n";
    }
    return QByteArray::number(lines.size(), 16) + "\r\n" + lines + "\r\n";
}

// A minimal HTTP/1.1 server: the list once, then one watch stream of every event; later
// watches stay open and silent.
class FeedServer : public QObject
{
public:
    QByteArray list;
    quint16 port = 0;
    int watchesServed = 0;

    void start()
    {
        m_server = new QTcpServer(this);
        m_server->listen(QHostAddress::LocalHost);
        port = m_server->serverPort();
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
        });
    }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
        buffer.remove(0, end + 4);
        if (!requestLine.contains("watch=")) {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(list.size()) + "\r\n\r\n");
            socket->write(list);
            return;
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n");
        if (watchesServed++ > 0)
            return; // later watches: open and quiet
        m_watch = socket;
    }

public:
    // The events, made before they are sent so that making them does not compete with the
    // client for the CPU.
    void prepareEvents()
    {
        for (int e = 0; e < EventCount; e += EventsPerChunk)
            m_chunks.append(eventChunk(e));
    }

    // Streams every event on the first watch (called in the server's thread once it is open).
    void startEvents()
    {
        QTcpSocket *socket = m_watch;
        auto next = std::make_shared<qsizetype>(0);
        auto pump = [this, socket, next] {
            while (*next < m_chunks.size() && socket->bytesToWrite() < 8 * 1024 * 1024)
                socket->write(m_chunks.at((*next)++));
            if (*next == m_chunks.size()) {
                socket->write("0\r\n\r\n");
                ++*next;
                m_chunks.clear();
            }
        };
        connect(socket, &QTcpSocket::bytesWritten, this, pump);
        pump();
    }

private:
    QTcpServer *m_server = nullptr;
    QTcpSocket *m_watch = nullptr;
    QList<QByteArray> m_chunks;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// The longest gap between ticks of a 1 ms timer on the GUI thread.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worst = std::max(m_worst, now - m_last);
            m_last = now;
        });
    }
    void restart()
    {
        m_clock.start();
        m_last = 0;
        m_worst = 0;
        m_timer.start();
    }
    double worstMs() const { return double(m_worst) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
};

// Runs the event loop until `done` holds after a change (no polling sleeps).
template<typename Done> void waitFor(Informer &informer, Done done)
{
    QEventLoop loop;
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    QObject::connect(&informer, &Informer::changed, &loop, [&] {
        if (done())
            loop.quit();
    });
    QObject::connect(&informer, &Informer::statusChanged, &loop, [&] {
        if (done())
            loop.quit();
    });
    if (!done())
        loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QElapsedTimer timer;

    QByteArray body = listBody();
    std::printf("list: %d VirtualServices, %.1f MB of JSON\n", ObjectCount,
                double(body.size()) / 1e6);
    QThread serverThread;
    auto *server = new FeedServer;
    server->list = std::move(body);
    server->moveToThread(&serverThread);
    serverThread.start();
    QMetaObject::invokeMethod(
        server, [server] { server->start(); }, Qt::BlockingQueuedConnection);

    RestConfig config;
    config.contextName = QStringLiteral("bench");
    config.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port));
    StallMeter stall;
    const qint64 rssBefore = procStatusKb("VmRSS:");
    {
        KubeWorker worker(config);
        Reflector::Options options;
        Informer informer(&worker, VirtualServices, options);
        timer.start();
        stall.restart();
        informer.start();
        waitFor(informer,
                [&] { return informer.size() == ObjectCount && informer.status().synced; });
        const qint64 listMs = timer.elapsed();
        const double listStall = stall.worstMs();
        const bool watching = QTest::qWaitFor(
            [&] {
                bool open = false;
                QMetaObject::invokeMethod(
                    server, [&] { open = server->watchesServed > 0; },
                    Qt::BlockingQueuedConnection);
                return open;
            },
            10000);
        if (!watching)
            qFatal("the informer opened no watch in 10 s");
        std::printf("list + decode + cache, worker thread to GUI-side copy: %lld ms for %lld "
                    "objects; RSS +%lld MB (peak +%lld MB); GUI thread: longest "
                    "delta applied in %.1f ms (%lld objects), longest timer gap %.1f ms\n",
                    listMs, qint64(informer.size()), (procStatusKb("VmRSS:") - rssBefore) / 1024,
                    (procStatusKb("VmHWM:") - rssBefore) / 1024, informer.longestApplyMs(),
                    qint64(informer.largestDelta()), listStall);
        QMetaObject::invokeMethod(
            server, [server] { server->prepareEvents(); }, Qt::BlockingQueuedConnection);

        // The watch: every event must reach the GUI-side copy (the last version of the last
        // object modified).
        const int lastIndex = (EventCount - 1) % ObjectCount;
        const QString lastName = QStringLiteral("vs-%1").arg(lastIndex);
        const QString lastNs = QStringLiteral("ns-%1").arg(lastIndex % 40);
        const QString lastVersion = QString::number(ObjectCount + EventCount);
        timer.restart();
        stall.restart();
        QMetaObject::invokeMethod(server, [server] { server->startEvents(); });
        waitFor(informer, [&] {
            const auto o = informer.object(lastNs, lastName);
            return o && o->resourceVersion() == lastVersion;
        });
        const qint64 watchMs = timer.elapsed();
        std::printf("watch: %d events received, decoded, applied and delivered in %lld ms = %.0f "
                    "events/s; GUI thread: longest delta applied in %.1f ms, longest timer gap "
                    "%.1f ms\n",
                    EventCount, watchMs,
                    double(EventCount) * 1000.0 / double(std::max<qint64>(1, watchMs)),
                    informer.longestApplyMs(), stall.worstMs());
        informer.stop();
    }
    {
        // The transport alone: the same list fetched with a plain QNetworkAccessManager.
        QNetworkAccessManager nam;
        for (int run = 0; run < 2; ++run) {
            timer.start();
            QNetworkReply *reply = nam.get(
                QNetworkRequest(QUrl(config.server.toString() + QStringLiteral("/list"))));
            QByteArray received;
            QObject::connect(reply, &QNetworkReply::finished, [&] { received = reply->readAll(); });
            if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 60000))
                qFatal("the list did not arrive in 60 s");
            std::printf(
                "  transfer only (QNetworkAccessManager, loopback HTTP): %lld ms for %.1f MB\n",
                timer.elapsed(), double(received.size()) / 1e6);
            reply->deleteLater();
        }
    }
    QMetaObject::invokeMethod(
        server, [server] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();

    // Decode alone, in this thread: the list, then the watch stream.
    body = listBody();
    for (int run = 0; run < 3; ++run) {
        QByteArray copy = body;
        timer.start();
        auto decoded = decode::list(copy);
        std::printf("  decode only (simdjson, identity read, text kept): %lld ms (%lld objects)\n",
                    timer.elapsed(), decoded ? qint64(decoded->items.size()) : -1);
    }
    {
        QByteArray stream;
        for (int e = 0; e < 20000; e += EventsPerChunk) {
            for (int i = e; i < e + EventsPerChunk; ++i)
                stream += R"({"type":"MODIFIED","object":)" + virtualService(i, i) + "}\n";
        }
        WatchDecoder decoder;
        timer.start();
        qint64 events = 0;
        for (qsizetype at = 0; at < stream.size(); at += 64 * 1024)
            events += decoder.feed(stream.mid(at, 64 * 1024)).value_or(QList<WatchEvent> {}).size();
        std::printf("  watch decode only: %lld events in %lld ms = %.0f events/s\n", events,
                    timer.elapsed(),
                    double(events) * 1000.0 / double(std::max<qint64>(1, timer.elapsed())));
    }

    return 0;
}
