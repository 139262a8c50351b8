// Start to first window: runs `meshdesk --quit-after-startup` repeatedly and prints the time
// from process start to the window being shown (measured inside the process from main()) and
// the whole process wall time. Goal (DESIGN.md): < 0.5 s. Figures only; nothing is asserted.

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 10;
    QTemporaryDir config;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());

    std::vector<double> inside;
    std::vector<double> wall;
    for (int i = 0; i < runs + 1; ++i) {
        QProcess process;
        process.setProcessEnvironment(env);
        QElapsedTimer timer;
        timer.start();
        process.start(QStringLiteral(MESHDESK_BINARY), {QStringLiteral("--quit-after-startup")});
        if (!process.waitForFinished(30000) || process.exitCode() != 0) {
            std::fprintf(stderr, "bench_startup: meshdesk failed: %s\n",
                         process.readAllStandardError().constData());
            return 1;
        }
        const double total = double(timer.nsecsElapsed()) / 1e6;
        const QByteArray out = process.readAllStandardOutput();
        const qsizetype at = out.indexOf("startup_ms ");
        if (at < 0) {
            std::fprintf(stderr, "bench_startup: no startup_ms in output\n");
            return 1;
        }
        if (i == 0)
            continue; // warm-up: page cache, font cache
        inside.push_back(out.mid(at + 11).trimmed().toDouble());
        wall.push_back(total);
    }
    std::sort(inside.begin(), inside.end());
    std::sort(wall.begin(), wall.end());
    std::printf("start to first window (main() to shown), %d runs: median %.1f ms, min %.1f ms, "
                "max %.1f ms\n",
                runs, inside[inside.size() / 2], inside.front(), inside.back());
    std::printf("whole process (exec to exit), %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n",
                runs, wall[wall.size() / 2], wall.front(), wall.back());
    return 0;
}
