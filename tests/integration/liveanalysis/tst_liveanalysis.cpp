// The analyzers fed by the live caches of a two-cluster mesh in meshsim: policies applied
// through the API show up in the analysis, references resolve across the clusters of the
// mesh, and an edited object is checked at once against the cached index.

#include "meshsimprocess.h"

#include "istio/document.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "mesh/connectionmanager.h"
#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"

#include <QJsonDocument>
#include <QTest>

using namespace md;

namespace {

const kube::ResourceRef DestinationRules {QStringLiteral("networking.istio.io"),
                                          QStringLiteral("v1"), QStringLiteral("destinationrules"),
                                          true, QStringLiteral("DestinationRule")};
const kube::ResourceRef VirtualServices {QStringLiteral("networking.istio.io"),
                                         QStringLiteral("v1"), QStringLiteral("virtualservices"),
                                         true, QStringLiteral("VirtualService")};

const QString Primary = QStringLiteral("meshsim-primary");
const QString Member = QStringLiteral("meshsim-member");

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// The messages about one object, as "CODE path".
QStringList about(const QList<istio::Message> &messages, const QString &object)
{
    QStringList found;
    for (const istio::Message &m : messages) {
        if (m.object == object)
            found << m.code + QLatin1Char(' ') + m.path + QLatin1Char(' ') + m.source;
    }
    found.sort();
    return found;
}

} // namespace

class tst_LiveAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void policiesAppliedShowUp();
    void editedObjectCheckedAtOnce();
    void deletedPolicyLeaves();

private:
    bool write(const QByteArray &method, const kube::ResourceRef &resource, const QString &name,
               const QJsonObject &body = {});

    testing::MeshsimProcess m_sim;
    std::unique_ptr<mesh::ConnectionManager> m_manager;
    std::unique_ptr<mesh::MeshCache> m_cache;
    std::unique_ptr<mesh::LiveAnalysis> m_analysis;
    std::unique_ptr<kube::KubeClient> m_admin;
};

void tst_LiveAnalysis::initTestCase()
{
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto kubeconfig = kube::loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(kubeconfig);
    m_manager = std::make_unique<mesh::ConnectionManager>();
    m_manager->setKubeconfig(*kubeconfig);
    QVERIFY(m_manager->connectContext(Primary));
    QVERIFY(m_manager->connectContext(Member));
    QTRY_VERIFY_WITH_TIMEOUT(m_manager->health(Primary).isUp() && m_manager->health(Member).isUp(),
                             20000);

    kube::ResolveOptions options;
    options.context = Primary;
    m_admin = std::make_unique<kube::KubeClient>(*kube::resolveRestConfig(*kubeconfig, options));

    m_cache = std::make_unique<mesh::MeshCache>(m_manager.get());
    m_analysis = std::make_unique<mesh::LiveAnalysis>(m_cache.get());
    m_cache->setClusters({Primary, Member});
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->isSynced(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_analysis->runs() >= 1, 30000);
    QVERIFY(m_cache->objectCount() > 20); // the demo's services, pods and policies
    const auto snapshot = m_cache->snapshot();
    QCOMPARE(snapshot.size(), 2);
    QVERIFY(!snapshot.value(Member).isEmpty());
}

void tst_LiveAnalysis::cleanupTestCase()
{
    m_analysis.reset();
    m_cache.reset();
    m_manager.reset();
    m_admin.reset();
    QCOMPARE(m_sim.stop(), 0);
}

bool tst_LiveAnalysis::write(const QByteArray &method, const kube::ResourceRef &resource,
                             const QString &name, const QJsonObject &body)
{
    std::optional<kube::ObjectResult> result;
    auto done = [&](kube::ObjectResult r) { result.emplace(std::move(r)); };
    if (method == "POST")
        m_admin->create(resource, QStringLiteral("bookinfo"), body, {}, this, done);
    else
        m_admin->remove(resource, QStringLiteral("bookinfo"), name, {}, this, done);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
        return false;
    if (!*result)
        qWarning("%s", qPrintable(result->error().detail()));
    return bool(*result);
}

