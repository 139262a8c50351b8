#include "meshsimprocess.h"

#include "kube/discovery.h"
#include "kube/informer.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/kubeworker.h"
#include "kube/reflector.h"
#include "kube/restconfig.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace md::kube;
using namespace std::chrono_literals;

namespace {

const ResourceRef ConfigMaps {QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), true,
                              QStringLiteral("ConfigMap")};
const ResourceRef Namespaces {QString(), QStringLiteral("v1"), QStringLiteral("namespaces"), false,
                              QStringLiteral("Namespace")};

template<typename T> struct Waiter
{
    std::optional<T> value;
    std::function<void(T)> callback()
    {
        return [this](T v) { value.emplace(std::move(v)); };
    }
    bool wait(int ms = 30000)
    {
        return QTest::qWaitFor([this] { return value.has_value(); }, ms);
    }
};

QJsonObject configMap(const QString &name, const QString &value)
{
    return QJsonObject {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                        {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                        {QStringLiteral("metadata"), QJsonObject {{QStringLiteral("name"), name}}},
                        {QStringLiteral("data"), QJsonObject {{QStringLiteral("v"), value}}}};
}

// uid -> resourceVersion of a set of objects.
QMap<QString, QString> versions(const QList<KubeObject> &objects)
{
    QMap<QString, QString> map;
    for (const KubeObject &o : objects)
        map.insert(o.uid(), o.resourceVersion());
    return map;
}

Reflector::Options fastOptions(const QString &ns)
{
    Reflector::Options options;
    options.namespaceName = ns;
    options.pageSize = 7; // several pages per list
    options.flushInterval = 50ms;
    options.initialBackoff = 50ms;
    options.maxBackoff = 400ms;
    return options;
}

} // namespace

class tst_Reflector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void discoveryFindsEveryKind();
    void syncsAndFollowsChanges();
    void survivesFaultsAndConverges();
    void unreachableClusterBacksOffAlone();
    void informerMirrorsFromWorkerThread();

private:
    std::unique_ptr<KubeClient> client(const QString &context = QStringLiteral("meshsim-primary"));
    QList<KubeObject> freshList(KubeClient *c, const QString &ns);
    void setFaults(KubeClient *c, const QByteArray &json);
    void mutate(KubeClient *c, const QString &ns, int round);

    md::testing::MeshsimProcess m_sim;
    Kubeconfig m_kubeconfig;
};

void tst_Reflector::initTestCase()
{
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY(loaded);
    m_kubeconfig = *loaded;
}

void tst_Reflector::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

std::unique_ptr<KubeClient> tst_Reflector::client(const QString &context)
{
    ResolveOptions options;
    options.context = context;
    auto config = resolveRestConfig(m_kubeconfig, options);
    if (!config)
        qFatal("%s", qPrintable(config.error().toString()));
    return std::make_unique<KubeClient>(*config);
}

QList<KubeObject> tst_Reflector::freshList(KubeClient *c, const QString &ns)
{
    Waiter<ListResult> list;
    c->list(ConfigMaps, ns, {}, this, list.callback());
    if (!list.wait() || !*list.value)
        return {};
    return (*list.value)->items;
}

void tst_Reflector::setFaults(KubeClient *c, const QByteArray &json)
{
    Waiter<ResponseResult> r;
    c->request("PUT", QStringLiteral("/meshsim/faults"), {}, json, "application/json", this,
               r.callback());
    QVERIFY(r.wait());
    QVERIFY2(*r.value, qPrintable(r.value->has_value() ? QString() : r.value->error().summary()));
}

// Creates three, changes two and deletes one config map per round.
void tst_Reflector::mutate(KubeClient *c, const QString &ns, int round)
{
    int outstanding = 0;
    const auto track = [&outstanding](ObjectResult) { --outstanding; };
    for (int i = 0; i < 3; ++i) {
        ++outstanding;
        c->create(ConfigMaps, ns,
                  configMap(QStringLiteral("cm-%1-%2").arg(round).arg(i), QStringLiteral("a")), {},
                  this, track);
    }
    QVERIFY2(QTest::qWaitFor([&] { return outstanding == 0; }, 30000),
             qPrintable(QStringLiteral("%1 requests unanswered").arg(outstanding)));
    for (int i = 0; i < 2; ++i) {
        ++outstanding;
        c->patch(ConfigMaps, ns, QStringLiteral("cm-%1-%2").arg(round).arg(i), PatchType::Merge,
                 R"({"data":{"v":"b"}})", {}, this, track);
    }
    ++outstanding;
    c->remove(ConfigMaps, ns, QStringLiteral("cm-%1-2").arg(round), {}, this, track);
    QVERIFY2(QTest::qWaitFor([&] { return outstanding == 0; }, 30000),
             qPrintable(QStringLiteral("%1 requests unanswered").arg(outstanding)));
}

