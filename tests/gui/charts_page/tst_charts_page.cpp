// Monitor › Metrics on the demo: mesh, service and workload dashboards get their series from
// a real Prometheus scraping meshsim; split by version names the versions; the CSV export
// holds what the charts show; the Grafana link points at Istio's dashboards; the overview
// strip shows the mesh's rate and top services.

#include "guitestutils.h"
#include "meshsimprocess.h"
#include "prometheusprocess.h"

#include "charts/grafanalink.h"
#include "charts/meshmetricstrip.h"
#include "charts/meshprometheus.h"
#include "charts/metricchart.h"
#include "charts/metricspage.h"
#include "charts/monitorsettings.h"
#include "core/translations.h"
#include "shell/pagecontext.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace md;
using namespace Qt::StringLiterals;
using ui::MetricChart;
using ui::MetricsPage;

class tst_ChartsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void grafanaLinks();
    void dashboards();
    void overviewStrip();

private:
    static MetricChart *chart(MetricsPage &page, const QString &title);
    static bool refreshAndWait(MetricsPage &page);

    testing::MeshsimProcess m_sim;
    testing::PrometheusProcess m_prometheus;
};

void tst_ChartsPage::initTestCase()
{
    isolateSettings();
    QVERIFY(QDir().mkpath(QStringLiteral(SCREENSHOT_DIR)));
    md::installTranslations(QLocale(QLocale::English));
    QVERIFY2(!testing::PrometheusProcess::prometheusPath().isEmpty(),
             "prometheus is required for this test (scripts/install-deps.sh)");
    QString error = m_sim.start({u"--scenario"_s, u"demo"_s});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = m_prometheus.start(m_sim.readyLine().section(u"metrics="_s, 1).trimmed(), u"1s"_s);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    ui::MonitorSettings::instance()->setRefreshInterval(std::chrono::seconds(0));
    ui::MonitorSettings::TimeRange range;
    range.last = std::chrono::minutes(5);
    ui::MonitorSettings::instance()->setTimeRange(range);
}

void tst_ChartsPage::cleanupTestCase()
{
    QCOMPARE(m_prometheus.stop(), 0);
    QCOMPARE(m_sim.stop(), 0);
}

MetricChart *tst_ChartsPage::chart(MetricsPage &page, const QString &title)
{
    for (MetricChart *c : page.charts()) {
        if (c->title() == title)
            return c;
    }
    return nullptr;
}

bool tst_ChartsPage::refreshAndWait(MetricsPage &page)
{
    QSignalSpy refreshed(&page, &MetricsPage::refreshed);
    page.refresh();
    return refreshed.wait(30000);
}

void tst_ChartsPage::grafanaLinks()
{
    const QDateTime from = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const QDateTime to = from.addSecs(3600);
    const QUrl service = ui::grafanaDashboardUrl(
        u"https://grafana.example/g/"_s, {u"service"_s, u"bookinfo"_s, u"reviews"_s, from, to});
    QCOMPARE(service.path(), u"/g/d/LJ_uJAvmk/istio-service-dashboard"_s);
    const QUrlQuery query(service);
    QCOMPARE(query.queryItemValue(u"var-service"_s), u"reviews.bookinfo.svc.cluster.local"_s);
    QCOMPARE(query.queryItemValue(u"from"_s), u"1700000000000"_s);
    QCOMPARE(query.queryItemValue(u"to"_s), u"1700003600000"_s);
    const QUrl workload = ui::grafanaDashboardUrl(
        u"http://127.0.0.1:3000"_s, {u"workload"_s, u"bookinfo"_s, u"reviews-v2"_s, from, to});
    QCOMPARE(workload.path(), u"/d/UbsSZTDik/istio-workload-dashboard"_s);
    QCOMPARE(QUrlQuery(workload).queryItemValue(u"var-workload"_s), u"reviews-v2"_s);
    QCOMPARE(QUrlQuery(workload).queryItemValue(u"var-namespace"_s), u"bookinfo"_s);
    QCOMPARE(ui::grafanaDashboardUrl(u"http://g:3000"_s, {u"mesh"_s, {}, {}, from, to}).path(),
             u"/d/G8wLrJIZk/istio-mesh-dashboard"_s);
    // Bad input: no link.
    QVERIFY(ui::grafanaDashboardUrl(u""_s, {u"mesh"_s, {}, {}, from, to}).isEmpty());
    QVERIFY(ui::grafanaDashboardUrl(u"ftp://g"_s, {u"mesh"_s, {}, {}, from, to}).isEmpty());
    QVERIFY(
        ui::grafanaDashboardUrl(u"http://g"_s, {u"service"_s, u"ns"_s, {}, from, to}).isEmpty());
    QVERIFY(ui::grafanaDashboardUrl(u"http://g"_s, {u"cluster"_s, {}, {}, from, to}).isEmpty());
}

