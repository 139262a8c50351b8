// Builds the topology graph from 10,000 Prometheus series (istio_requests_total as the
// builder's mesh-wide query returns it, both reporters) of a generated mesh: 2 clusters,
// 40 namespaces, 1,000 workloads behind 500 services. Prints the time to parse the answer
// (simdjson, PrometheusClient::parseResponse) and to build the graph, for each graph type.
// Goal (README): parse + build < 50 ms.
//   bench_graphbuild [--series N] [--runs N]

#include "telemetry/prometheusclient.h"
#include "telemetry/topologybuilder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace md::telemetry;

namespace {

QByteArray generate(int seriesWanted, int *seriesOut)
{
    QRandomGenerator rng(42);
    const int namespaces = 40, workloadsPerService = 2;
    const int services = 500;
    const char *codes[] = {"200", "200", "200", "404", "503"};
    QByteArray body;
    body.reserve(seriesWanted * 900);
    body += R"({"status":"success","data":{"resultType":"vector","result":[)";
    int count = 0;
    auto workload = [&](int service, int version) {
        return std::tuple<QByteArray, QByteArray, QByteArray, QByteArray> {
            QByteArray(service % 3 == 0 ? "c2" : "c1"),
            QByteArray("ns-") + QByteArray::number(service % namespaces),
            QByteArray("svc-") + QByteArray::number(service),
            QByteArray("v") + QByteArray::number(version + 1)};
    };
    for (int caller = 0; count < seriesWanted; caller = (caller + 1) % services) {
        const int version = int(rng.bounded(workloadsPerService));
        const int target = int(rng.bounded(services));
        const auto [sc, sns, sapp, sver] = workload(caller, version);
        const int tv = int(rng.bounded(workloadsPerService));
        const auto [dc, dns, dapp, dver] = workload(target, tv);
        const QByteArray code = codes[rng.bounded(5)];
        const QByteArray value = QByteArray::number(rng.bounded(100.0), 'f', 3);
        for (const char *reporter : {"source", "destination"}) {
            if (count > 0)
                body += ',';
            body += R"({"metric":{"reporter":")" + QByteArray(reporter) + R"(","source_cluster":")"
                + sc + R"(","source_workload_namespace":")" + sns + R"(","source_workload":")"
                + sapp + '-' + sver + R"(","source_canonical_service":")" + sapp
                + R"(","source_canonical_revision":")" + sver + R"(","destination_cluster":")" + dc
                + R"(","destination_service_namespace":")" + dns + R"(","destination_service":")"
                + dapp + '.' + dns + R"(.svc.cluster.local","destination_service_name":")" + dapp
                + R"(","destination_workload_namespace":")" + dns + R"(","destination_workload":")"
                + dapp + '-' + dver + R"(","destination_canonical_service":")" + dapp
                + R"(","destination_canonical_revision":")" + dver
                + R"(","request_protocol":"http","response_code":")" + code
                + R"(","response_flags":"-"},"value":[1700000000,")" + value + R"("]})";
            ++count;
        }
    }
    body += "]}}";
    *seriesOut = count;
    return body;
}

// CPU time of this thread in ms: the machine may be shared, wall time then overstates.
double cpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int wanted = 10000, runs = 15;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--series"))
            wanted = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
    }
    int series = 0;
    const QByteArray body = generate(wanted, &series);
    std::printf("answer: %d series, %.1f MB of JSON; median of %d runs\n", series,
                double(body.size()) / 1e6, runs);
    QList<double> parse, parseCpu;
    QueryResult parsed;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const double c = cpuMs();
        auto r = PrometheusClient::parseResponse(body, 200, QStringLiteral("bench"));
        parse << double(t.nsecsElapsed()) / 1e6;
        parseCpu << cpuMs() - c;
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
        parsed = std::move(r).value();
    }
    std::printf("%-14s %8s %8s %8s %8s %8s   (cpu: parse build total)\n", "graph type", "parse",
                "build", "total", "nodes", "edges");
    for (GraphType type :
         {GraphType::Workload, GraphType::App, GraphType::VersionedApp, GraphType::Service}) {
        TopologyOptions options;
        options.graphType = type;
        const TopologyAnswers answers {{TopologyMetric::Requests, parsed}};
        QList<double> build, buildCpu;
        Graph g;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer t;
            t.start();
            const double c = cpuMs();
            Graph built = buildGraph(answers, options);
            build << double(t.nsecsElapsed()) / 1e6;
            buildCpu << cpuMs() - c;
            std::swap(g, built); // the previous graph is freed outside the measurement
        }
        std::printf("%-14s %6.1fms %6.1fms %6.1fms %8lld %8lld   (%.1f %.1f %.1f ms)\n",
                    qPrintable(graphTypeName(type)), median(parse), median(build),
                    median(parse) + median(build), qlonglong(g.nodes.size()),
                    qlonglong(g.edges.size()), median(parseCpu), median(buildCpu),
                    median(parseCpu) + median(buildCpu));
    }
    std::printf("goal: parse + build < 50 ms\n");
    return 0;
}