void tst_LiveAnalysis::policiesAppliedShowUp()
{
    // reviews v1 runs in the primary cluster, v2 and v3 only in the member: a subset
    // selecting v2 is fine in a mesh of both; v9 selects nothing anywhere.
    QVERIFY(write("POST", DestinationRules, {}, json(R"({
        "apiVersion":"networking.istio.io/v1","kind":"DestinationRule",
        "metadata":{"name":"reviews-live","namespace":"bookinfo"},
        "spec":{"host":"reviews","subsets":[
            {"name":"v1","labels":{"version":"v1"}},
            {"name":"v2","labels":{"version":"v2"}},
            {"name":"v9","labels":{"version":"v9"}}]}})")));
    QVERIFY(write("POST", VirtualServices, {}, json(R"({
        "apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"name":"reviews-live","namespace":"bookinfo"},
        "spec":{"hosts":["reviews-live.example.com"],"http":[{"route":[
            {"destination":{"host":"reviews","subset":"v2"},"weight":50},
            {"destination":{"host":"reviews","subset":"missing"},"weight":50}]}]}})")));

    const QString dr = QStringLiteral("DestinationRule bookinfo/reviews-live");
    const QString vs = QStringLiteral("VirtualService bookinfo/reviews-live");
    // Ten watches per cluster on one client: each needs a connection of its own, or the
    // later ones never open and these objects never arrive.
    QTRY_VERIFY_WITH_TIMEOUT(!about(m_analysis->messages(), vs).isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!about(m_analysis->messages(), dr).isEmpty(), 20000);
    const QStringList drMessages = about(m_analysis->messages(), dr);
    QVERIFY2(drMessages.contains(QStringLiteral("IST0173 spec.subsets[2] ") + Primary),
             qPrintable(drMessages.join(u", ")));
    // v2's pods live in the other cluster of the mesh: no complaint.
    for (const QString &m : drMessages)
        QVERIFY2(!m.startsWith(QStringLiteral("IST0173 spec.subsets[1]")), qPrintable(m));
    const QStringList vsMessages = about(m_analysis->messages(), vs);
    QVERIFY2(vsMessages.contains(QStringLiteral("IST0101 spec.http[0].route[1].destination.subset ")
                                 + Primary),
             qPrintable(vsMessages.join(u", ")));
    for (const QString &m : vsMessages)
        QVERIFY2(!m.contains(QStringLiteral("route[0]")), qPrintable(m));
}

void tst_LiveAnalysis::editedObjectCheckedAtOnce()
{
    auto edited = istio::parseValue(R"({"apiVersion":"networking.istio.io/v1",
        "kind":"VirtualService","metadata":{"name":"draft","namespace":"bookinfo"},
        "spec":{"hosts":["draft.example.com"],"http":[{"route":[
            {"destination":{"host":"reviews","subset":"v1"}}]}]}})");
    QVERIFY(edited);
    QList<istio::Message> messages = m_analysis->checkObject(Primary, *edited);
    QVERIFY2(messages.isEmpty(), qPrintable(messages.value(0).toString()));

    auto wrong = istio::parseValue(R"({"apiVersion":"networking.istio.io/v1",
        "kind":"VirtualService","metadata":{"name":"draft","namespace":"bookinfo"},
        "spec":{"hosts":["draft.example.com"],"http":[{"route":[
            {"destination":{"host":"nowhere","subset":"v1"}}]}]}})");
    QVERIFY(wrong);
    messages = m_analysis->checkObject(Primary, *wrong);
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.constFirst().code, QStringLiteral("IST0101"));
    QCOMPARE(messages.constFirst().path, QStringLiteral("spec.http[0].route[0].destination.host"));
    QVERIFY(m_analysis->checkObject(QStringLiteral("no-such-cluster"), *wrong).isEmpty());
}

void tst_LiveAnalysis::deletedPolicyLeaves()
{
    const QString vs = QStringLiteral("VirtualService bookinfo/reviews-live");
    QVERIFY(!about(m_analysis->messages(), vs).isEmpty());
    QVERIFY(write("DELETE", VirtualServices, QStringLiteral("reviews-live")));
    QTRY_VERIFY_WITH_TIMEOUT(about(m_analysis->messages(), vs).isEmpty(), 20000);
    QVERIFY(write("DELETE", DestinationRules, QStringLiteral("reviews-live")));
    QTRY_VERIFY_WITH_TIMEOUT(
        about(m_analysis->messages(), QStringLiteral("DestinationRule bookinfo/reviews-live"))
            .isEmpty(),
        20000);
}

QTEST_GUILESS_MAIN(tst_LiveAnalysis)
#include "tst_liveanalysis.moc"
