#include "demo/demoenvironment.h"

#include "core/datafiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

namespace md::demo {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::demo)
};

void stopProcess(QProcess *process)
{
    if (!process || process->state() == QProcess::NotRunning)
        return;
    process->disconnect();
    process->terminate();
    if (!process->waitForFinished(10000)) {
        process->kill();
        process->waitForFinished(3000);
    }
}

void dieWithParent(QProcess *process)
{
    // The children go when MeshDesk goes, even when it is killed.
    process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

} // namespace

QString findMeshsim()
{
    const QString fromEnv = qEnvironmentVariable("MESHSIM_BIN");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString &candidate : {appDir.filePath(QStringLiteral("meshsim")),
                                     appDir.filePath(QStringLiteral("../sim/meshsim")),
                                     appDir.filePath(QStringLiteral("../../sim/meshsim"))}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("meshsim"));
}

DemoEnvironment::DemoEnvironment(QObject *parent)
    : QObject(parent)
    , m_prometheus(new PrometheusRunner(this))
{
    connect(m_prometheus, &PrometheusRunner::ready, this, [this](const QString &url) {
        m_info.prometheusUrl = url;
        m_ready = true;
        m_deadline.stop();
        emit progress(Tr::tr("Demo ready"));
        emit ready(m_info);
    });
    connect(m_prometheus, &PrometheusRunner::failed, this, &DemoEnvironment::fail);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(Tr::tr("the demo did not start within %1 s").arg(timeout.count() / 1000));
    });
}

DemoEnvironment::~DemoEnvironment()
{
    stop();
}

bool DemoEnvironment::isRunning() const
{
    return m_ready && m_prometheus->isReady() && m_meshsim
        && m_meshsim->state() == QProcess::Running;
}

void DemoEnvironment::start()
{
    const QString meshsim = findMeshsim();
    if (meshsim.isEmpty()) {
        fail(Tr::tr("meshsim was not found next to MeshDesk or on PATH; build it (scripts/run.sh "
                    "does) or set MESHSIM_BIN"));
        return;
    }
    if (findPrometheus().isEmpty()) {
        fail(Tr::tr("prometheus is not installed; run scripts/install-deps.sh (Debian package "
                    "\"prometheus\")"));
        return;
    }
    if (!m_dir.isValid()) {
        fail(Tr::tr("cannot create a temporary directory: %1").arg(m_dir.errorString()));
        return;
    }
    m_info.kubeconfigPath = m_dir.filePath(QStringLiteral("meshsim-kubeconfig.yaml"));
    QStringList args {QStringLiteral("--scenario"), QStringLiteral("demo"),
                      QStringLiteral("--kubeconfig"), m_info.kubeconfigPath};
    // Istio's real CRDs give the demo the API server's full validation, where they are at hand.
    const QString crds = md::istioCrdsPath();
    if (!crds.isEmpty())
        args << QStringLiteral("--crds") << crds;

    m_meshsim = std::make_unique<QProcess>();
    dieWithParent(m_meshsim.get());
    m_meshsim->setWorkingDirectory(m_dir.path());
    connect(m_meshsim.get(), &QProcess::readyReadStandardOutput, this,
            &DemoEnvironment::onMeshsimOutput);
    connect(m_meshsim.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError) {
        fail(Tr::tr("meshsim: %1").arg(m_meshsim->errorString()));
    });
    connect(m_meshsim.get(), &QProcess::finished, this, [this](int code) {
        const QString err = QString::fromUtf8(m_meshsim->readAllStandardError()).trimmed();
        fail(Tr::tr("meshsim exited with code %1: %2").arg(code).arg(err.right(500)));
    });
    emit progress(Tr::tr("Starting meshsim (a simulated two-cluster mesh)…"));
    m_deadline.start(timeout);
    m_meshsim->start(meshsim, args);
}

void DemoEnvironment::onMeshsimOutput()
{
    m_meshsimOutput += m_meshsim->readAllStandardOutput();
    const qsizetype at = m_meshsimOutput.indexOf("meshsim ready:");
    if (at < 0 || !m_info.metricsUrl.isEmpty())
        return;
    const qsizetype end = m_meshsimOutput.indexOf('\n', at);
    if (end < 0)
        return;
    const QString line = QString::fromUtf8(m_meshsimOutput.mid(at, end - at));
    for (const QString &part : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (part.startsWith(QLatin1String("kubeconfig=")))
            m_info.kubeconfigPath = part.mid(11);
        else if (part.startsWith(QLatin1String("metrics=")))
            m_info.metricsUrl = part.mid(8);
    }
    if (m_info.metricsUrl.isEmpty()) {
        fail(Tr::tr("meshsim's ready line names no metrics URL: %1").arg(line));
        return;
    }
    emit progress(Tr::tr("Starting Prometheus…"));
    m_prometheus->start(m_info.metricsUrl);
}

void DemoEnvironment::fail(const QString &error)
{
    m_deadline.stop();
    const bool wasReady = m_ready;
    m_ready = false;
    stop();
    emit failed(wasReady ? Tr::tr("the demo stopped: %1").arg(error) : error);
}

void DemoEnvironment::stop()
{
    m_deadline.stop();
    m_prometheus->stop();
    stopProcess(m_meshsim.get());
    m_ready = false;
}

} // namespace md::demo
