#include "demo/prometheusrunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QUrl>

#include <csignal>
#include <sys/prctl.h>

namespace md::demo {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::demo)
};

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

QByteArray prometheusConfig(const QString &metricsUrl, const QString &scrapeInterval)
{
    QFile tmpl(QStringLiteral(":/demo/meshsim-prometheus.yml.in"));
    if (!tmpl.open(QIODevice::ReadOnly))
        return {};
    const QUrl metrics(metricsUrl);
    QByteArray config = tmpl.readAll();
    config.replace("@SCRAPE_INTERVAL@", scrapeInterval.toUtf8());
    config.replace("@METRICS_TARGET@",
                   (metrics.host() + QLatin1Char(':') + QString::number(metrics.port())).toUtf8());
    if (!metrics.path().isEmpty() && metrics.path() != QLatin1String("/metrics"))
        config.replace("metrics_path: /metrics",
                       QByteArray(QByteArray("metrics_path: ") + metrics.path().toUtf8()));
    return config;
}

QString findPrometheus()
{
    return QStandardPaths::findExecutable(QStringLiteral("prometheus"));
}

PrometheusRunner::PrometheusRunner(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(Tr::tr("prometheus did not become ready within %1 s").arg(timeout.count() / 1000));
    });
}

PrometheusRunner::~PrometheusRunner()
{
    stop();
}

void PrometheusRunner::start(const QString &metricsUrl, const QString &scrapeInterval)
{
    if (findPrometheus().isEmpty()) {
        fail(Tr::tr("prometheus is not installed; run scripts/install-deps.sh (Debian package "
                    "\"prometheus\")"));
        return;
    }
    const QByteArray config = prometheusConfig(metricsUrl, scrapeInterval);
    m_configPath = m_dir.filePath(QStringLiteral("prometheus.yml"));
    QFile out(m_configPath);
    if (!m_dir.isValid() || config.isEmpty() || !out.open(QIODevice::WriteOnly)
        || out.write(config) != config.size()) {
        fail(Tr::tr("cannot write %1").arg(m_configPath));
        return;
    }
    out.close();
    m_deadline.start(timeout);
    launch();
}

void PrometheusRunner::launch()
{
    const quint16 port = freePort();
    m_url = QStringLiteral("http://127.0.0.1:%1").arg(port);
    m_process = std::make_unique<QProcess>();
    // Prometheus goes when its parent goes, even when the parent is killed.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process.get(), &QProcess::finished, this, [this](int code) {
        const QString log = QString::fromUtf8(m_process->readAll()).trimmed();
        if (!m_ready && ++m_attempts < 3 && log.contains(QLatin1String("address already in use"))) {
            launch(); // the port was taken between the probe and the bind
            return;
        }
        fail(Tr::tr("prometheus exited with code %1: %2").arg(code).arg(log.right(500)));
    });
    m_process->start(
        findPrometheus(),
        {QStringLiteral("--config.file=") + m_configPath,
         QStringLiteral("--storage.tsdb.path=") + m_dir.filePath(QStringLiteral("data")),
         QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port),
         QStringLiteral("--log.level=warn")});
    poll();
}

void PrometheusRunner::poll()
{
    QNetworkReply *reply = m_nam->get(QNetworkRequest(QUrl(m_url + QStringLiteral("/-/ready"))));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!m_deadline.isActive() || m_ready)
            return;
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_ready = true;
            m_deadline.stop();
            emit ready(m_url);
            return;
        }
        QTimer::singleShot(200, this, &PrometheusRunner::poll);
    });
}

void PrometheusRunner::fail(const QString &error)
{
    const bool wasReady = m_ready;
    stop();
    emit failed(wasReady ? Tr::tr("prometheus stopped: %1").arg(error) : error);
}

int PrometheusRunner::stop()
{
    m_deadline.stop();
    m_ready = false;
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return m_process ? m_process->exitCode() : -1;
    m_process->disconnect(this);
    m_process->terminate();
    if (!m_process->waitForFinished(10000)) {
        m_process->kill();
        m_process->waitForFinished(3000);
        return -1;
    }
    return m_process->exitCode();
}

} // namespace md::demo
