// PrometheusClient against a local HTTP server started here that answers as Prometheus does:
// success (vector, matrix, scalar), error with errorType, warnings, malformed JSON, a POST form
// for long queries, bearer and basic authentication, a path prefix, timeouts, and the
// cancellation of superseded queries.

#include "telemetry/prometheusclient.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <cmath>
#include <functional>
#include <optional>

using namespace Qt::StringLiterals;
using namespace md::telemetry;

namespace {

struct Request
{
    QByteArray method;
    QByteArray path; // without the query
    QUrlQuery query; // from the URL, or the form body of a POST
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct Reply
{
    int status = 200;
    QByteArray body;
    bool hold = false; // never answer (a slow server)
};

// A minimal HTTP/1.1 server: one request per connection, Connection: close.
class FakePrometheus : public QObject
{
public:
    std::function<Reply(const Request &)> handler;
    QList<Request> requests;
    int aborted = 0; // held connections the client closed

    FakePrometheus()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    if (s->property("held").toBool())
                        ++aborted;
                    s->deleteLater();
                });
            }
        });
    }
    QUrl url(const QString &path = {}) const
    {
        return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path));
    }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        r.method = first.value(0);
        const QByteArray target = first.value(1);
        const qsizetype mark = target.indexOf('?');
        r.path = mark < 0 ? target : target.left(mark);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            r.headers.insert(lines[i].left(colon).trimmed().toLower(),
                             lines[i].mid(colon + 1).trimmed());
        }
        const int length = r.headers.value("content-length").toInt();
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        m_buffers.remove(s);
        r.query = QUrlQuery(QString::fromLatin1(r.method == "POST" ? r.body
                                                    : mark < 0     ? QByteArray()
                                                                   : target.mid(mark + 1)));
        requests << r;
        const Reply reply = handler ? handler(r) : Reply {404, "not found"};
        if (reply.hold) {
            s->setProperty("held", true);
            return;
        }
        s->write("HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\nContent-Type: "
                 + "application/json\r\nConnection: close\r\nContent-Length: "
                 + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QString errorText(const md::Result<QueryResult> &r)
{
    return r ? QString() : r.error().toString();
}

QString decoded(const QUrlQuery &q, const QString &key)
{
    return q.queryItemValue(key, QUrl::FullyDecoded);
}

// Runs one call and waits for its callback.
struct Outcome
{
    std::optional<md::Result<QueryResult>> result;
};

std::shared_ptr<Outcome> instant(PrometheusClient &client, const QString &query,
                                 const QString &key = {},
                                 std::optional<QDateTime> time = std::nullopt)
{
    auto outcome = std::make_shared<Outcome>();
    client.instantQuery(
        InstantQuery {query, time}, &client,
        [outcome](md::Result<QueryResult> r) { outcome->result = std::move(r); }, key);
    return outcome;
}

const QByteArray kVector = R"({"status":"success","data":{"resultType":"vector","result":[
 {"metric":{"__name__":"up","job":"a"},"value":[1700000000.5,"1"]},
 {"metric":{"job":"b"},"value":[1700000000.5,"NaN"]},
 {"metric":{"job":"c"},"value":[1700000000,"+Inf"]}]}})";

} // namespace

class TestTelemetryPrometheus : public QObject
{
    Q_OBJECT

private slots:
    void instantVector();
    void rangeMatrix();
    void scalarAndString();
    void prometheusError();
    void warnings();
    void malformed_data();
    void malformed();
    void httpErrorWithoutJson();
    void postForLongQuery();
    void bearerToken();
    void basicAuthAndPathPrefix();
    void cancellationOfSupersededQuery();
    void cancelAll();
    void timeout();
    void connectionRefused();
    void invalidUrl();
    void caFileMissing();
    void contextDestroyed();
};

void TestTelemetryPrometheus::instantVector()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {200, kVector}; };
    PrometheusClient client(PrometheusConfig {server.url()});
    const QDateTime at = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    auto out = instant(client, u"up"_s, {}, at);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY2(*out->result, qPrintable(errorText(*out->result)));
    const QueryResult &r = out->result->value();
    QCOMPARE(r.type, QueryResult::Type::Vector);
    QCOMPARE(r.query, u"up"_s);
    QCOMPARE(r.series.size(), 3);
    QCOMPARE(r.series[0].metric.value(u"job"_s), u"a"_s);
    QCOMPARE(r.series[0].metric.value(u"__name__"_s), u"up"_s);
    QCOMPARE(r.series[0].value(), 1.0);
    QCOMPARE(r.series[0].samples[0].timestamp, 1700000000.5);
    QVERIFY(std::isnan(r.series[1].value()));
    QVERIFY(std::isinf(r.series[2].value()));
    QCOMPARE(server.requests.size(), 1);
    const Request &req = server.requests.first();
    QCOMPARE(req.method, QByteArray("GET"));
    QCOMPARE(req.path, QByteArray("/api/v1/query"));
    QCOMPARE(decoded(req.query, u"query"_s), u"up"_s);
    QCOMPARE(decoded(req.query, u"time"_s), u"1700000000.000"_s);
    QVERIFY(!req.headers.contains("authorization"));
    QCOMPARE(client.runningCount(), 0);
}

