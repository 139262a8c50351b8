#include "prometheusprocess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace md::testing {

namespace {

QByteArray httpGet(const QString &url, int *status)
{
    QNetworkAccessManager nam;
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}

} // namespace

QString PrometheusProcess::start(const QString &metricsUrl, const QString &scrapeInterval,
                                 int timeoutMs)
{
    QEventLoop loop;
    QString error;
    bool done = false;
    QObject context;
    QObject::connect(&m_runner, &md::demo::PrometheusRunner::ready, &context, [&] {
        done = true;
        loop.quit();
    });
    QObject::connect(&m_runner, &md::demo::PrometheusRunner::failed, &context,
                     [&](const QString &e) {
                         error = e;
                         done = true;
                         loop.quit();
                     });
    m_runner.timeout = std::chrono::milliseconds(timeoutMs);
    m_runner.start(metricsUrl, scrapeInterval);
    if (!done)
        loop.exec();
    return error;
}

QJsonObject PrometheusProcess::query(const QString &promql)
{
    QUrlQuery q;
    q.addQueryItem(u"query"_s, QString::fromLatin1(QUrl::toPercentEncoding(promql)));
    int status = 0;
    const QByteArray body
        = httpGet(url() + u"/api/v1/query?"_s + q.toString(QUrl::FullyEncoded), &status);
    const QJsonObject reply = QJsonDocument::fromJson(body).object();
    if (status != 200 || reply.value(u"status"_s).toString() != u"success"_s)
        return {};
    return reply.value(u"data"_s).toObject();
}

} // namespace md::testing
