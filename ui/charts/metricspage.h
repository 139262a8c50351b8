#pragma once

// Monitor › Metrics: Istio's standard dashboards from the mesh's Prometheus at mesh, service and
// workload level, inbound or outbound: request volume, success rate (non-5xx), 4xx and 5xx
// rates, request duration, request and response sizes (P50/P90/P99), TCP bytes and
// connections; split by source, destination, version or response code; the time range and
// refresh interval are shared with the topology (MonitorSettings). Hover a line for its values;
// export every chart's data as CSV; open the same dashboard in Istio's Grafana when the mesh has
// a Grafana URL.

#include "core/result.h"
#include "shell/pagecontext.h"
#include "telemetry/metricqueries.h"

#include <QDateTime>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QTabBar;

namespace md::ui {

class MeshPrometheus;
class MonitorControls;
class MetricChart;

class MetricsPage final : public QWidget
{
    Q_OBJECT

public:
    MetricsPage(const PageContext &context, QWidget *parent = nullptr);
    ~MetricsPage() override;

    MeshPrometheus *prometheus() const { return m_prometheus; }
    const QList<MetricChart *> &charts() const { return m_charts; }
    QString stateText() const; // why there are no charts (empty when there are)
    md::telemetry::MetricTarget target() const;
    md::telemetry::MetricSplit split() const { return m_split; }
    void setSplit(md::telemetry::MetricSplit split);
    void setDirection(md::telemetry::MetricDirection direction);
    // Where Istio's Grafana is (empty: no link).
    void setGrafanaUrl(const QString &url);
    QUrl grafanaLink() const;
    // Names of namespaces / of objects of the current level seen in Prometheus.
    QStringList knownNamespaces() const;
    QStringList knownNames() const;
    bool isLoading() const { return m_pending > 0; }

    // Every chart's lines as CSV: chart,series,time (ISO 8601 UTC),value.
    QByteArray csv() const;
    Result<void> exportCsv(const QString &path) const;

public slots:
    void refresh();
    // {"level": "mesh"|"service"|"workload", "namespace", "name", "cluster"}
    void setPageArguments(const QVariantMap &arguments);

signals:
    // Every chart of a refresh has its answer (or error).
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Unit { Rate, Ratio, Ms, Bytes, BytesRate, Connections };
    struct Query
    {
        md::telemetry::MetricKind kind;
        std::optional<double> quantile;
        QString prefix; // line name prefix ("p99", "opened")
    };
    struct ChartSpec
    {
        QString title;
        Unit unit;
        QList<Query> queries;
    };
    void buildCharts();
    void retranslate();
    void onPrometheusChanged();
    void loadTargets();
    void fillNamespaces();
    void fillNames();
    void updateGrafana();
    void setLevel(const QString &level);

    PageContext m_context;
    MeshPrometheus *m_prometheus = nullptr;
    QComboBox *m_level = nullptr;
    QComboBox *m_namespace = nullptr;
    QComboBox *m_name = nullptr;
    QComboBox *m_cluster = nullptr;
    QTabBar *m_direction = nullptr;
    QComboBox *m_splitBox = nullptr;
    MonitorControls *m_controls = nullptr;
    QPushButton *m_csvButton = nullptr;
    QPushButton *m_grafanaButton = nullptr;
    QLabel *m_state = nullptr;
    QWidget *m_chartArea = nullptr;
    QGridLayout *m_grid = nullptr;
    QList<MetricChart *> m_charts;
    QList<ChartSpec> m_specs;
    md::telemetry::MetricSplit m_split = md::telemetry::MetricSplit::None;
    QString m_grafanaUrl;
    // Seen in Prometheus: level -> namespace -> names; and the clusters.
    QMap<QString, QMap<QString, QStringList>> m_known;
    QStringList m_knownClusters;
    QString m_shownKey; // what the charts show (object, split, range)
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_refreshQueued = false;
};

} // namespace md::ui