void TestTelemetryPrometheus::rangeMatrix()
{
    FakePrometheus server;
    server.handler = [](const Request &) {
        return Reply {200, R"({"status":"success","data":{"resultType":"matrix","result":[
            {"metric":{"destination_workload":"reviews-v1"},"values":[[1700000000,"1.5"],[1700000015,"2.5"],[1700000030,"3"]]}]}})"};
    };
    PrometheusClient client(PrometheusConfig {server.url()});
    std::optional<md::Result<QueryResult>> result;
    const QString q
        = u"sum(rate(istio_requests_total{reporter=\"destination\"}[1m])) by (destination_workload)"_s;
    client.rangeQuery(RangeQuery {q, QDateTime::fromSecsSinceEpoch(1700000000),
                                  QDateTime::fromSecsSinceEpoch(1700000030),
                                  std::chrono::seconds(15)},
                      this, [&](md::Result<QueryResult> r) { result = std::move(r); });
    QTRY_VERIFY(result.has_value());
    QVERIFY(*result);
    QCOMPARE((*result)->type, QueryResult::Type::Matrix);
    QCOMPARE((*result)->series.size(), 1);
    QCOMPARE((*result)->series[0].samples.size(), 3);
    QCOMPARE((*result)->series[0].samples[1].timestamp, 1700000015.0);
    QCOMPARE((*result)->series[0].samples[1].value, 2.5);
    const Request &req = server.requests.first();
    QCOMPARE(req.path, QByteArray("/api/v1/query_range"));
    QCOMPARE(decoded(req.query, u"query"_s), q); // quotes, braces and brackets intact
    QCOMPARE(decoded(req.query, u"start"_s), u"1700000000.000"_s);
    QCOMPARE(decoded(req.query, u"end"_s), u"1700000030.000"_s);
    QCOMPARE(decoded(req.query, u"step"_s), u"15"_s);
}

void TestTelemetryPrometheus::scalarAndString()
{
    auto scalar = PrometheusClient::parseResponse(
        R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"42"]}})", 200,
        u"42"_s);
    QVERIFY(scalar);
    QCOMPARE(scalar->type, QueryResult::Type::Scalar);
    QCOMPARE(scalar->series.size(), 1);
    QCOMPARE(scalar->series[0].value(), 42.0);
    auto text = PrometheusClient::parseResponse(
        R"({"status":"success","data":{"resultType":"string","result":[1700000000,"hello"]}})", 200,
        u"\"hello\""_s);
    QVERIFY(text);
    QCOMPARE(text->type, QueryResult::Type::String);
    QCOMPARE(text->stringValue, u"hello"_s);
}

void TestTelemetryPrometheus::prometheusError()
{
    FakePrometheus server;
    server.handler = [](const Request &) {
        return Reply {
            400,
            R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected \"}\""})"};
    };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto out = instant(client, u"sum(}"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    const md::Error &e = out->result->error();
    QCOMPARE(e.code, u"prometheus.bad_data"_s);
    QVERIFY2(e.message.contains(u"parse error"_s), qPrintable(e.message));
    QCOMPARE(e.where, u"sum(}"_s); // the query that failed
    QVERIFY(e.toString().contains(u"sum(}"_s));
    // 422 execution errors and 503 timeouts come the same way.
    auto exec = PrometheusClient::parseResponse(
        R"({"status":"error","errorType":"execution","error":"query processing would load too many samples"})",
        422, u"q"_s);
    QVERIFY(!exec);
    QCOMPARE(exec.error().code, u"prometheus.execution"_s);
}

