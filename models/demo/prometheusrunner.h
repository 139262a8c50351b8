#pragma once

// Runs Debian's `prometheus` on a free loopback port with a temporary storage directory,
// scraping one meshsim metrics URL (with meshsim's configuration template), and stops it
// cleanly. Asynchronous: used by `meshdesk --demo` and, waited on, by the tests.

#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <chrono>
#include <memory>

class QNetworkAccessManager;
class QProcess;

namespace md::demo {

// The Prometheus configuration for scraping meshsim (the template ships with meshsim).
QByteArray prometheusConfig(const QString &metricsUrl,
                            const QString &scrapeInterval = QStringLiteral("5s"));
QString findPrometheus();

class PrometheusRunner final : public QObject
{
    Q_OBJECT

public:
    explicit PrometheusRunner(QObject *parent = nullptr);
    ~PrometheusRunner() override;

    void start(const QString &metricsUrl, const QString &scrapeInterval = QStringLiteral("5s"));
    // Stops Prometheus (SIGTERM, then SIGKILL after 10 s); returns its exit code or -1.
    int stop();
    bool isReady() const { return m_ready; }
    QString url() const { return m_url; }

    std::chrono::milliseconds timeout {60000};

signals:
    void ready(const QString &url);
    void failed(const QString &error);

private:
    void launch();
    void poll();
    void fail(const QString &error);

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager *m_nam = nullptr;
    QTimer m_deadline;
    QString m_configPath;
    QString m_url;
    int m_attempts = 0;
    bool m_ready = false;
};

} // namespace md::demo
