// bench_layout: md::graph::layout against Graphviz dot on the same synthetic mesh graphs, in the
// same run. Prints times and crossings (straight segments between node centres, counted by the
// same function for both), and the stability of a refresh. Figures only, never asserted.
//
//   bench_layout [--sizes 200,1000,3000] [--repeat 3] [--no-dot] [--write-json DIR] [--seed N]

#include "meshgraph.h"

#include "graph/layout.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include <sys/resource.h>

using namespace md;

namespace {

double threadCpuMs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double childrenCpuMs()
{
    rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

struct DotRun
{
    bool ok = false;
    QString error;
    double ms = 0;
    double cpuMs = 0;
    long long crossings = 0;
};

DotRun runDot(const graph::LayoutInput &input, const QString &dotPath, const QString &dir)
{
    DotRun run;
    const QString file = dir + QStringLiteral("/graph.gv");
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly)) {
        run.error = f.errorString();
        return run;
    }
    f.write(bench::toDot(input));
    f.close();
    QProcess dot;
    QElapsedTimer timer;
    timer.start();
    const double cpuBefore = childrenCpuMs();
    dot.start(dotPath, {QStringLiteral("-Tplain"), file});
    if (!dot.waitForFinished(3600000) || dot.exitStatus() != QProcess::NormalExit
        || dot.exitCode() != 0) {
        run.error = QStringLiteral("dot failed: ") + QString::fromUtf8(dot.readAllStandardError());
        return run;
    }
    run.ms = timer.nsecsElapsed() / 1e6;
    run.cpuMs = childrenCpuMs() - cpuBefore;
    // -Tplain: "node NAME X Y WIDTH HEIGHT ...", centres in inches.
    graph::LayoutResult result;
    result.nodes.resize(input.nodes.size());
    int placed = 0;
    for (const QByteArray &line : dot.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("node "))
            continue;
        const QList<QByteArray> f = line.split(' ');
        if (f.size() < 6 || !f[1].startsWith('n'))
            continue;
        const int index = f[1].mid(1).toInt();
        if (index < 0 || index >= int(result.nodes.size()))
            continue;
        result.nodes[index].x = f[2].toDouble();
        result.nodes[index].y = f[3].toDouble();
        ++placed;
    }
    if (placed != int(input.nodes.size())) {
        run.error = QStringLiteral("dot placed %1 of %2 nodes").arg(placed).arg(input.nodes.size());
        return run;
    }
    run.crossings = graph::countCrossings(result, input);
    run.ok = true;
    return run;
}

struct Timing
{
    double wallMs = 1e300;
    double cpuMs = 1e300;
};

