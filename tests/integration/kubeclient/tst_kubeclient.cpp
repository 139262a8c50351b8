#include "meshsimprocess.h"

#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace md::kube;

namespace {

const ResourceRef VirtualServices {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                   QStringLiteral("virtualservices"), true,
                                   QStringLiteral("VirtualService")};
const ResourceRef DestinationRules {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                    QStringLiteral("destinationrules"), true,
                                    QStringLiteral("DestinationRule")};
const ResourceRef Namespaces {QString(), QStringLiteral("v1"), QStringLiteral("namespaces"), false,
                              QStringLiteral("Namespace")};
const ResourceRef Pods {QString(), QStringLiteral("v1"), QStringLiteral("pods"), true,
                        QStringLiteral("Pod")};
const ResourceRef ConfigMaps {QString(), QStringLiteral("v1"), QStringLiteral("configmaps"), true,
                              QStringLiteral("ConfigMap")};

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject virtualService(const QString &name, int weight = 100)
{
    QJsonObject vs = json(R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
        "metadata":{"namespace":"default"},
        "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"}}]}]}})");
    QJsonObject metadata = vs.value(QLatin1String("metadata")).toObject();
    metadata.insert(QStringLiteral("name"), name);
    vs.insert(QStringLiteral("metadata"), metadata);
    if (weight != 100) {
        QJsonObject spec = vs.value(QLatin1String("spec")).toObject();
        spec.insert(QStringLiteral("http"),
                    QJsonArray {QJsonObject {
                        {QStringLiteral("route"),
                         QJsonArray {QJsonObject {
                             {QStringLiteral("destination"),
                              QJsonObject {{QStringLiteral("host"), QStringLiteral("reviews")}}},
                             {QStringLiteral("weight"), weight}}}}}});
        vs.insert(QStringLiteral("spec"), spec);
    }
    return vs;
}

// The error text of a failed result, for test messages (evaluated even on success).
template<typename R> const char *why(const R &result)
{
    static QByteArray text;
    text = result ? QByteArray() : result.error().detail().toUtf8();
    return text.constData();
}

QString rvOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("resourceVersion"))
        .toString();
}

// Waits for one callback of an asynchronous call.
template<typename T> struct Waiter
{
    std::optional<T> value;
    std::function<void(T)> callback()
    {
        return [this](T v) { value.emplace(std::move(v)); };
    }
    bool wait(int ms = 20000)
    {
        return QTest::qWaitFor([this] { return value.has_value(); }, ms);
    }
};

} // namespace

class tst_KubeClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsWithPaging();
    void createGetAndAlreadyExists();
    void staleUpdateConflicts();
    void everyPatchType();
    void strategicMergeOnCustomResourceIs415();
    void dryRunDoesNotPersist();
    void invalidObjectNamesTheField();
    void viewerIsForbidden();
    void badTokenIsUnauthorized();
    void wrongCaIsATlsError();
    void unreachableServerIsANetworkError();
    void deleteThenNotFound();
    void throttledRequestsAreRetriedAfterRetryAfter();
    void watchSeesChanges();
    void watchWithBadVersionEndsWithTheError();

private:
    RestConfig restConfig(const QString &context) const;
    std::unique_ptr<KubeClient> client(const QString &context = QStringLiteral("meshsim-primary"));

    md::testing::MeshsimProcess m_sim;
    Kubeconfig m_kubeconfig;
};

