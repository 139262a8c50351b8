// A real Prometheus scraping meshsim: the demo's call graph appears in
// sum(rate(istio_requests_total[1m])) by (source_workload, destination_workload), and
// shifting reviews traffic to v3 with a VirtualService raises v3's share.

#include "meshsimprocess.h"
#include "prometheusprocess.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using md::testing::CommandResult;
using md::testing::MeshsimProcess;
using md::testing::PrometheusProcess;

class TestMeshsimPrometheus : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void scenarioEdgesInPrometheus();
    void shiftToV3RaisesItsShare();

private:
    double reviewsV3Share();

    MeshsimProcess m_sim;
    PrometheusProcess m_prometheus;
};

void TestMeshsimPrometheus::initTestCase()
{
    QVERIFY2(!PrometheusProcess::prometheusPath().isEmpty(),
             "prometheus is required for this test (scripts/install-deps.sh)");
    QVERIFY2(!MeshsimProcess::kubectlPath().isEmpty(), "kubectl is required for this test");
    QString error = m_sim.start({u"--scenario"_s, u"demo"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString metrics = m_sim.readyLine().section(u"metrics="_s, 1).trimmed();
    error = m_prometheus.start(metrics, u"1s"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestMeshsimPrometheus::cleanupTestCase()
{
    QCOMPARE(m_prometheus.stop(), 0);
    QCOMPARE(m_sim.stop(), 0);
}

void TestMeshsimPrometheus::scenarioEdgesInPrometheus()
{
    const QString promql
        = u"sum(rate(istio_requests_total[1m])) by (source_workload, destination_workload)"_s;
    QSet<QString> edges;
    QDeadlineTimer deadline(45000);
    const QSet<QString> expected = {u"istio-ingressgateway->productpage-v1"_s,
                                    u"productpage-v1->details-v1"_s,
                                    u"productpage-v1->reviews-v1"_s,
                                    u"productpage-v1->reviews-v2"_s,
                                    u"productpage-v1->reviews-v3"_s,
                                    u"reviews-v2->ratings-v1"_s,
                                    u"reviews-v3->ratings-v1"_s,
                                    u"storefront-v1->catalog-v1"_s,
                                    u"storefront-v1->payments-v1"_s,
                                    u"legacy-batch->productpage-v1"_s};
    while (!deadline.hasExpired()) {
        edges.clear();
        for (const QJsonValue &v : m_prometheus.query(promql).value(u"result"_s).toArray()) {
            const QJsonObject metric = v.toObject().value(u"metric"_s).toObject();
            if (v.toObject().value(u"value"_s).toArray().at(1).toString().toDouble() > 0)
                edges.insert(metric.value(u"source_workload"_s).toString() + u"->"_s
                             + metric.value(u"destination_workload"_s).toString());
        }
        if (edges.contains(expected))
            break;
        QTest::qWait(1000);
    }
    for (const QString &e : expected)
        QVERIFY2(edges.contains(e),
                 qPrintable(e + u" missing from "_s + QStringList(edges.values()).join(u", "_s)));
}

double TestMeshsimPrometheus::reviewsV3Share()
{
    const QJsonArray result
        = m_prometheus
              .query(
                  u"sum(rate(istio_requests_total{reporter=\"source\",destination_service_name="
                  u"\"reviews\",destination_workload=\"reviews-v3\"}[5s]))"
                  " / sum(rate(istio_requests_total{reporter=\"source\",destination_service_name=\"reviews\"}[5s]))"_s)
              .value(u"result"_s)
              .toArray();
    return result.isEmpty()
        ? -1
        : result.first().toObject().value(u"value"_s).toArray().at(1).toString().toDouble();
}

void TestMeshsimPrometheus::shiftToV3RaisesItsShare()
{
    double before = -1;
    QTRY_VERIFY_WITH_TIMEOUT((before = reviewsV3Share()) > 0, 30000);
    QVERIFY2(before < 0.35, qPrintable(QString::number(before))); // the demo's 20 %
    const CommandResult apply
        = m_sim.kubectl({u"apply"_s, u"-n"_s, u"bookinfo"_s, u"-f"_s,
                         QStringLiteral(MESHDESK_SHARED_DIR)
                             + u"/istio/samples/bookinfo/virtual-service-reviews-50-v3.yaml"_s});
    QVERIFY2(apply.exitCode == 0, qPrintable(apply.describe()));
    double after = -1;
    QTRY_VERIFY_WITH_TIMEOUT((after = reviewsV3Share()) > 0.45, 40000);
    QVERIFY2(after < 0.55, qPrintable(QString::number(after)));
}

QTEST_GUILESS_MAIN(TestMeshsimPrometheus)
#include "tst_meshsim_prometheus.moc"
