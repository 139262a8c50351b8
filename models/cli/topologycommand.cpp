#include "cli/topologycommand.h"

#include "cli/clisession.h"
#include "cli/clitr.h"
#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologyloader.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>

#include <optional>

namespace md::cli {

namespace {

using namespace md::telemetry;

std::optional<QDateTime> parseTime(const QString &text)
{
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (ok && seconds >= 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), Qt::UTC);
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid() || !text.contains(u'T'))
        return std::nullopt;
    return t.toUTC();
}

std::optional<std::chrono::seconds> parseDuration(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)(s|m|h|d)?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 factor = unit == u"m" ? 60 : unit == u"h" ? 3600 : unit == u"d" ? 86400 : 1;
    if (n <= 0)
        return std::nullopt;
    return std::chrono::seconds(n * factor);
}

// The objects badges come from, read through the cluster's API. Returns an error text.
QString readLiveConfig(const QString &kubeconfig, const QString &contextName, LiveConfig &config,
                       QTextStream &err)
{
    using namespace md::kube;
    auto session = connectSession({kubeconfig, contextName, {}}, err);
    if (!session)
        return session.error();
    const QStringList kinds = {
        QStringLiteral("pods"),
        QStringLiteral("services"),
        QStringLiteral("virtualservices.networking.istio.io"),
        QStringLiteral("destinationrules.networking.istio.io"),
        QStringLiteral("gateways.networking.istio.io"),
        QStringLiteral("serviceentries.networking.istio.io"),
    };
    for (const QString &kind : kinds) {
        const ApiResource *resource = (*session)->discovery.find(kind);
        if (!resource)
            continue; // no Istio on this cluster: no such badges
        const auto listed = listObjects(**session, resource->ref);
        if (!listed)
            return listed.error();
        for (const KubeObject &item : *listed) {
            md::istio::Value v = md::istio::Value::fromJson(item.toJson());
            if (kind == u"pods")
                config.pods << v;
            else if (kind == u"services")
                config.services << v;
            else {
                if (v.value(QStringLiteral("kind")).toString().isEmpty())
                    v.insert(QStringLiteral("kind"), resource->ref.kind);
                config.istioObjects << v;
            }
        }
    }
    return {};
}

} // namespace

