#pragma once

// `meshdesk --demo`: starts meshsim (a simulated two-cluster mesh) and Debian's Prometheus
// scraping it, without blocking the caller, and stops both when it is stopped or destroyed.

#include "core/result.h"
#include "demo/prometheusrunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

class QProcess;

namespace md::demo {

struct DemoInfo
{
    QString kubeconfigPath; // meshsim's kubeconfig: one context per cluster (+ viewers)
    QString metricsUrl; // meshsim's Istio telemetry
    QString prometheusUrl; // http://127.0.0.1:PORT
};

// Where meshsim is: $MESHSIM_BIN, next to the application, the build tree's sim/, or PATH.
QString findMeshsim();

class DemoEnvironment final : public QObject
{
    Q_OBJECT

public:
    explicit DemoEnvironment(QObject *parent = nullptr);
    ~DemoEnvironment() override;

    void start();
    void stop();
    bool isRunning() const;
    const DemoInfo &info() const { return m_info; }

    std::chrono::milliseconds timeout {60000};

signals:
    void progress(const QString &text);
    void ready(const md::demo::DemoInfo &info);
    void failed(const QString &error);

private:
    void onMeshsimOutput();
    void fail(const QString &error);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_meshsim;
    PrometheusRunner *m_prometheus = nullptr; // Owned (child).
    QTimer m_deadline;
    QByteArray m_meshsimOutput;
    DemoInfo m_info;
    bool m_ready = false;
};

} // namespace md::demo
