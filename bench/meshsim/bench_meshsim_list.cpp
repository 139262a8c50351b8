// 50,000 VirtualServices in one meshsim cluster: how long a full list takes to be served
// (meshsim, goal < 3 s) and to be listed, decoded and held in a Reflector's cache
// (MeshDesk, goal < 0.5 s and < 200 MB). Prints figures; asserts nothing.

#include "meshsimprocess.h"

#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/reflector.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTest>

#include <cstdio>

using namespace md::kube;

namespace {

const ResourceRef VirtualServices {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                   QStringLiteral("virtualservices"), true,
                                   QStringLiteral("VirtualService")};

qint64 rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QJsonObject virtualService(int i)
{
    const QString name = QStringLiteral("vs-%1").arg(i);
    const QString host = QStringLiteral("svc-%1").arg(i % 5000);
    return QJsonObject {
        {QStringLiteral("apiVersion"), QStringLiteral("networking.istio.io/v1")},
        {QStringLiteral("kind"), QStringLiteral("VirtualService")},
        {QStringLiteral("metadata"),
         QJsonObject {{QStringLiteral("name"), name},
                      {QStringLiteral("labels"),
                       QJsonObject {{QStringLiteral("team"), QStringLiteral("t%1").arg(i % 40)}}}}},
        {QStringLiteral("spec"),
         QJsonObject {{QStringLiteral("hosts"), QJsonArray {host}},
                      {QStringLiteral("http"),
                       QJsonArray {QJsonObject {
                           {QStringLiteral("route"),
                            QJsonArray {QJsonObject {{QStringLiteral("destination"),
                                                      QJsonObject {{QStringLiteral("host"), host},
                                                                   {QStringLiteral("subset"),
                                                                    QStringLiteral("v1")}}},
                                                     {QStringLiteral("weight"), 90}},
                                        QJsonObject {{QStringLiteral("destination"),
                                                      QJsonObject {{QStringLiteral("host"), host},
                                                                   {QStringLiteral("subset"),
                                                                    QStringLiteral("v2")}}},
                                                     {QStringLiteral("weight"), 10}}}},
                           {QStringLiteral("timeout"), QStringLiteral("5s")}}}}}}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 50000;
    md::testing::MeshsimProcess sim;
    const QString error
        = sim.start({QStringLiteral("--scenario"), QStringLiteral("empty"),
                     QStringLiteral("--clusters"), QStringLiteral("1"), QStringLiteral("--crds"),
                     QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml")});
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_meshsim_list: %s\n", qPrintable(error));
        return 1;
    }
    auto config = loadKubeconfigFile(sim.kubeconfig());
    auto rest = config ? resolveRestConfig(*config)
                       : md::Result<RestConfig>(md::Unexpected<md::Error> {config.error()});
    if (!rest) {
        std::fprintf(stderr, "bench_meshsim_list: %s\n", qPrintable(rest.error().toString()));
        return 1;
    }
    KubeClient client(*rest);

    // Load: many creates in flight at once.
    QElapsedTimer timer;
    timer.start();
    int next = 0;
    int done = 0;
    int failed = 0;
    QObject context;
    std::function<void()> launch = [&] {
        if (next >= count)
            return;
        client.create(VirtualServices, QStringLiteral("default"), virtualService(next++), {},
                      &context, [&](ObjectResult r) {
                          ++done;
                          failed += r ? 0 : 1;
                          launch();
                      });
    };
    for (int i = 0; i < 32; ++i)
        launch();
    if (!QTest::qWaitFor([&] { return done == count; }, 600000))
        qFatal("%d of %d VirtualServices created in 10 min", done, count);
    std::printf("created %d VirtualServices in %.1f s (%d failed)\n", done,
                timer.elapsed() / 1000.0, failed);

    // meshsim serving a full list (one request, no paging), as bytes.
    for (int run = 0; run < 3; ++run) {
        timer.restart();
        bool finished = false;
        qint64 bytes = 0;
        client.request("GET", VirtualServices.collectionPath(), {}, {}, {}, &context,
                       [&](ResponseResult r) {
                           finished = true;
                           bytes = r ? r->body.value(QLatin1String("items")).toArray().size() : -1;
                       });
        if (!QTest::qWaitFor([&] { return finished; }, 120000))
            qFatal("the full list did not arrive in 2 min");
        std::printf("full list of %lld objects served and parsed (Qt JSON) in %lld ms\n", bytes,
                    timer.elapsed());
    }

    // MeshDesk: a Reflector lists (resourceVersion=0: one answer), decodes and caches
    // everything.
    const qint64 before = rssKb();
    Reflector::Options options;
    Reflector reflector(&client, VirtualServices, options);
    timer.restart();
    reflector.start();
    if (!QTest::qWaitFor([&] { return reflector.status().synced; }, 120000))
        qFatal("the Reflector did not sync in 2 min");
    const qint64 ms = timer.elapsed();
    std::printf("Reflector: %lld objects listed, decoded and cached in %lld ms; RSS "
                "+%lld MB\n",
                qint64(reflector.size()), ms, (rssKb() - before) / 1024);
    reflector.stop();
    sim.stop();
    return 0;
}
