#pragma once

// The panel beside the topology that describes the selected node or edge: kind, place, health
// and its reasons, traffic figures, badges, small charts of rate, 5xx and latency over the
// selected time range (range queries), and the related VirtualServices, DestinationRules and
// Gateways from the live caches, which open in the policy editors.

#include "telemetry/metricqueries.h"
#include "telemetry/prometheusclient.h"
#include "telemetry/topologygraph.h"
#include "topology/relatedconfig.h"

#include <QPointer>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace md::mesh {
class SelectedMesh;
}
namespace md::telemetry {
class PrometheusClient;
}

namespace md::ui {
class Navigator;
class Sparkline;
} // namespace md::ui

namespace md::ui::topology {

// The metrics selection of a node: inbound traffic (outbound for a pure traffic source).
md::telemetry::MetricTarget metricTargetForNode(const md::telemetry::Node &node);
// The traffic of an edge: the target's inbound requests from the source.
md::telemetry::MetricTarget metricTargetForEdge(const md::telemetry::Node &source,
                                                const md::telemetry::Node &target);
// The arguments of the "monitor.metrics" page for a node (level, namespace, name, cluster);
// empty when the node has no dashboard (unknown source).
QVariantMap dashboardArguments(const md::telemetry::Node &node);

class TopologySidePanel final : public QWidget
{
    Q_OBJECT

public:
    TopologySidePanel(md::mesh::SelectedMesh *mesh, Navigator *navigator,
                      QWidget *parent = nullptr);

    void setClient(md::telemetry::PrometheusClient *client) { m_client = client; }
    // Shows a node or edge of `graph`; clear() shows the hint.
    void showNode(const md::telemetry::Graph &graph, const QString &nodeId);
    void showEdge(const md::telemetry::Graph &graph, const QString &edgeId);
    void clear();
    QString shownId() const { return m_shownId; }

    QList<Sparkline *> sparklines() const { return m_sparklines; }
    QList<RelatedObject> relatedObjects() const { return m_related; }
    QString titleText() const;
    QString healthText() const;

signals:
    void showNeighboursRequested(const QString &nodeId);
    void dashboardRequested(const QVariantMap &arguments);
    // The related objects were looked up (tests wait for it).
    void relatedReady();
    void chartsReady();

private:
    void reset(const QString &title, const QString &subtitle);
    void addHealth(md::telemetry::Health health, const QList<md::telemetry::HealthReason> &reasons);
    void addFacts(const QList<std::pair<QString, QString>> &facts);
    void addCharts(const md::telemetry::MetricTarget &target, bool tcp);
    void addRelated(const md::telemetry::Node &node);
    void openObject(int index);

    md::mesh::SelectedMesh *m_mesh = nullptr; // Not owned; may be null.
    Navigator *m_navigator = nullptr; // Not owned; may be null.
    QPointer<md::telemetry::PrometheusClient> m_client;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_content = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_health = nullptr;
    QList<Sparkline *> m_sparklines;
    QList<RelatedObject> m_related;
    QString m_shownId;
    quint64 m_generation = 0;
    int m_pendingCharts = 0;
};

} // namespace md::ui::topology
