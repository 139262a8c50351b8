#pragma once

// Test helper: md::demo::PrometheusRunner (the one `meshdesk --demo` uses), waited on
// synchronously, plus PromQL queries.

#include "demo/prometheusrunner.h"

#include <QJsonObject>
#include <QString>

namespace md::testing {

class PrometheusProcess
{
public:
    // Returns an empty string or what went wrong.
    QString start(const QString &metricsUrl, const QString &scrapeInterval = QStringLiteral("1s"),
                  int timeoutMs = 60000);
    int stop() { return m_runner.stop(); }
    QString url() const { return m_runner.url(); }

    // /api/v1/query; returns the "data" object ({resultType, result}) or an empty object.
    QJsonObject query(const QString &promql);

    static QString prometheusPath() { return md::demo::findPrometheus(); }

private:
    md::demo::PrometheusRunner m_runner;
};

} // namespace md::testing