void tst_ChartsPage::dashboards()
{
    ui::PageContext context;
    MetricsPage page(context);
    page.resize(1500, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY2(page.stateText().contains(u"No mesh selected"_s), qPrintable(page.stateText()));
    page.prometheus()->setFixedUrl(m_prometheus.url());
    QCOMPARE(page.stateText(), QString());

    // Mesh level: the request volume appears once Prometheus has a few scrapes.
    MetricChart *volume = chart(page, u"Request volume (req/s)"_s);
    MetricChart *success = chart(page, u"Success rate (non-5xx)"_s);
    MetricChart *duration = chart(page, u"Request duration (ms)"_s);
    MetricChart *tcp = chart(page, u"TCP sent (bytes/s)"_s);
    QVERIFY(volume && success && duration && tcp);
    QTRY_VERIFY_WITH_TIMEOUT(refreshAndWait(page) && !volume->lines().isEmpty()
                                 && volume->lines().first().points.size() > 3
                                 && !duration->lines().isEmpty(),
                             90000);
    QCOMPARE(page.charts().size(), 10);
    for (const QPointF &p : success->lines().first().points)
        QVERIFY2(p.y() > 0 && p.y() <= 1.0, qPrintable(QString::number(p.y())));
    QStringList quantiles;
    for (const auto &line : duration->lines())
        quantiles << line.name;
    QCOMPARE(quantiles, (QStringList {u"p50"_s, u"p90"_s, u"p99"_s}));
    QVERIFY(!tcp->lines().isEmpty()); // the demo's mysql traffic
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/metrics-mesh.png")));

    // Service level, split by version: reviews' three versions.
    page.setPageArguments(
        {{u"level"_s, u"service"_s}, {u"namespace"_s, u"bookinfo"_s}, {u"name"_s, u"reviews"_s}});
    QCOMPARE(page.target().name, u"reviews"_s);
    QCOMPARE(page.target().scope, telemetry::MetricScope::Service);
    QSignalSpy refreshed(&page, &MetricsPage::refreshed);
    page.setSplit(telemetry::MetricSplit::Version);
    QVERIFY(refreshed.wait(30000));
    QStringList versions;
    for (const auto &line : volume->lines())
        versions << line.name;
    versions.sort();
    QCOMPARE(versions, (QStringList {u"v1"_s, u"v2"_s, u"v3"_s}));
    QTRY_VERIFY(page.knownNamespaces().contains(u"bookinfo"_s));
    // Legends name every line in full (three quantiles × three versions), wrapping rows.
    {
        QStringList want;
        for (const auto &line : duration->lines())
            want << line.name;
        QVERIFY2(want.size() >= 6, qPrintable(want.join(u", "_s)));
        QCOMPARE(duration->legendEntries(), want);
        QLabel *legend = duration->legend();
        QVERIFY(legend->isVisible());
        for (const QString &name : std::as_const(want))
            QVERIFY2(legend->text().contains(QString(name).replace(u' ', u"&nbsp;"_s)),
                     qPrintable(legend->text()));
        QVERIFY2(legend->heightForWidth(legend->width()) <= legend->height(),
                 qPrintable(u"needs %1 px, has %2"_s.arg(legend->heightForWidth(legend->width()))
                                .arg(legend->height())));
    }
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/metrics-service-by-version.png")));

    // CSV: one row per point of every line, with the chart and series names.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"metrics.csv"_s);
    const auto written = page.exportCsv(path);
    QVERIFY2(written, qPrintable(written.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = file.readAll().split('\n');
    QCOMPARE(rows.first(), QByteArray("chart,series,time,value"));
    int v2Rows = 0;
    int expected = 0;
    for (const auto &line : volume->lines())
        expected += line.name == u"v2"_s ? int(line.points.size()) : 0;
    for (const QByteArray &row : rows) {
        if (row.startsWith("Request volume (req/s),v2,")) {
            ++v2Rows;
            const QList<QByteArray> fields = row.split(',');
            QCOMPARE(fields.size(), 4);
            QVERIFY(QDateTime::fromString(QString::fromUtf8(fields[2]), Qt::ISODate).isValid());
            bool ok = false;
            QVERIFY(fields[3].toDouble(&ok) >= 0 && ok);
        }
    }
    QCOMPARE(v2Rows, expected);
    QVERIFY(v2Rows > 3);
    QVERIFY(!page.exportCsv(u"/nonexistent-dir/x.csv"_s));

    // Workload level, outbound: productpage's calls by destination.
    page.setPageArguments({{u"level"_s, u"workload"_s},
                           {u"namespace"_s, u"bookinfo"_s},
                           {u"name"_s, u"productpage-v1"_s}});
    page.setDirection(telemetry::MetricDirection::Outbound);
    page.setSplit(telemetry::MetricSplit::Destination);
    QTRY_VERIFY_WITH_TIMEOUT(!volume->lines().isEmpty()
                                 && page.target().direction == telemetry::MetricDirection::Outbound,
                             30000);
    QVERIFY(refreshed.wait(30000) || !page.isLoading());
    QStringList destinations;
    for (const auto &line : volume->lines())
        destinations << line.name;
    QVERIFY2(destinations.contains(u"bookinfo/reviews"_s)
                 && destinations.contains(u"bookinfo/details"_s),
             qPrintable(destinations.join(u", "_s)));

    // A Grafana URL gives the link for the same object.
    page.setGrafanaUrl(u"http://grafana.example:3000"_s);
    QCOMPARE(QUrlQuery(page.grafanaLink()).queryItemValue(u"var-workload"_s), u"productpage-v1"_s);
    QVERIFY(page.grab().save(QStringLiteral(SCREENSHOT_DIR "/metrics-workload-outbound.png")));

    // The time axis follows the time range: at once (no stale axis while loading) and after.
    {
        const auto spanOf = [](MetricChart *c) { return c->axisStart().secsTo(c->axisEnd()); };
        QCOMPARE(spanOf(volume), 300);
        ui::MonitorSettings::TimeRange hour;
        hour.last = std::chrono::hours(1);
        ui::MonitorSettings::instance()->setTimeRange(hour);
        for (MetricChart *c : page.charts())
            QVERIFY2(!c->axisStart().isValid() || spanOf(c) == 3600, qPrintable(c->title()));
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(spanOf(volume), 3600);
        QVERIFY(qAbs(volume->axisEnd().secsTo(QDateTime::currentDateTimeUtc())) < 120);
        ui::MonitorSettings::TimeRange five;
        five.last = std::chrono::minutes(5);
        ui::MonitorSettings::instance()->setTimeRange(five);
        QVERIFY(refreshed.wait(30000));
        QCOMPARE(spanOf(volume), 300);
        // Another object: its charts start empty, not with the previous object's lines.
        page.setPageArguments({{u"level"_s, u"workload"_s},
                               {u"namespace"_s, u"bookinfo"_s},
                               {u"name"_s, u"reviews-v2"_s}});
        QVERIFY(volume->lines().isEmpty() && !volume->axisStart().isValid());
        QVERIFY(refreshed.wait(30000));
        QVERIFY(!volume->lines().isEmpty());
        QCOMPARE(spanOf(volume), 300);
    }

    // A service nobody calls: the charts say so.
    page.setPageArguments({{u"level"_s, u"service"_s},
                           {u"namespace"_s, u"bookinfo"_s},
                           {u"name"_s, u"no-such-service"_s}});
    QVERIFY(refreshed.wait(30000));
    QVERIFY(volume->lines().isEmpty());
    QCOMPARE(volume->message(), u"No data in this time range"_s);
}

void tst_ChartsPage::overviewStrip()
{
    ui::PageContext context;
    ui::MeshMetricStrip strip(context);
    strip.resize(900, 220);
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QCOMPARE(strip.messageText(), u"No mesh selected."_s);
    QSignalSpy refreshed(&strip, &ui::MeshMetricStrip::refreshed);
    strip.prometheus()->setFixedUrl(m_prometheus.url());
    QVERIFY(refreshed.wait(30000));
    QVERIFY(strip.requestRate() > 0);
    QVERIFY(strip.successRate() > 0 && strip.successRate() <= 1);
    QVERIFY(!strip.topServices().isEmpty() && strip.topServices().size() <= 5);
    for (int i = 1; i < strip.topServices().size(); ++i)
        QVERIFY(strip.topServices().at(i - 1).rate >= strip.topServices().at(i).rate);
    QVERIFY(strip.grab().save(QStringLiteral(SCREENSHOT_DIR "/mesh-metric-strip.png")));
}

QTEST_MAIN(tst_ChartsPage)
#include "tst_charts_page.moc"
