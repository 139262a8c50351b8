#include "demo/demoenvironment.h"
#include "kube/kubeconfig.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using md::demo::DemoEnvironment;
using md::demo::DemoInfo;

class tst_DemoEnvironment : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsScrapesAndStops();
    void missingMeshsimFailsClearly();
    void prometheusConfigTargetsMeshsim();

private:
    int httpStatus(const QString &url, QByteArray *body = nullptr);
    QNetworkAccessManager m_nam;
};

void tst_DemoEnvironment::initTestCase()
{
    qputenv("MESHSIM_BIN", MESHSIM_BIN);
    QVERIFY2(!md::demo::findPrometheus().isEmpty(),
             "prometheus is required (scripts/install-deps.sh)");
}

int tst_DemoEnvironment::httpStatus(const QString &url, QByteArray *body)
{
    QNetworkReply *reply = m_nam.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (body)
        *body = reply->readAll();
    reply->deleteLater();
    return status;
}

void tst_DemoEnvironment::startsScrapesAndStops()
{
    DemoEnvironment demo;
    QSignalSpy ready(&demo, &DemoEnvironment::ready);
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    QSignalSpy progress(&demo, &DemoEnvironment::progress);
    demo.start();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 90000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.constFirst().constFirst().toString()));
    QVERIFY(demo.isRunning());
    QVERIFY(progress.count() >= 2);

    const DemoInfo info = demo.info();
    auto config = md::kube::loadKubeconfigFile(info.kubeconfigPath);
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    QVERIFY(config->contexts.size() >= 2);
    QCOMPARE(httpStatus(info.prometheusUrl + QStringLiteral("/-/ready")), 200);

    // Prometheus scrapes meshsim: the target comes up.
    const QString query = info.prometheusUrl + QStringLiteral("/api/v1/query?query=up");
    bool up = false;
    for (int i = 0; i < 60 && !up; ++i) {
        QByteArray body;
        if (httpStatus(query, &body) == 200) {
            const QJsonArray result
                = QJsonDocument::fromJson(body).object()["data"].toObject()["result"].toArray();
            for (const QJsonValue &sample : result)
                up = up
                    || sample.toObject()["value"].toArray().at(1).toString() == QStringLiteral("1");
        }
        if (!up)
            QTest::qWait(500);
    }
    QVERIFY2(up, "Prometheus never scraped meshsim");

    demo.stop();
    QVERIFY(!demo.isRunning());
    QCOMPARE(httpStatus(info.prometheusUrl + QStringLiteral("/-/ready")),
             0); // nothing listens any more
    QVERIFY(failed.isEmpty());
}

void tst_DemoEnvironment::missingMeshsimFailsClearly()
{
    qputenv("MESHSIM_BIN", "/nonexistent/meshsim");
    DemoEnvironment demo;
    QSignalSpy failed(&demo, &DemoEnvironment::failed);
    demo.start();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
    const QString error = failed.constFirst().constFirst().toString();
    QVERIFY2(error.contains(QStringLiteral("meshsim")), qPrintable(error));
    QVERIFY(!demo.isRunning());
    qputenv("MESHSIM_BIN", MESHSIM_BIN);
}

void tst_DemoEnvironment::prometheusConfigTargetsMeshsim()
{
    const QByteArray config = md::demo::prometheusConfig(
        QStringLiteral("http://127.0.0.1:4321/metrics"), QStringLiteral("2s"));
    QVERIFY(config.contains("127.0.0.1:4321"));
    QVERIFY(config.contains("scrape_interval: 2s"));
    QVERIFY(!config.contains('@'));
}

QTEST_GUILESS_MAIN(tst_DemoEnvironment)
#include "tst_demoenvironment.moc"