void TestTelemetryPrometheus::warnings()
{
    FakePrometheus server;
    server.handler = [](const Request &) {
        return Reply {
            200, R"({"status":"success","warnings":["partial response: store gateway unavailable"],
            "infos":["PromQL info: metric might not be a counter"],
            "data":{"resultType":"vector","result":[]}})"};
    };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto out = instant(client, u"rate(x[1m])"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(*out->result);
    QCOMPARE((*out->result)->warnings,
             (QStringList {u"partial response: store gateway unavailable"_s,
                           u"PromQL info: metric might not be a counter"_s}));
    QVERIFY((*out->result)->series.isEmpty());
}

void TestTelemetryPrometheus::malformed_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("truncated") << QByteArray(R"({"status":"success","data":{"resultType":"vec)")
                               << u"malformed JSON"_s;
    QTest::newRow("not json") << QByteArray("<html>hello</html>") << u"malformed JSON"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << u"$"_s;
    QTest::newRow("no status") << QByteArray(R"({"data":{}})") << u"$.status"_s;
    QTest::newRow("no data") << QByteArray(R"({"status":"success"})") << u"$.data"_s;
    QTest::newRow("unknown type") << QByteArray(
        R"({"status":"success","data":{"resultType":"histogram","result":[]}})")
                                  << u"$.data.resultType"_s;
    QTest::newRow("bad value") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"abc"]}]}})")
                               << u"$.data.result[0].value"_s;
    QTest::newRow("vector without value") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"}}]}})")
                                          << u"$.data.result[0].value"_s;
    QTest::newRow("label not string") << QByteArray(
        R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":3},"value":[1,"1"]}]}})")
                                      << u"$.data.result[0].metric.job"_s;
    QTest::newRow("matrix without values") << QByteArray(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{}}]}})")
                                           << u"$.data.result[0].values"_s;
}

void TestTelemetryPrometheus::malformed()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    FakePrometheus server;
    server.handler = [body](const Request &) { return Reply {200, body}; };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto out = instant(client, u"up{job=\"x\"}"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    const md::Error &e = out->result->error();
    QCOMPARE(e.code, u"prometheus.parse"_s);
    QVERIFY2(e.message.contains(mentions), qPrintable(e.message));
    QCOMPARE(e.where, u"up{job=\"x\"}"_s);
}

void TestTelemetryPrometheus::httpErrorWithoutJson()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {502, "Bad Gateway from the proxy"}; };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    QCOMPARE(out->result->error().code, u"prometheus.http"_s);
    QVERIFY(out->result->error().message.contains(u"502"_s));
    QVERIFY(out->result->error().message.contains(u"Bad Gateway from the proxy"_s));
}

void TestTelemetryPrometheus::postForLongQuery()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {200, kVector}; };
    PrometheusConfig config {server.url()};
    config.postThreshold = 100;
    PrometheusClient client(config);
    QString longQuery = u"sum(rate(istio_requests_total{destination_workload=~\""_s;
    for (int i = 0; i < 40; ++i)
        longQuery += u"workload-%1|"_s.arg(i);
    longQuery += u"x\"}[5m])) by (destination_workload) > 0 & 1 + 2"_s;
    auto out = instant(client, longQuery);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(*out->result);
    auto shortOut = instant(client, u"up"_s);
    QTRY_VERIFY(shortOut->result.has_value());
    QCOMPARE(server.requests.size(), 2);
    const Request &post = server.requests[0];
    QCOMPARE(post.method, QByteArray("POST"));
    QCOMPARE(post.headers.value("content-type"), QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(decoded(post.query, u"query"_s), longQuery); // '+' and '&' travel encoded
    QVERIFY(post.body.contains("%2B"));
    QCOMPARE(server.requests[1].method, QByteArray("GET"));
}

void TestTelemetryPrometheus::bearerToken()
{
    FakePrometheus server;
    server.handler = [](const Request &r) {
        if (r.headers.value("authorization") != "Bearer s3cret-token")
            return Reply {401, "Unauthorized"};
        return Reply {200, kVector};
    };
    PrometheusConfig config {server.url()};
    config.bearerToken = u"s3cret-token"_s;
    PrometheusClient client(config);
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(*out->result);
    PrometheusClient anonymous(PrometheusConfig {server.url()});
    auto denied = instant(anonymous, u"up"_s);
    QTRY_VERIFY(denied->result.has_value());
    QVERIFY(!*denied->result);
    QCOMPARE(denied->result->error().code, u"prometheus.http"_s);
    QVERIFY(denied->result->error().message.contains(u"401"_s));
    QVERIFY(!denied->result->error().toString().contains(u"s3cret"_s));
}