// Best of `repeat` runs, wall-clock and CPU time of this thread.
Timing timeLayout(const graph::LayoutInput &input, int repeat, graph::LayoutResult &result,
                  const graph::LayoutResult *previous = nullptr)
{
    Timing best;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = threadCpuMs();
        result = graph::layout(input, previous);
        best.cpuMs = std::min(best.cpuMs, threadCpuMs() - cpu);
        best.wallMs = std::min(best.wallMs, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

graph::LayoutInput withoutBoxes(graph::LayoutInput input)
{
    for (auto &node : input.nodes)
        node.boxPath.clear();
    return input;
}

// A refresh: a few nodes gone (with their edges), a few new ones calling existing services.
graph::LayoutInput refreshed(const graph::LayoutInput &input, int changes)
{
    const int n = int(input.nodes.size());
    std::vector<char> drop(n, 0);
    for (int k = 0; k < changes; ++k)
        drop[(n / 3 + k * 7919) % n] = 1;
    graph::LayoutInput out;
    out.options = input.options;
    std::vector<int> remap(n, -1);
    for (int v = 0; v < n; ++v)
        if (!drop[v]) {
            remap[v] = int(out.nodes.size());
            out.nodes.push_back(input.nodes[v]);
        }
    for (const auto &e : input.edges)
        if (remap[e.source] >= 0 && remap[e.target] >= 0)
            out.edges.push_back({remap[e.source], remap[e.target]});
    const int kept = int(out.nodes.size());
    for (int k = 0; k < changes; ++k) {
        graph::LayoutNode node = out.nodes[(k * 104729) % kept];
        node.id += QStringLiteral("-canary");
        out.nodes.push_back(node);
        const int v = int(out.nodes.size()) - 1;
        out.edges.push_back({(k * 31 + 5) % kept, v});
        out.edges.push_back({v, (k * 131 + 11) % kept});
    }
    return out;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(f.readAll().split(' ').mid(0, 3).join(' '));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QStringList args = app.arguments().mid(1);
    QList<int> sizes {200, 1000, 3000};
    int repeat = 3;
    bool withDot = true;
    QString jsonDir;
    quint64 seed = 1; // the graphs of the README's table
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--sizes") && i + 1 < args.size()) {
            sizes.clear();
            for (const QString &s : args[++i].split(QLatin1Char(',')))
                sizes << s.toInt();
        } else if (args[i] == QLatin1String("--repeat") && i + 1 < args.size()) {
            repeat = std::max(1, args[++i].toInt());
        } else if (args[i] == QLatin1String("--no-dot")) {
            withDot = false;
        } else if (args[i] == QLatin1String("--seed") && i + 1 < args.size()) {
            seed = args[++i].toULongLong();
        } else if (args[i] == QLatin1String("--write-json") && i + 1 < args.size()) {
            jsonDir = args[++i];
        } else {
            fprintf(stderr,
                    "usage: bench_layout [--sizes 200,1000,3000] [--repeat N] [--no-dot] "
                    "[--write-json DIR] [--seed N]\n");
            return 2;
        }
    }
    const QString dotPath = QStandardPaths::findExecutable(QStringLiteral("dot"));
    if (withDot && dotPath.isEmpty()) {
        fprintf(stderr, "bench_layout: Graphviz dot not found in PATH (or pass --no-dot)\n");
        return 1;
    }
    QTemporaryDir tmp;

    out << "md::graph::layout vs Graphviz dot -Tplain, same graphs, same run. Times in ms, wall "
           "clock / CPU (md::graph: best of "
        << repeat
        << "; dot: one run, CPU of the child process). Crossings: straight segments between node "
           "centres, counted by the same function for both.\n";
    out << QStringLiteral("%1 %2 | %3 %4 | %5 %6 | %7 | %8 %9\n")
               .arg(QStringLiteral("nodes"), 6)
               .arg(QStringLiteral("edges"), 6)
               .arg(QStringLiteral("md wall/cpu"), 15)
               .arg(QStringLiteral("md cross"), 9)
               .arg(QStringLiteral("dot wall/cpu"), 17)
               .arg(QStringLiteral("dot cross"), 9)
               .arg(QStringLiteral("speedup (cpu)"), 13)
               .arg(QStringLiteral("boxed wall/cpu"), 15)
               .arg(QStringLiteral("boxed cross"), 11);
    out.flush();
    struct Stability
    {
        int nodes;
        double warm, cold;
        long long warmCrossings, coldCrossings;
    };
    QList<Stability> stability;
    for (int size : sizes) {
        const bench::MeshGraph mesh = bench::generateMeshGraph(size, seed);
        const graph::LayoutInput boxed = mesh.input;
        const graph::LayoutInput flat = withoutBoxes(boxed);
        if (!jsonDir.isEmpty()) {
            QDir().mkpath(jsonDir);
            QFile f(jsonDir + QStringLiteral("/mesh-%1.json").arg(size));
            if (f.open(QIODevice::WriteOnly))
                f.write(bench::toJson(boxed, true));
        }
        graph::LayoutResult flatResult, boxedResult;
        const Timing flatTime = timeLayout(flat, repeat, flatResult);
        const long long flatCross = graph::countCrossings(flatResult, flat);
        const Timing boxedTime = timeLayout(boxed, repeat, boxedResult);
        const long long boxedCross = graph::countCrossings(boxedResult, boxed);
        DotRun dot;
        if (withDot)
            dot = runDot(flat, dotPath, tmp.path());
        auto pair = [](double wall, double cpu) {
            return QStringLiteral("%1/%2").arg(wall, 0, 'f', 1).arg(cpu, 0, 'f', 1);
        };
        out << QStringLiteral("%1 %2 | %3 %4 | ")
                   .arg(size, 6)
                   .arg(flat.edges.size(), 6)
                   .arg(pair(flatTime.wallMs, flatTime.cpuMs), 15)
                   .arg(flatCross, 9);
        if (dot.ok)
            out << QStringLiteral("%1 %2 | %3 | ")
                       .arg(pair(dot.ms, dot.cpuMs), 17)
                       .arg(dot.crossings, 9)
                       .arg(QStringLiteral("%1x (%2x)")
                                .arg(dot.ms / flatTime.wallMs, 0, 'f', 1)
                                .arg(dot.cpuMs / flatTime.cpuMs, 0, 'f', 1),
                            13);
        else
            out << QStringLiteral("%1 %2 | %3 | ")
                       .arg(withDot ? QStringLiteral("error") : QStringLiteral("-"), 17)
                       .arg(QStringLiteral("-"), 9)
                       .arg(QStringLiteral("-"), 13);
        out << QStringLiteral("%1 %2\n")
                   .arg(pair(boxedTime.wallMs, boxedTime.cpuMs), 15)
                   .arg(boxedCross, 11);
        if (withDot && !dot.ok)
            out << "  dot: " << dot.error << '\n';
        out.flush();

        // Stability: a refresh with 3 nodes removed and 3 added, laid out with the previous
        // result (warm) and without it (cold), both on the boxed graph.
        const graph::LayoutInput next = refreshed(boxed, 3);
        graph::LayoutResult warm, cold;
        warm = graph::layout(next, &boxedResult);
        cold = graph::layout(next);
        stability << Stability {size, 100.0 * graph::meanDisplacement(boxedResult, warm),
                                100.0 * graph::meanDisplacement(boxedResult, cold),
                                graph::countCrossings(warm, next),
                                graph::countCrossings(cold, next)};
    }
    out << "\nStability: 3 nodes removed and 3 added (boxed graph); mean displacement of the "
           "unchanged nodes, % of the drawing's width\n";
    for (const Stability &s : stability)
        out << QStringLiteral("%1 nodes: with the previous layout %2 % (%3 crossings), without "
                              "%4 % (%5 crossings)\n")
                   .arg(s.nodes, 6)
                   .arg(s.warm, 0, 'f', 2)
                   .arg(s.warmCrossings)
                   .arg(s.cold, 0, 'f', 2)
                   .arg(s.coldCrossings);
    out << "\nMachine: " << QThread::idealThreadCount() << " cores; load average " << loadAverage()
        << "\n";
    return 0;
}
