#pragma once

#include "services/meshsummary.h"
#include "shell/pagecontext.h"

#include <QFutureWatcher>
#include <QHash>
#include <QVariantMap>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace md::ui {

class MeshMetricStrip;
class OverviewCard;
class PageRegistry;

// Adds the Mesh overview page (overview).
void registerOverviewPages(PageRegistry &registry);

// The selected mesh at a glance, live from its caches, connections and checks: cards for
// clusters (healthy/total), services (healthy/total by their diagnosis), workloads and pods
// (injected/total, sidecar versions), ingress and egress gateways, Istio versions per
// cluster and policies per kind with their live-check problems; each card opens its page,
// filtered. The metric strip when the mesh has Prometheus. With several kept meshes, the
// list of meshes (name, type, status, Istio version, control plane, clusters healthy/total,
// injected pods/total) with Select, Edit and Remove.
class OverviewPage final : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewPage(const PageContext &context, QWidget *parent = nullptr);
    ~OverviewPage() override;

    OverviewCard *card(const QString &id) const { return m_cards.value(id); }
    QStringList cardIds() const { return m_order; }
    MeshMetricStrip *metricStrip() const { return m_strip; }
    QLabel *metricsNote() const { return m_metricsNote; }
    QTableWidget *meshTable() const { return m_meshes; }
    QWidget *meshList() const { return m_meshList; }
    QPushButton *selectMeshButton() const { return m_selectMesh; }
    QPushButton *editMeshButton() const { return m_editMesh; }
    QPushButton *removeMeshButton() const { return m_removeMesh; }
    QLabel *titleLabel() const { return m_title; }
    QString subtitleText() const;
    const md::services::MeshSummary &summary() const { return m_summary; }
    int updates() const { return m_updates; } // summaries applied so far
    bool isUpdating() const { return m_watcher.isRunning() || m_again; }

public slots:
    void refresh();
    void selectMesh();
    void editMesh();
    void removeMesh();

signals:
    void updated();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Outcome
    {
        QList<md::services::MeshService> services;
        md::services::MeshSummary summary;
    };
    void onResult();
    void openCard(const QString &id);
    void updateCards();
    void updateMeshes();
    void updateMetrics();
    void retranslate();
    QString selectedMeshName() const;

    PageContext m_context;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QHash<QString, OverviewCard *> m_cards;
    QStringList m_order;
    MeshMetricStrip *m_strip = nullptr;
    QLabel *m_metricsTitle = nullptr;
    QLabel *m_metricsNote = nullptr;
    QWidget *m_meshList = nullptr;
    QLabel *m_meshListTitle = nullptr;
    QTableWidget *m_meshes = nullptr;
    QPushButton *m_selectMesh = nullptr;
    QPushButton *m_editMesh = nullptr;
    QPushButton *m_removeMesh = nullptr;
    QFutureWatcher<Outcome> m_watcher;
    bool m_again = false;
    int m_updates = 0;
    md::services::MeshSummary m_summary;
    QList<md::services::MeshService> m_services;
};

} // namespace md::ui