void TestTelemetryPrometheus::basicAuthAndPathPrefix()
{
    FakePrometheus server;
    server.handler = [](const Request &r) {
        if (r.path != "/prometheus/api/v1/query")
            return Reply {404, "no such path"};
        return r.headers.value("authorization") == "Basic " + QByteArray("mimir:pw").toBase64()
            ? Reply {200, kVector}
            : Reply {401, "Unauthorized"};
    };
    PrometheusConfig config {server.url(u"/prometheus"_s)};
    config.username = u"mimir"_s;
    config.password = u"pw"_s;
    PrometheusClient client(config);
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY2(*out->result, qPrintable(errorText(*out->result)));
}

void TestTelemetryPrometheus::cancellationOfSupersededQuery()
{
    FakePrometheus server;
    server.handler = [](const Request &r) {
        if (decoded(r.query, u"query"_s) == u"slow"_s)
            return Reply {200, {}, true};
        return Reply {200, kVector};
    };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto older = instant(client, u"slow"_s, u"graph"_s);
    QTRY_COMPARE(server.requests.size(), 1); // the server has it and holds it
    QCOMPARE(client.runningCount(), 1);
    auto newer = instant(client, u"fast"_s, u"graph"_s);
    QTRY_VERIFY(older->result.has_value());
    QVERIFY(!*older->result);
    QVERIFY(PrometheusClient::isCanceled(older->result->error()));
    QCOMPARE(older->result->error().where, u"slow"_s);
    QTRY_VERIFY(newer->result.has_value());
    QVERIFY(*newer->result);
    QTRY_COMPARE(server.aborted, 1); // the connection was closed, not left to finish
    // Another key is left alone.
    auto a = instant(client, u"slow"_s, u"a"_s);
    auto b = instant(client, u"fast"_s, u"b"_s);
    QTRY_VERIFY(b->result.has_value());
    QVERIFY(!a->result.has_value());
    client.cancel(u"a"_s);
    QTRY_VERIFY(a->result.has_value());
    QVERIFY(PrometheusClient::isCanceled(a->result->error()));
    QCOMPARE(client.runningCount(), 0);
}

void TestTelemetryPrometheus::cancelAll()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {200, {}, true}; };
    PrometheusClient client(PrometheusConfig {server.url()});
    auto a = instant(client, u"one"_s);
    auto b = instant(client, u"two"_s);
    QTRY_COMPARE(server.requests.size(), 2);
    client.cancelAll();
    QTRY_VERIFY(a->result.has_value() && b->result.has_value());
    QVERIFY(PrometheusClient::isCanceled(a->result->error()));
    QVERIFY(PrometheusClient::isCanceled(b->result->error()));
}

void TestTelemetryPrometheus::timeout()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {200, {}, true}; };
    PrometheusConfig config {server.url()};
    config.timeout = std::chrono::milliseconds(300);
    PrometheusClient client(config);
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    QCOMPARE(out->result->error().code, u"prometheus.timeout"_s);
    QCOMPARE(out->result->error().where, u"up"_s);
}

void TestTelemetryPrometheus::connectionRefused()
{
    quint16 port;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    PrometheusClient client(PrometheusConfig {QUrl(u"http://127.0.0.1:%1"_s.arg(port))});
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    QCOMPARE(out->result->error().code, u"prometheus.network"_s);
    QVERIFY(out->result->error().message.contains(QString::number(port)));
}

void TestTelemetryPrometheus::invalidUrl()
{
    PrometheusClient client(PrometheusConfig {QUrl(u"not a url"_s)});
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    QCOMPARE(out->result->error().code, u"prometheus.config"_s);
}

void TestTelemetryPrometheus::caFileMissing()
{
    PrometheusConfig config {QUrl(u"https://127.0.0.1:1"_s)};
    config.caFile = u"/nonexistent/ca.pem"_s;
    PrometheusClient client(config);
    auto out = instant(client, u"up"_s);
    QTRY_VERIFY(out->result.has_value());
    QVERIFY(!*out->result);
    QCOMPARE(out->result->error().code, u"prometheus.tls"_s);
    QVERIFY(out->result->error().message.contains(u"/nonexistent/ca.pem"_s));
}

void TestTelemetryPrometheus::contextDestroyed()
{
    FakePrometheus server;
    server.handler = [](const Request &) { return Reply {200, kVector}; };
    PrometheusClient client(PrometheusConfig {server.url()});
    bool called = false;
    auto *context = new QObject;
    client.instantQuery(InstantQuery {u"up"_s, {}}, context,
                        [&](md::Result<QueryResult>) { called = true; });
    delete context;
    QTRY_COMPARE(client.runningCount(), 0);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestTelemetryPrometheus)
#include "tst_telemetry_prometheus.moc"