void tst_Reflector::discoveryFindsEveryKind()
{
    auto c = client();
    Waiter<md::Result<DiscoveryInfo, ApiError>> r;
    discover(c.get(), this, r.callback());
    QVERIFY(r.wait());
    QVERIFY2(*r.value, qPrintable(r.value->has_value() ? QString() : r.value->error().summary()));
    const DiscoveryInfo &info = **r.value;
    QVERIFY(info.gitVersion.startsWith(QLatin1Char('v')));
    QVERIFY(info.groups().contains(QStringLiteral("networking.istio.io")));

    const ApiResource *vs = info.find(QStringLiteral("vs"));
    QVERIFY(vs);
    QCOMPARE(vs->ref.plural, QStringLiteral("virtualservices"));
    QCOMPARE(vs->ref.group, QStringLiteral("networking.istio.io"));
    QVERIFY(vs->preferredVersion);
    QVERIFY(vs->ref.namespaced);
    QVERIFY(vs->can(QStringLiteral("watch")));

    const ApiResource *pods = info.find(QStringLiteral("po"));
    QVERIFY(pods);
    QCOMPARE(pods->ref.apiPath(), QStringLiteral("/api/v1"));
    QVERIFY(info.find(QStringLiteral("AuthorizationPolicy")));
    QVERIFY(info.find(QStringLiteral("security.istio.io"), QStringLiteral("PeerAuthentication")));
    const ApiResource *ns = info.find(QStringLiteral("namespaces"));
    QVERIFY(ns && !ns->ref.namespaced);
    QVERIFY(!info.find(QStringLiteral("nosuchkind")));
    // Every served version of a CRD is listed (VirtualService: v1, v1beta1, v1alpha3).
    int vsVersions = 0;
    for (const ApiResource &res : info.resources)
        vsVersions += res.ref.plural == QLatin1String("virtualservices");
    QVERIFY(vsVersions >= 2);
}

