#pragma once

#include "shell/meshlistpage.h"

#include <QHash>

class QAction;
class QLabel;
class QSpinBox;

namespace md::gateways {
class GatewayModel;
struct GatewayRow;
} // namespace md::gateways

namespace md::ui {

class GatewayDialog;
class PageRegistry;

// Adds the Mesh gateways page ("gateways").
void registerGatewayPages(PageRegistry &registry);

// The ingress and egress gateway deployments of the selected mesh, live from its caches:
// filters by cluster and namespace, search; create (the Deployment, Service and
// ServiceAccount of Istio's gateway injection), scale, edit and delete, each through the
// review. Not offered for external meshes, whose gateways the user manages.
class GatewaysPage final : public MeshListPage
{
    Q_OBJECT

public:
    explicit GatewaysPage(const PageContext &context, QWidget *parent = nullptr);
    ~GatewaysPage() override;

    md::gateways::GatewayModel *model() const { return m_model; }
    QSpinBox *scaleBox() const { return m_scaleBox; }
    QAction *newAction() const { return m_new; }
    QAction *editAction() const { return m_edit; }
    QAction *scaleAction() const { return m_scale; }
    QAction *deleteAction() const { return m_delete; }
    // Whether the mesh lets MeshDesk manage its gateways (not an external mesh).
    bool isManaged() const;

    // Selects the row of that gateway; false when it is not listed.
    bool selectGateway(const QString &context, const QString &ns, const QString &name);

public slots:
    void newGateway();
    void editSelected();
    void scaleSelected();
    void deleteSelected();

protected:
    void changeEvent(QEvent *event) override;
    void updateFacets() override;
    void updateState() override;
    void updateActions() override;
    QString countText(int shown, int total) const override;

private:
    const md::gateways::GatewayRow *currentRow() const;
    void retranslate();
    QHash<QString, QStringList> namespacesByCluster() const;

    md::gateways::GatewayModel *m_model;
    QAction *m_new = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_scale = nullptr;
    QAction *m_delete = nullptr;
    QSpinBox *m_scaleBox;
    QLabel *m_scaleLabel;
    QString m_scaleKey; // the row the spin box shows
};

} // namespace md::ui
