#include "telemetry/prometheusclient.h"

#include "core/futures.h"
#include "telemetry/topologygraph.h"

#include <QFile>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace md::telemetry {

struct PrometheusClient::Call
{
    QString key;
    QString query;
    QPointer<QObject> context;
    QueryCallback done;
    QPointer<QNetworkReply> reply;
    std::unique_ptr<QTimer> timer;
    bool canceled = false;
    bool timedOut = false;
    bool delivered = false;
};

struct PrometheusClient::Private
{
    QNetworkAccessManager *nam = nullptr;
    std::optional<Error> sslError; // the CA file could not be read
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    QByteArray authorization;
    QList<std::shared_ptr<Call>> running;
    QHash<QString, std::shared_ptr<Call>> byKey;
};

namespace {

QString formatTime(const QDateTime &time)
{
    return QString::number(double(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

} // namespace

PrometheusClient::PrometheusClient(PrometheusConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_config(std::move(config))
{
    d->nam = new QNetworkAccessManager(this);
    if (!m_config.bearerToken.isEmpty())
        d->authorization = "Bearer " + m_config.bearerToken.toUtf8();
    else if (!m_config.username.isEmpty())
        d->authorization
            = "Basic " + (m_config.username + u':' + m_config.password).toUtf8().toBase64();
    if (!m_config.caFile.isEmpty()) {
        const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_config.caFile, QSsl::Pem);
        if (certs.isEmpty())
            d->sslError
                = Error {QStringLiteral("prometheus.tls"),
                         TelemetryTr::tr("cannot read a PEM certificate from the CA file %1")
                             .arg(m_config.caFile),
                         {}};
        else
            d->ssl.addCaCertificates(certs);
    }
    if (m_config.insecureSkipTlsVerify)
        d->ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
}

PrometheusClient::~PrometheusClient()
{
    // Callbacks never run after the client is gone.
    for (const auto &call : std::as_const(d->running)) {
        call->delivered = true;
        if (call->reply)
            call->reply->abort();
    }
}

int PrometheusClient::runningCount() const
{
    return int(d->running.size());
}

void PrometheusClient::instantQuery(const InstantQuery &query, QObject *context, QueryCallback done,
                                    const QString &key)
{
    QList<std::pair<QString, QString>> params {{QStringLiteral("query"), query.query}};
    if (query.time)
        params.append({QStringLiteral("time"), formatTime(*query.time)});
    send(QStringLiteral("api/v1/query"), params, query.query, context, std::move(done), key);
}

void PrometheusClient::rangeQuery(const RangeQuery &query, QObject *context, QueryCallback done,
                                  const QString &key)
{
    const QList<std::pair<QString, QString>> params {
        {QStringLiteral("query"), query.query},
        {QStringLiteral("start"), formatTime(query.start)},
        {QStringLiteral("end"), formatTime(query.end)},
        {QStringLiteral("step"), QString::number(double(query.step.count()) / 1000.0, 'g', 10)}};
    send(QStringLiteral("api/v1/query_range"), params, query.query, context, std::move(done), key);
}

void PrometheusClient::cancel(const QString &key)
{
    const auto call = d->byKey.value(key);
    if (!call)
        return;
    call->canceled = true;
    if (call->reply)
        call->reply->abort(); // finished() delivers the cancellation
    else
        finish(call,
               unexpected(QStringLiteral("prometheus.canceled"),
                          TelemetryTr::tr("the query was superseded or canceled"), call->query));
}

void PrometheusClient::cancelAll()
{
    const auto calls = d->running;
    for (const auto &call : calls) {
        call->canceled = true;
        if (call->reply)
            call->reply->abort();
        else
            finish(call,
                   unexpected(QStringLiteral("prometheus.canceled"),
                              TelemetryTr::tr("the query was superseded or canceled"),
                              call->query));
    }
}

void PrometheusClient::send(const QString &path, const QList<std::pair<QString, QString>> &params,
                            const QString &query, QObject *context, QueryCallback done,
                            const QString &key)
{
    auto call = std::make_shared<Call>();
    call->key = key;
    call->query = query;
    call->context = context;
    call->done = std::move(done);
    if (!key.isEmpty())
        cancel(key);
    d->running << call;
    if (!key.isEmpty())
        d->byKey.insert(key, call);

    auto failNow = [&](Error e) {
        QTimer::singleShot(0, this, [this, call, e] { finish(call, md::unexpected(e)); });
    };
    if (!m_config.url.isValid() || m_config.url.scheme().isEmpty()
        || m_config.url.host().isEmpty()) {
        failNow(Error {
            QStringLiteral("prometheus.config"),
            TelemetryTr::tr("invalid Prometheus URL \"%1\"").arg(m_config.url.toString()), query});
        return;
    }
    if (d->sslError && m_config.url.scheme() == u"https") {
        Error e = *d->sslError;
        e.where = query;
        failNow(e);
        return;
    }

    QUrl url = m_config.url;
    QString base = url.path();
    if (!base.endsWith(u'/'))
        base += u'/';
    url.setPath(base + path);
    QByteArray encoded;
    for (const auto &[name, value] : params) {
        if (!encoded.isEmpty())
            encoded += '&';
        encoded += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    const bool post = encoded.size() > m_config.postThreshold;
    if (!post)
        url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    if (!d->authorization.isEmpty())
        request.setRawHeader("Authorization", d->authorization);
    if (url.scheme() == u"https")
        request.setSslConfiguration(d->ssl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply *reply;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = d->nam->post(request, encoded);
    } else {
        reply = d->nam->get(request);
    }
    call->reply = reply;
    if (m_config.timeout.count() > 0) {
        call->timer = std::make_unique<QTimer>();
        call->timer->setSingleShot(true);
        connect(call->timer.get(), &QTimer::timeout, reply, [call] {
            call->timedOut = true;
            if (call->reply)
                call->reply->abort();
        });
        call->timer->start(m_config.timeout);
    }
    const QString shownUrl = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    connect(reply, &QNetworkReply::finished, this, [this, call, reply, shownUrl] {
        reply->deleteLater();
        call->reply = nullptr;
        call->timer.reset();
        if (call->canceled) {
            finish(call,
                   unexpected(QStringLiteral("prometheus.canceled"),
                              TelemetryTr::tr("the query was superseded or canceled"),
                              call->query));
            return;
        }
        if (call->timedOut) {
            finish(call,
                   unexpected(QStringLiteral("prometheus.timeout"),
                              TelemetryTr::tr("no answer from %1 within %2 s")
                                  .arg(shownUrl)
                                  .arg(double(m_config.timeout.count()) / 1000.0),
                              call->query));
            return;
        }
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid()) {
            finish(call,
                   unexpected(QStringLiteral("prometheus.network"),
                              TelemetryTr::tr("%1: %2").arg(shownUrl, reply->errorString()),
                              call->query));
            return;
        }
        const int code = status.toInt();
        QByteArray body = reply->readAll();
        md::onFinished(this, QtConcurrent::run([body = std::move(body), code, query = call->query] {
                           return parseResponse(body, code, query);
                       }),
                       [this, call](Result<QueryResult> result) {
                           if (call->canceled)
                               result = unexpected(
                                   QStringLiteral("prometheus.canceled"),
                                   TelemetryTr::tr("the query was superseded or canceled"),
                                   call->query);
                           finish(call, std::move(result));
                       });
    });
}

void PrometheusClient::finish(const std::shared_ptr<Call> &call, Result<QueryResult> result)
{
    if (call->delivered)
        return;
    call->delivered = true;
    d->running.removeOne(call);
    if (!call->key.isEmpty() && d->byKey.value(call->key) == call)
        d->byKey.remove(call->key);
    if (call->context)
        call->done(std::move(result));
}

} // namespace md::telemetry
