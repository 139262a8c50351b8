#include "meshsimprocess.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace md::testing {

QString CommandResult::describe() const
{
    return u"exit "_s + QString::number(exitCode) + u"\nstdout:\n"_s + QString::fromUtf8(out)
        + u"\nstderr:\n"_s + QString::fromUtf8(err);
}

MeshsimProcess::MeshsimProcess() = default;

MeshsimProcess::~MeshsimProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString MeshsimProcess::meshsimPath()
{
    const QString fromEnv = qEnvironmentVariable("MESHSIM_BIN");
    return fromEnv.isEmpty() ? QStringLiteral(MESHSIM_BIN) : fromEnv;
}

QString MeshsimProcess::kubectlPath()
{
    return QStandardPaths::findExecutable(u"kubectl"_s);
}

QString MeshsimProcess::start(const QStringList &extraArgs, int timeoutMs)
{
    if (!m_dir.isValid())
        return u"cannot create a temporary directory"_s;
    m_kubeconfig = m_dir.filePath(u"kubeconfig.yaml"_s);
    m_process = std::make_unique<QProcess>();
    m_process->setWorkingDirectory(m_dir.path());
    m_process->setProgram(meshsimPath());
    m_process->setArguments(QStringList {u"--kubeconfig"_s, m_kubeconfig} + extraArgs);
    // The child goes when the test goes, even when the test is killed.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return u"meshsim did not start: "_s + m_process->errorString();
    QDeadlineTimer deadline(timeoutMs);
    QByteArray out;
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(200)) {
            while (m_process->canReadLine()) {
                const QByteArray line = m_process->readLine().trimmed();
                out += line + '\n';
                if (line.startsWith("meshsim ready: ")) {
                    m_readyLine = QString::fromUtf8(line);
                    return {};
                }
            }
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    m_stderr += m_process->readAllStandardError();
    return u"meshsim did not become ready (state "_s + QString::number(m_process->state())
        + u"): "_s + QString::fromUtf8(out + m_stderr);
}

int MeshsimProcess::stop()
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(15000))
            return -1;
    }
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

QByteArray MeshsimProcess::stderrOutput()
{
    if (m_process)
        m_stderr += m_process->readAllStandardError();
    return m_stderr;
}

CommandResult MeshsimProcess::kubectl(const QStringList &args, const QByteArray &input,
                                      int timeoutMs) const
{
    CommandResult result;
    const QString program = kubectlPath();
    if (program.isEmpty()) {
        result.err = "kubectl is not installed";
        return result;
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"KUBECONFIG"_s, m_kubeconfig);
    env.insert(u"HOME"_s, m_dir.path()); // a private discovery cache per fixture
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        result.err = p.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    result.finished = p.waitForFinished(timeoutMs);
    if (!result.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.out = p.readAllStandardOutput();
    result.err = p.readAllStandardError();
    return result;
}

} // namespace md::testing
