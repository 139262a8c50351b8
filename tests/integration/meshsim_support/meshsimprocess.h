#pragma once

// Test fixture: runs the real meshsim executable, waits for its ready line and runs real
// kubectl against it. Used by the meshsim integration tests.

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace md::testing {

struct CommandResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    bool finished = false;
    QString describe() const;
};

class MeshsimProcess
{
public:
    MeshsimProcess();
    ~MeshsimProcess();

    // Starts meshsim with `extraArgs` (plus --kubeconfig in a temporary directory) and
    // waits for "meshsim ready: ...". Returns an empty string or the failure.
    QString start(const QStringList &extraArgs, int timeoutMs = 60000);
    // SIGTERM and wait; returns the exit code (-1 when it did not exit in time).
    int stop();

    QString kubeconfig() const { return m_kubeconfig; }
    QString readyLine() const { return m_readyLine; }
    QString workDir() const { return m_dir.path(); }
    QByteArray stderrOutput();

    // Runs kubectl with this meshsim's kubeconfig.
    CommandResult kubectl(const QStringList &args, const QByteArray &input = {},
                          int timeoutMs = 60000) const;

    static QString meshsimPath();
    static QString kubectlPath(); // empty when kubectl is not installed

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QString m_kubeconfig;
    QString m_readyLine;
    QByteArray m_stderr;
};

} // namespace md::testing