void tst_KubeClient::initTestCase()
{
    const QString error = m_sim.start(
        {QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--crds"),
         QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto loaded = loadKubeconfigFile(m_sim.kubeconfig());
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    m_kubeconfig = *loaded;
    QVERIFY(m_kubeconfig.contexts.contains(QStringLiteral("meshsim-primary")));
    QVERIFY(m_kubeconfig.contexts.contains(QStringLiteral("meshsim-primary-viewer")));
}

void tst_KubeClient::cleanupTestCase()
{
    QCOMPARE(m_sim.stop(), 0);
}

RestConfig tst_KubeClient::restConfig(const QString &context) const
{
    ResolveOptions options;
    options.context = context;
    auto resolved = resolveRestConfig(m_kubeconfig, options);
    if (!resolved)
        qFatal("cannot resolve %s: %s", qPrintable(context),
               qPrintable(resolved.error().toString()));
    return *resolved;
}

std::unique_ptr<KubeClient> tst_KubeClient::client(const QString &context)
{
    return std::make_unique<KubeClient>(restConfig(context));
}

void tst_KubeClient::listsWithPaging()
{
    auto c = client();
    Waiter<ListResult> all;
    c->list(Pods, QString(), {}, this, all.callback());
    QVERIFY(all.wait());
    QVERIFY2(*all.value, why(*all.value));
    const qsizetype total = (*all.value)->items.size();
    QVERIFY2(total >= 5, "the demo scenario runs pods");
    QVERIFY(!(*all.value)->resourceVersion.isEmpty());

    ListOptions paged;
    paged.limit = 2;
    Waiter<ListResult> first;
    c->list(Pods, QString(), paged, this, first.callback());
    QVERIFY(first.wait());
    QVERIFY(*first.value);
    QCOMPARE((*first.value)->items.size(), 2);
    QVERIFY(!(*first.value)->continueToken.isEmpty());

    Waiter<ListResult> pages;
    c->listAll(Pods, QString(), paged, this, pages.callback());
    QVERIFY(pages.wait());
    QVERIFY(*pages.value);
    QCOMPARE((*pages.value)->items.size(), total);

    Waiter<ListResult> namespaces;
    ListOptions byName;
    byName.fieldSelector = QStringLiteral("metadata.name=istio-system");
    c->list(Namespaces, QString(), byName, this, namespaces.callback());
    QVERIFY(namespaces.wait());
    QVERIFY(*namespaces.value);
    QCOMPARE((*namespaces.value)->items.size(), 1);
}

void tst_KubeClient::createGetAndAlreadyExists()
{
    auto c = client();
    Waiter<ObjectResult> created;
    c->create(VirtualServices, QStringLiteral("default"),
              virtualService(QStringLiteral("kc-create")), {}, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY2(*created.value, why(*created.value));
    QVERIFY(!rvOf(**created.value).isEmpty());

    Waiter<ObjectResult> got;
    c->get(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-create"), this,
           got.callback());
    QVERIFY(got.wait());
    QVERIFY(*got.value);
    QCOMPARE((**got.value)
                 .value(QLatin1String("spec"))
                 .toObject()
                 .value(QLatin1String("hosts"))
                 .toArray()
                 .at(0)
                 .toString(),
             QStringLiteral("reviews"));

    Waiter<ObjectResult> again;
    c->create(VirtualServices, QStringLiteral("default"),
              virtualService(QStringLiteral("kc-create")), {}, this, again.callback());
    QVERIFY(again.wait());
    QVERIFY(!*again.value);
    QVERIFY(again.value->error().isAlreadyExists());
    QCOMPARE(again.value->error().code, 409);
}

void tst_KubeClient::staleUpdateConflicts()
{
    auto c = client();
    Waiter<ObjectResult> created;
    c->create(VirtualServices, QStringLiteral("default"),
              virtualService(QStringLiteral("kc-update")), {}, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY(*created.value);
    const QJsonObject base = **created.value;

    QJsonObject first = base;
    QJsonObject spec = first.value(QLatin1String("spec")).toObject();
    spec.insert(QStringLiteral("hosts"),
                QJsonArray {QStringLiteral("reviews"), QStringLiteral("reviews.default")});
    first.insert(QStringLiteral("spec"), spec);
    Waiter<ObjectResult> updated;
    c->update(VirtualServices, QStringLiteral("default"), first, {}, this, updated.callback());
    QVERIFY(updated.wait());
    QVERIFY2(*updated.value, why(*updated.value));
    QVERIFY(rvOf(**updated.value) != rvOf(base));

    // The same base again: its resourceVersion is stale now.
    Waiter<ObjectResult> stale;
    c->update(VirtualServices, QStringLiteral("default"), base, {}, this, stale.callback());
    QVERIFY(stale.wait());
    QVERIFY(!*stale.value);
    QVERIFY2(stale.value->error().isConflict(), why(*stale.value));
}

void tst_KubeClient::everyPatchType()
{
    auto c = client();
    Waiter<ObjectResult> created;
    c->create(VirtualServices, QStringLiteral("default"),
              virtualService(QStringLiteral("kc-patch")), {}, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY(*created.value);

    Waiter<ObjectResult> merge;
    c->patch(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-patch"),
             PatchType::Merge, R"({"metadata":{"labels":{"team":"payments"}}})", {}, this,
             merge.callback());
    QVERIFY(merge.wait());
    QVERIFY2(*merge.value, why(*merge.value));
    QCOMPARE((**merge.value)["metadata"].toObject()["labels"].toObject()["team"].toString(),
             QStringLiteral("payments"));

    Waiter<ObjectResult> jsonPatch;
    c->patch(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-patch"),
             PatchType::JsonPatch, R"([{"op":"replace","path":"/spec/hosts/0","value":"ratings"}])",
             {}, this, jsonPatch.callback());
    QVERIFY(jsonPatch.wait());
    QVERIFY2(*jsonPatch.value, why(*jsonPatch.value));
    QCOMPARE((**jsonPatch.value)["spec"].toObject()["hosts"].toArray().at(0).toString(),
             QStringLiteral("ratings"));

    WriteOptions apply;
    Waiter<ObjectResult> applied;
    c->patch(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-apply"),
             PatchType::Apply, QJsonDocument(virtualService(QStringLiteral("kc-apply"))).toJson(),
             apply, this, applied.callback());
    QVERIFY(applied.wait());
    QVERIFY2(*applied.value, why(*applied.value));
    const QJsonArray managed = (**applied.value)["metadata"].toObject()["managedFields"].toArray();
    bool ours = false;
    for (const QJsonValue &entry : managed)
        ours = ours || entry.toObject()["manager"].toString() == QStringLiteral("meshdesk");
    QVERIFY2(ours, "server-side apply records fieldManager=meshdesk");
}

void tst_KubeClient::strategicMergeOnCustomResourceIs415()
{
    auto c = client();
    Waiter<ObjectResult> r;
    c->patch(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-patch"),
             PatchType::StrategicMerge, R"({"metadata":{"labels":{"x":"y"}}})", {}, this,
             r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    QCOMPARE(r.value->error().code, 415);
}

void tst_KubeClient::dryRunDoesNotPersist()
{
    auto c = client();
    WriteOptions dry;
    dry.dryRun = true;
    Waiter<ObjectResult> created;
    c->create(VirtualServices, QStringLiteral("default"), virtualService(QStringLiteral("kc-dry")),
              dry, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY2(*created.value, why(*created.value));
    Waiter<ObjectResult> got;
    c->get(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-dry"), this,
           got.callback());
    QVERIFY(got.wait());
    QVERIFY(!*got.value);
    QVERIFY(got.value->error().isNotFound());
}

void tst_KubeClient::invalidObjectNamesTheField()
{
    auto c = client();
    QJsonObject bad = virtualService(QStringLiteral("kc-invalid"));
    QJsonObject spec = bad["spec"].toObject();
    spec.insert(QStringLiteral("hosts"), QStringLiteral("not-a-list"));
    bad.insert(QStringLiteral("spec"), spec);
    Waiter<ObjectResult> r;
    c->create(VirtualServices, QStringLiteral("default"), bad, {}, this, r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    const ApiError &e = r.value->error();
    QVERIFY2(e.isInvalid(), qPrintable(e.summary()));
    QCOMPARE(e.reason, QStringLiteral("Invalid"));
    QVERIFY(!e.causes.isEmpty());
    QCOMPARE(e.causes.constFirst().field, QStringLiteral("spec.hosts"));
    QVERIFY(e.detail().contains(QStringLiteral("spec.hosts")));
}

void tst_KubeClient::viewerIsForbidden()
{
    auto viewer = client(QStringLiteral("meshsim-primary-viewer"));
    Waiter<ListResult> list;
    viewer->list(VirtualServices, QStringLiteral("default"), {}, this, list.callback());
    QVERIFY(list.wait());
    QVERIFY2(*list.value, "the viewer may read");
    Waiter<ObjectResult> r;
    viewer->create(VirtualServices, QStringLiteral("default"),
                   virtualService(QStringLiteral("kc-viewer")), {}, this, r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    QVERIFY(r.value->error().isForbidden());
    QCOMPARE(r.value->error().reason, QStringLiteral("Forbidden"));
}

void tst_KubeClient::badTokenIsUnauthorized()
{
    RestConfig config = restConfig(QStringLiteral("meshsim-primary"));
    config.bearerToken = QStringLiteral("not-a-valid-token");
    KubeClient c(config);
    Waiter<ListResult> r;
    c.list(Namespaces, QString(), {}, this, r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    QVERIFY(r.value->error().isUnauthorized());
}

void tst_KubeClient::wrongCaIsATlsError()
{
    RestConfig config = restConfig(QStringLiteral("meshsim-primary"));
    // Another cluster's CA does not sign this server: verification must fail.
    config.tls.caData = restConfig(QStringLiteral("meshsim-member")).tls.caData;
    const bool sameCa
        = config.tls.caData == restConfig(QStringLiteral("meshsim-primary")).tls.caData;
    if (sameCa) {
        // meshsim signs every cluster with one CA: use a CA of our own making instead.
        config.tls.caData.clear();
        config.tls.caFile.clear();
    }
    KubeClient c(config);
    Waiter<ListResult> r;
    c.list(Namespaces, QString(), {}, this, r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    QCOMPARE(r.value->error().kind, ApiError::Kind::Tls);

    // insecure-skip-tls-verify is honoured.
    config.tls.insecure = true;
    config.tls.caData.clear();
    KubeClient insecure(config);
    Waiter<ListResult> ok;
    insecure.list(Namespaces, QString(), {}, this, ok.callback());
    QVERIFY(ok.wait());
    QVERIFY2(*ok.value, why(*ok.value));
}

void tst_KubeClient::unreachableServerIsANetworkError()
{
    RestConfig config = restConfig(QStringLiteral("meshsim-primary"));
    config.server = QUrl(QStringLiteral("https://127.0.0.1:1"));
    KubeClient c(config);
    Waiter<ListResult> r;
    c.list(Namespaces, QString(), {}, this, r.callback());
    QVERIFY(r.wait());
    QVERIFY(!*r.value);
    QCOMPARE(r.value->error().kind, ApiError::Kind::Network);
    QVERIFY(r.value->error().isRetriable());
}

void tst_KubeClient::deleteThenNotFound()
{
    auto c = client();
    Waiter<ObjectResult> created;
    c->create(VirtualServices, QStringLiteral("default"),
              virtualService(QStringLiteral("kc-delete")), {}, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY(*created.value);
    Waiter<ObjectResult> removed;
    c->remove(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-delete"), {}, this,
              removed.callback());
    QVERIFY(removed.wait());
    QVERIFY2(*removed.value, why(*removed.value));
    Waiter<ObjectResult> got;
    c->get(VirtualServices, QStringLiteral("default"), QStringLiteral("kc-delete"), this,
           got.callback());
    QVERIFY(got.wait());
    QVERIFY(!*got.value);
    QVERIFY(got.value->error().isNotFound());
    QCOMPARE(got.value->error().name, QStringLiteral("kc-delete"));
}

void tst_KubeClient::throttledRequestsAreRetriedAfterRetryAfter()
{
    auto c = client();
    const auto setFaults = [&](const QByteArray &json) {
        Waiter<ResponseResult> r;
        c->request("PUT", QStringLiteral("/meshsim/faults"), {}, json, "application/json", this,
                   r.callback());
        QVERIFY(r.wait());
        QVERIFY(*r.value);
    };
    setFaults(R"({"throttleRate":1,"retryAfterSeconds":1})");
    QElapsedTimer timer;
    timer.start();
    Waiter<ListResult> list;
    QSignalSpy throttled(c.get(), &KubeClient::throttled);
    c->list(Namespaces, QString(), {}, this, list.callback());
    // The first answer is a 429: the client says so and holds the request for a retry.
    QTRY_COMPARE_WITH_TIMEOUT(throttled.size(), 1, 10000);
    QCOMPARE(throttled.at(0).at(1).toInt(), 1);
    QVERIFY(!list.value);
    setFaults(R"({})");
    // The retry succeeds, no sooner than the Retry-After (a lower bound: a slow machine
    // cannot break it).
    QVERIFY(list.wait());
    QVERIFY2(*list.value, why(*list.value));
    QVERIFY(timer.elapsed() >= 900);

    // Throttled for good: after a few tries the 429 reaches the caller, with its Retry-After.
    setFaults(R"({"throttleRate":1,"retryAfterSeconds":1})");
    Waiter<ListResult> stuck;
    c->list(Namespaces, QString(), {}, this, stuck.callback());
    QVERIFY(stuck.wait(20000));
    setFaults(R"({})");
    QVERIFY(!*stuck.value);
    QVERIFY(stuck.value->error().isTooManyRequests());
    QCOMPARE(stuck.value->error().retryAfterSeconds, std::optional<int>(1));
}

void tst_KubeClient::watchSeesChanges()
{
    auto c = client();
    Waiter<ListResult> list;
    c->list(ConfigMaps, QStringLiteral("default"), {}, this, list.callback());
    QVERIFY(list.wait());
    QVERIFY(*list.value);

    WatchOptions options;
    options.resourceVersion = (*list.value)->resourceVersion;
    WatchStream *stream = c->watch(ConfigMaps, QStringLiteral("default"), options, this);
    QList<WatchEvent> seen;
    connect(stream, &WatchStream::events, this,
            [&seen](const QList<WatchEvent> &events) { seen.append(events); });

    const QJsonObject cm = json(
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kc-watch"},"data":{"a":"1"}})");
    Waiter<ObjectResult> created;
    c->create(ConfigMaps, QStringLiteral("default"), cm, {}, this, created.callback());
    QVERIFY(created.wait());
    QVERIFY(*created.value);
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 10000);
    QCOMPARE(seen.constFirst().type, WatchEvent::Type::Added);
    QCOMPARE(seen.constFirst().object.name(), QStringLiteral("kc-watch"));
    QCOMPARE(seen.constFirst().object.toJson()["data"].toObject()["a"].toString(),
             QStringLiteral("1"));

    Waiter<ObjectResult> removed;
    c->remove(ConfigMaps, QStringLiteral("default"), QStringLiteral("kc-watch"), {}, this,
              removed.callback());
    QVERIFY(removed.wait());
    QTRY_VERIFY_WITH_TIMEOUT(seen.constLast().type == WatchEvent::Type::Deleted, 10000);
    QVERIFY(stream->isRunning());
    stream->abort();
    QVERIFY(!stream->isRunning());
    delete stream;
}

void tst_KubeClient::watchWithBadVersionEndsWithTheError()
{
    auto c = client();
    WatchOptions options;
    options.resourceVersion = QStringLiteral("not-a-version");
    WatchStream *stream = c->watch(VirtualServices, QString(), options, this);
    QSignalSpy finished(stream, &WatchStream::finished);
    QVERIFY(finished.wait(15000));
    const auto error = finished.constFirst().constFirst().value<std::optional<ApiError>>();
    QVERIFY(error.has_value());
    QCOMPARE(error->code, 400);
    QCOMPARE(error->reason, QStringLiteral("BadRequest"));
    QVERIFY(!stream->isRunning());
    delete stream;
}

QTEST_GUILESS_MAIN(tst_KubeClient)
#include "tst_kubeclient.moc"