int runTopology(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        Tr::tr("meshdesk-cli topology: the service topology graph from Prometheus."));
    const QCommandLineOption prometheus(
        QStringLiteral("prometheus"),
        Tr::tr("URL of the Prometheus-compatible API (Prometheus, Thanos, Mimir, "
               "VictoriaMetrics)."),
        Tr::tr("url"));
    const QCommandLineOption graphType(QStringLiteral("graph-type"),
                                       Tr::tr("workload (default), app, versionedApp or service."),
                                       Tr::tr("type"), QStringLiteral("workload"));
    const QCommandLineOption ns({QStringLiteral("n"), QStringLiteral("namespace")},
                                Tr::tr("Keep this namespace's nodes and their direct callers and "
                                       "callees (repeatable; default: every namespace)."),
                                Tr::tr("namespace"));
    const QCommandLineOption cluster(QStringLiteral("cluster"),
                                     Tr::tr("Keep this cluster's nodes (repeatable)."),
                                     Tr::tr("cluster"));
    const QCommandLineOption time(QStringLiteral("time"),
                                  Tr::tr("The graph's time: unix seconds or RFC 3339 (default: "
                                         "now)."),
                                  Tr::tr("time"));
    const QCommandLineOption duration(
        QStringLiteral("duration"),
        Tr::tr("The window the rates are averaged over: seconds or 30s, 10m, 2h, 1d (default "
               "10m)."),
        Tr::tr("duration"), QStringLiteral("10m"));
    const QCommandLineOption idle(QStringLiteral("idle"),
                                  Tr::tr("Include idle edges and (with a kubeconfig) unused "
                                         "workloads."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    Tr::tr("json (default) or dot."), Tr::tr("format"),
                                    QStringLiteral("json"));
    const QCommandLineOption token(QStringLiteral("token"), Tr::tr("Bearer token for Prometheus."),
                                   Tr::tr("token"));
    const QCommandLineOption insecure(QStringLiteral("insecure-skip-tls-verify"),
                                      Tr::tr("Do not verify Prometheus' TLS certificate."));
    const QCommandLineOption kubeconfig(
        QStringLiteral("kubeconfig"),
        Tr::tr("Badges from this kubeconfig's cluster (the mesh's control plane)."),
        Tr::tr("file"));
    const QCommandLineOption context(QStringLiteral("context"),
                                     Tr::tr("The kubeconfig context for badges."), Tr::tr("name"));
    parser.addHelpOption();
    parser.addOptions({prometheus, graphType, ns, cluster, time, duration, idle, output, token,
                       insecure, kubeconfig, context});

    auto usage = [&](const QString &message) {
        err << Tr::tr("meshdesk-cli topology: %1").arg(message) << '\n';
        return UsageError;
    };
    if (!parser.parse(QStringList {QStringLiteral("meshdesk-cli topology")} + arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(
            Tr::tr("unexpected arguments \"%1\"").arg(parser.positionalArguments().join(u' ')));
    if (!parser.isSet(prometheus))
        return usage(Tr::tr("--prometheus URL is required"));
    const QUrl url(parser.value(prometheus), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
        || url.host().isEmpty())
        return usage(
            Tr::tr("--prometheus: \"%1\" is not an http(s) URL").arg(parser.value(prometheus)));
    TopologyOptions options;
    const auto type = graphTypeFromName(parser.value(graphType));
    if (!type)
        return usage(Tr::tr("--graph-type: unknown graph type \"%1\" (use workload, app, "
                            "versionedApp or service)")
                         .arg(parser.value(graphType)));
    options.graphType = *type;
    options.namespaces = parser.values(ns);
    options.clusters = parser.values(cluster);
    if (parser.isSet(time)) {
        const auto t = parseTime(parser.value(time));
        if (!t)
            return usage(Tr::tr("--time: \"%1\" is neither unix seconds nor an RFC 3339 time")
                             .arg(parser.value(time)));
        options.time = *t;
    } else {
        options.time = QDateTime::currentDateTimeUtc();
    }
    const auto window = parseDuration(parser.value(duration));
    if (!window)
        return usage(Tr::tr("--duration: \"%1\" is not a duration like 600, 30s, 10m, 2h or 1d")
                         .arg(parser.value(duration)));
    options.duration = *window;
    options.includeIdle = parser.isSet(idle);
    const QString format = parser.value(output);
    if (format != u"json" && format != u"dot")
        return usage(Tr::tr("-o: unknown output format \"%1\" (use json or dot)").arg(format));

    LiveConfig live;
    if (parser.isSet(kubeconfig) || parser.isSet(context)) {
        const QString error
            = readLiveConfig(parser.value(kubeconfig), parser.value(context), live, err);
        if (!error.isEmpty()) {
            err << Tr::tr("meshdesk-cli topology: badges: %1").arg(error) << '\n';
            return Failure;
        }
    }

    PrometheusConfig config;
    config.url = url;
    config.bearerToken = parser.value(token);
    config.insecureSkipTlsVerify = parser.isSet(insecure);
    PrometheusClient client(config);
    TopologyLoader loader(&client);
    loader.setLiveConfig(live);
    std::optional<Graph> graph;
    QString failure;
    QEventLoop loop;
    QObject::connect(&loader, &TopologyLoader::graphReady, &loop, [&](const Graph &g) {
        graph = g;
        loop.quit();
    });
    QObject::connect(&loader, &TopologyLoader::failed, &loop, [&](const QString &error) {
        failure = error;
        loop.quit();
    });
    loader.load(options);
    if (!graph && failure.isEmpty())
        loop.exec();
    if (!graph) {
        err << Tr::tr("meshdesk-cli topology: %1").arg(failure) << '\n';
        return Failure;
    }
    for (const QString &warning : std::as_const(graph->warnings))
        err << Tr::tr("Warning: %1").arg(warning) << '\n';
    out << QString::fromUtf8(format == u"dot" ? graphToDot(*graph) : graphToJson(*graph));
    return Success;
}

} // namespace md::cli