void tst_Reflector::syncsAndFollowsChanges()
{
    auto c = client();
    Waiter<ObjectResult> ns;
    c->create(Namespaces, QString(),
              QJsonObject {{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                           {QStringLiteral("kind"), QStringLiteral("Namespace")},
                           {QStringLiteral("metadata"),
                            QJsonObject {{QStringLiteral("name"), QStringLiteral("reflect")}}}},
              {}, this, ns.callback());
    QVERIFY(ns.wait());
    mutate(c.get(), QStringLiteral("reflect"), 0);

    // Deliveries at most every 2 s: long enough that the six writes of a round (a few
    // milliseconds apart on loopback) fall into one batch even on a loaded machine.
    Reflector::Options options = fastOptions(QStringLiteral("reflect"));
    options.flushInterval = 2000ms;
    Reflector reflector(c.get(), ConfigMaps, options);
    QSignalSpy changed(&reflector, &Reflector::changed);
    reflector.start();
    QTRY_VERIFY_WITH_TIMEOUT(reflector.status().synced, 20000);
    QCOMPARE(reflector.status().phase, Reflector::Phase::Watching);
    QCOMPARE(versions(reflector.objects().values()),
             versions(freshList(c.get(), QStringLiteral("reflect"))));
    QVERIFY(reflector.object(QStringLiteral("reflect"), QStringLiteral("cm-0-0")).has_value());
    QVERIFY(!reflector.object(QStringLiteral("reflect"), QStringLiteral("cm-0-2")).has_value());

    changed.clear();
    mutate(c.get(), QStringLiteral("reflect"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(versions(reflector.objects().values()),
                              versions(freshList(c.get(), QStringLiteral("reflect"))), 20000);
    // Changes arrive batched: fewer deliveries than the six writes (one, unless a flush fell
    // between two writes), and what came and went within a batch is never reported. The
    // cache is current at once; the deltas follow at the next flush.
    int added = 0;
    int removed = 0;
    const auto count = [&] {
        added = 0;
        removed = 0;
        for (const auto &args : std::as_const(changed)) {
            const auto delta = args.at(0).value<Reflector::Delta>();
            added += int(delta.added.size());
            removed += int(delta.removed.size());
        }
        return added;
    };
    QTRY_COMPARE_WITH_TIMEOUT(count(), 2, 20000); // cm-1-2 came and went: never reported
    QVERIFY(changed.count() >= 1);
    QVERIFY2(changed.count() <= 2, qPrintable(QString::number(changed.count())));
    QCOMPARE(removed, 0);
    QCOMPARE(reflector.status().lists, 1);
    reflector.stop();
    QCOMPARE(reflector.status().phase, Reflector::Phase::Idle);
}

void tst_Reflector::survivesFaultsAndConverges()
{
    auto c = client();
    Reflector reflector(c.get(), ConfigMaps, fastOptions(QStringLiteral("reflect")));
    bool sawStale = false;
    bool sawBackoff = false;
    connect(&reflector, &Reflector::statusChanged, this, [&](const Reflector::Status &s) {
        sawStale = sawStale || s.staleSince.isValid();
        sawBackoff = sawBackoff || s.phase == Reflector::Phase::Backoff;
    });
    reflector.start();
    QTRY_VERIFY_WITH_TIMEOUT(reflector.status().synced, 20000);

    // Dropped watches, 410 on every resume, 500s, 429 with Retry-After, latency.
    auto admin = client();
    setFaults(admin.get(),
              R"({"dropWatchesEverySeconds":1,"expireWatchResumes":true,"errorRate":0.25,
                              "throttleRate":0.1,"retryAfterSeconds":1,"latencyMs":30})");
    for (int round = 2; round < 6; ++round) {
        mutate(c.get(), QStringLiteral("reflect"),
               round); // some of these writes fail: that is fine
        QTest::qWait(700);
    }
    // Dropped watches resume, and every resume gets 410: the reflector must have relisted.
    QTRY_VERIFY_WITH_TIMEOUT(reflector.status().lists > 1, 30000);
    setFaults(admin.get(), R"({})");
    QTRY_COMPARE_WITH_TIMEOUT(versions(reflector.objects().values()),
                              versions(freshList(c.get(), QStringLiteral("reflect"))), 30000);
    QVERIFY(reflector.status().watches > 1);
    QVERIFY(sawBackoff);
    QVERIFY(sawStale);
    QTRY_VERIFY_WITH_TIMEOUT(!reflector.status().staleSince.isValid(), 20000);
}

void tst_Reflector::unreachableClusterBacksOffAlone()
{
    ResolveOptions options;
    options.context = QStringLiteral("meshsim-primary");
    RestConfig down = *resolveRestConfig(m_kubeconfig, options);
    down.server = QUrl(QStringLiteral("https://127.0.0.1:1"));
    KubeClient downClient(down);
    Reflector broken(&downClient, ConfigMaps, fastOptions(QString()));
    auto up = client(QStringLiteral("meshsim-member"));
    Reflector healthy(up.get(), ConfigMaps, fastOptions(QString()));

    QList<qint64> retryDelays;
    connect(&broken, &Reflector::statusChanged, this, [&](const Reflector::Status &s) {
        if (s.phase == Reflector::Phase::Backoff)
            retryDelays << QDateTime::currentDateTimeUtc().msecsTo(s.nextRetryAt);
    });
    broken.start();
    healthy.start();
    QTRY_VERIFY_WITH_TIMEOUT(healthy.status().synced, 20000);
    QVERIFY(!broken.status().synced);
    QTRY_VERIFY_WITH_TIMEOUT(retryDelays.size() >= 4, 20000);
    QVERIFY(broken.status().lastError.has_value());
    QCOMPARE(broken.status().lastError->kind, ApiError::Kind::Network);
    // Exponential: later delays are longer than the first, capped near twice the maximum.
    QVERIFY2(retryDelays.last() > retryDelays.first(),
             qPrintable(QString::number(retryDelays.last())));
    for (qint64 d : retryDelays)
        QVERIFY(d <= 800 + 50);
}

void tst_Reflector::informerMirrorsFromWorkerThread()
{
    ResolveOptions resolve;
    resolve.context = QStringLiteral("meshsim-primary");
    KubeWorker worker(*resolveRestConfig(m_kubeconfig, resolve));
    QVERIFY(worker.client()->thread() != thread());
    Reflector::Options options = fastOptions(QStringLiteral("reflect"));
    options.maxDeltaSize = 2; // a list arrives in several deltas
    Informer informer(&worker, ConfigMaps, options);
    int deltas = 0;
    bool onGuiThread = true;
    bool sawReset = false;
    connect(&informer, &Informer::changed, this, [&](const Reflector::Delta &delta) {
        ++deltas;
        onGuiThread = onGuiThread && QThread::currentThread() == thread();
        sawReset = sawReset || delta.reset;
    });
    informer.start();
    QTRY_VERIFY_WITH_TIMEOUT(informer.status().synced, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(informer.status().phase, Reflector::Phase::Watching, 20000);
    auto c = client();
    const QList<KubeObject> server = freshList(c.get(), QStringLiteral("reflect"));
    QVERIFY(server.size() >= 3);
    QCOMPARE(versions(informer.objects().values()), versions(server));
    QVERIFY(deltas >= int(server.size() / 2)); // chunks of two
    QVERIFY(sawReset);
    QVERIFY(onGuiThread);
    const KubeObject first = server.constFirst();
    const auto byKey = informer.object(first.namespaceName(), first.name());
    QVERIFY(byKey.has_value());
    QCOMPARE(byKey->json(), first.json());

    // Live: writes reach the GUI-side copy.
    mutate(c.get(), QStringLiteral("reflect"), 7);
    QTRY_COMPARE_WITH_TIMEOUT(versions(informer.objects().values()),
                              versions(freshList(c.get(), QStringLiteral("reflect"))), 20000);
    QVERIFY(informer.largestDelta() <= 2);
    informer.stop();
    QTRY_COMPARE_WITH_TIMEOUT(informer.status().phase, Reflector::Phase::Idle, 10000);
}

QTEST_GUILESS_MAIN(tst_Reflector)
#include "tst_reflector.moc"
