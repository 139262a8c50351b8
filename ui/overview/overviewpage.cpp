#include "overview/overviewpage.h"

#include "charts/meshmetricstrip.h"
#include "istio/message.h"
#include "mesh/connectionmanager.h"
#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"
#include "meshes/meshdialog.h"
#include "overview/overviewcard.h"
#include "shell/navigator.h"
#include "shell/pageregistry.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md::ui {

using namespace md::services;
using md::mesh::ClusterHealth;

namespace {

const QString Clusters = QStringLiteral("clusters");
const QString Services = QStringLiteral("services");
const QString Workloads = QStringLiteral("workloads");
const QString Pods = QStringLiteral("pods");
const QString Gateways = QStringLiteral("gateways");
const QString Versions = QStringLiteral("istio");
const QString Policies = QStringLiteral("policies");

QString pageOfKind(const QString &kind)
{
    static const QHash<QString, QString> pages {
        {QStringLiteral("VirtualService"), QStringLiteral("traffic.virtualservices")},
        {QStringLiteral("DestinationRule"), QStringLiteral("traffic.destinationrules")},
        {QStringLiteral("Gateway"), QStringLiteral("traffic.gateways")},
        {QStringLiteral("ServiceEntry"), QStringLiteral("services.serviceentries")},
        {QStringLiteral("PeerAuthentication"), QStringLiteral("security.peerauthentications")},
        {QStringLiteral("RequestAuthentication"),
         QStringLiteral("security.requestauthentications")},
        {QStringLiteral("AuthorizationPolicy"), QStringLiteral("security.authorizationpolicies")},
    };
    return pages.value(kind);
}

// Errors and warnings of the live checks per kind ("VirtualService bookinfo/reviews").
QHash<QString, std::pair<int, int>> problemsByKind(const md::mesh::SelectedMesh *mesh)
{
    QHash<QString, std::pair<int, int>> problems;
    if (!mesh || !mesh->analysis())
        return problems;
    for (const md::istio::Message &m : mesh->analysis()->messages()) {
        auto &counts = problems[m.object.section(u' ', 0, 0)];
        if (m.severity == md::istio::Severity::Error)
            ++counts.first;
        else if (m.severity == md::istio::Severity::Warning)
            ++counts.second;
    }
    return problems;
}

QString errorsText(int n)
{
    return n == 1 ? OverviewPage::tr("1 error") : OverviewPage::tr("%1 errors").arg(n);
}

QString warningsText(int n)
{
    return n == 1 ? OverviewPage::tr("1 warning") : OverviewPage::tr("%1 warnings").arg(n);
}

} // namespace

void registerOverviewPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("overview"), [](const PageContext &context, QWidget *parent) {
        return new OverviewPage(context, parent);
    });
}

OverviewPage::OverviewPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_metricsTitle(new QLabel(this))
    , m_metricsNote(new QLabel(this))
    , m_meshList(new QWidget(this))
    , m_meshListTitle(new QLabel(this))
    , m_meshes(new QTableWidget(this))
    , m_selectMesh(new QPushButton(this))
    , m_editMesh(new QPushButton(this))
    , m_removeMesh(new QPushButton(this))
{
    setObjectName(QStringLiteral("page:overview"));
    auto content = new QWidget(this);
    auto column = new QVBoxLayout(content);
    column->setContentsMargins(16, 12, 16, 16);
    column->setSpacing(10);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    m_subtitle->setObjectName(QStringLiteral("overviewSubtitle"));
    m_subtitle->setWordWrap(true);
    column->addWidget(m_title);
    column->addWidget(m_subtitle);

    auto grid = new QGridLayout;
    grid->setSpacing(10);
    m_order = {Clusters, Services, Workloads, Pods, Gateways, Versions, Policies};
    for (int i = 0; i < m_order.size(); ++i) {
        const QString id = m_order.at(i);
        auto card = new OverviewCard(id, content);
        m_cards.insert(id, card);
        connect(card, &OverviewCard::activated, this, [this, id] { openCard(id); });
        connect(card, &OverviewCard::linkActivated, this, [this](const QString &page) {
            if (m_context.navigator)
                m_context.navigator->showPage(page);
        });
        // Four cards a row; Istio versions and policies take a wider place.
        if (id == Policies)
            grid->addWidget(card, 1, 2, 1, 2);
        else
            grid->addWidget(card, i / 4, i % 4);
    }
    for (int c = 0; c < 4; ++c)
        grid->setColumnStretch(c, 1);
    column->addLayout(grid);

    QFont sectionFont = m_metricsTitle->font();
    sectionFont.setBold(true);
    sectionFont.setPointSizeF(sectionFont.pointSizeF() * 1.15);
    m_metricsTitle->setFont(sectionFont);
    m_metricsNote->setObjectName(QStringLiteral("metricsNote"));
    m_metricsNote->setWordWrap(true);
    column->addWidget(m_metricsTitle);
    m_strip = new MeshMetricStrip(context, content);
    m_strip->setObjectName(QStringLiteral("metricStrip"));
    column->addWidget(m_strip);
    column->addWidget(m_metricsNote);

    m_meshList->setObjectName(QStringLiteral("meshList"));
    m_meshListTitle->setFont(sectionFont);
    m_meshes->setObjectName(QStringLiteral("meshTable"));
    m_meshes->setColumnCount(7);
    m_meshes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_meshes->setSelectionMode(QAbstractItemView::SingleSelection);
    m_meshes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_meshes->verticalHeader()->hide();
    m_meshes->horizontalHeader()->setStretchLastSection(true);
    m_meshes->setAlternatingRowColors(true);
    m_selectMesh->setObjectName(QStringLiteral("selectMeshButton"));
    m_editMesh->setObjectName(QStringLiteral("editMeshButton"));
    m_removeMesh->setObjectName(QStringLiteral("removeMeshButton"));
    auto buttons = new QHBoxLayout;
    buttons->addWidget(m_selectMesh);
    buttons->addWidget(m_editMesh);
    buttons->addWidget(m_removeMesh);
    buttons->addStretch(1);
    auto meshLayout = new QVBoxLayout(m_meshList);
    meshLayout->setContentsMargins(0, 8, 0, 0);
    meshLayout->addWidget(m_meshListTitle);
    meshLayout->addWidget(m_meshes);
    meshLayout->addLayout(buttons);
    column->addWidget(m_meshList);
    column->addStretch(1);

    auto scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_selectMesh, &QPushButton::clicked, this, &OverviewPage::selectMesh);
    connect(m_editMesh, &QPushButton::clicked, this, &OverviewPage::editMesh);
    connect(m_removeMesh, &QPushButton::clicked, this, &OverviewPage::removeMesh);
    connect(m_meshes, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool any = !selectedMeshName().isEmpty();
        for (QPushButton *b : {m_selectMesh, m_editMesh, m_removeMesh})
            b->setEnabled(any);
    });
    connect(m_meshes, &QTableWidget::cellDoubleClicked, this, &OverviewPage::selectMesh);

    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &OverviewPage::onResult);
    if (m_context.mesh) {
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::changed, this,
                &OverviewPage::refresh);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &OverviewPage::updateCards);
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this, [this] {
            refresh();
            updateMetrics();
            updateMeshes();
        });
        if (m_context.mesh->analysis())
            connect(m_context.mesh->analysis(), &md::mesh::LiveAnalysis::updated, this,
                    &OverviewPage::updateCards);
    }
    if (m_context.connections)
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this, [this] {
            updateCards();
            updateMeshes();
        });
    if (m_context.registry) {
        connect(m_context.registry, &md::mesh::MeshRegistry::meshesChanged, this, [this] {
            updateMeshes();
            updateMetrics();
        });
        connect(m_context.registry, &md::mesh::MeshRegistry::currentMeshChanged, this,
                &OverviewPage::updateMeshes);
    }
    retranslate();
    refresh();
}

OverviewPage::~OverviewPage()
{
    m_watcher.waitForFinished();
}

void OverviewPage::refresh()
{
    if (!m_context.mesh || !m_context.mesh->mesh()) {
        m_summary = {};
        m_services.clear();
        updateCards();
        return;
    }
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    QList<md::mesh::MeshCache::Kind> kinds = summaryKinds();
    const auto snapshot = m_context.mesh->cache()->snapshot(kinds);
    const QStringList order = m_context.mesh->cache()->clusters();
    const QString root = m_context.mesh->mesh()->rootNamespace;
    m_watcher.setFuture(QtConcurrent::run([snapshot, order, root] {
        Outcome outcome;
        outcome.services = aggregateServices(snapshot, order, root);
        outcome.summary = summarize(snapshot, outcome.services, root);
        return outcome;
    }));
}

void OverviewPage::onResult()
{
    const Outcome outcome = m_watcher.result();
    if (m_again) {
        m_again = false;
        refresh();
    }
    m_services = outcome.services;
    m_summary = outcome.summary;
    ++m_updates;
    updateCards();
    updateMeshes();
    emit updated();
}

QString OverviewPage::subtitleText() const
{
    return m_subtitle->text();
}

QString OverviewPage::selectedMeshName() const
{
    const QList<QTableWidgetItem *> items = m_meshes->selectedItems();
    return items.isEmpty() ? QString()
                           : m_meshes->item(items.first()->row(), 0)->data(Qt::UserRole).toString();
}

void OverviewPage::openCard(const QString &id)
{
    if (!m_context.navigator)
        return;
    QVariantMap args;
    QString page;
    if (id == Clusters || id == Versions) {
        page = QStringLiteral("clusters");
    } else if (id == Services) {
        page = QStringLiteral("services.list");
        const bool problems = m_summary.warningServices + m_summary.abnormalServices > 0;
        args.insert(QStringLiteral("diagnosis"), problems ? QStringLiteral("problems") : QString());
    } else if (id == Workloads || id == Pods) {
        page = QStringLiteral("sidecars.workloads");
        // The workloads that lack sidecars, when some do.
        if (m_summary.injectedWorkloads < m_summary.workloads)
            args.insert(QStringLiteral("status"), QStringLiteral("notinjected"));
    } else if (id == Gateways) {
        page = QStringLiteral("gateways");
    } else if (id == Policies) {
        // The kind with the most problems, else VirtualServices.
        const auto problems = problemsByKind(m_context.mesh);
        QString worst = QStringLiteral("VirtualService");
        int most = 0;
        for (const QString &kind : summaryPolicyKinds()) {
            const auto counts = problems.value(kind);
            if (counts.first + counts.second > most) {
                most = counts.first + counts.second;
                worst = kind;
            }
        }
        page = pageOfKind(worst);
    }
    m_context.navigator->showPage(page, args);
}

void OverviewPage::updateCards()
{
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    if (!mesh) {
        m_title->setText(tr("No mesh selected"));
        m_subtitle->setText(tr("Pick a mesh in the toolbar, or keep the clusters of a detected "
                               "mesh on the Mesh clusters page."));
    } else {
        m_title->setText(tr("Mesh %1").arg(mesh->name));
        m_subtitle->setText(
            tr("%1 mesh · control plane %2 · root namespace %3")
                .arg(md::mesh::typeText(mesh->type), mesh->controlPlane, mesh->rootNamespace)
            + (m_updates == 0 || !m_context.mesh->cache()->isSynced()
                   ? QStringLiteral(" · ") + tr("loading…")
                   : QString()));
    }
    const QStringList clusters = mesh ? mesh->clusters() : QStringList();
    const bool loaded = m_updates > 0;

    // Clusters.
    int up = 0;
    QStringList clusterLines;
    QStringList versionLines;
    QStringList versions;
    for (const QString &c : clusters) {
        const ClusterHealth h
            = m_context.connections ? m_context.connections->health(c) : ClusterHealth {};
        up += h.isUp() ? 1 : 0;
        QString line = tr("%1: %2").arg(c, md::mesh::stateText(h.state));
        if (h.isUp() && h.latencyMs >= 0)
            line += tr(" (%1 ms)").arg(h.latencyMs);
        clusterLines << line;
        const QString role = c == mesh->controlPlane ? tr("control plane") : tr("member");
        versionLines << (h.hasIstio()   ? tr("%1: %2 (%3)").arg(c, h.istioVersion, role)
                             : h.isUp() ? tr("%1: no istiod (%2)").arg(c, role)
                                        : tr("%1: unknown (%2)").arg(c, role));
        if (h.hasIstio() && !versions.contains(h.istioVersion))
            versions << h.istioVersion;
    }
    OverviewCard *card = m_cards.value(Clusters);
    card->setValue(tr("%1/%2").arg(up).arg(clusters.size()), tr("clusters connected"));
    card->setDetails(clusterLines);
    card->setAttention(up < clusters.size());

    card = m_cards.value(Versions);
    versions.sort();
    card->setValue(versions.isEmpty() ? QStringLiteral("—") : versions.join(QStringLiteral(", ")),
                   versions.size() > 1 ? tr("several Istio versions in one mesh")
                                       : tr("Istio version"));
    card->setDetails(versionLines);
    card->setAttention(versions.size() > 1);

    // Services.
    card = m_cards.value(Services);
    if (!loaded) {
        for (const QString &id : {Services, Workloads, Pods, Gateways}) {
            m_cards.value(id)->setValue(QStringLiteral("…"), tr("loading"));
            m_cards.value(id)->setDetails({});
        }
    } else {
        const MeshSummary &s = m_summary;
        card->setValue(tr("%1/%2").arg(s.normalServices).arg(s.services), tr("services healthy"));
        QStringList lines;
        if (s.warningServices)
            lines << tr("%1 with warnings").arg(s.warningServices);
        if (s.abnormalServices)
            lines << tr("%1 abnormal").arg(s.abnormalServices);
        int shown = 0;
        for (const MeshService &m : m_services) {
            if (m.system || m.diagnosis == Diagnosis::Normal || shown >= 3)
                continue;
            ++shown;
            lines << QStringLiteral("%1.%2: %3")
                         .arg(m.name, m.namespaceName, m.reasons.value(0).text);
        }
        card->setDetails(lines);
        card->setAttention(s.normalServices < s.services);

        card = m_cards.value(Workloads);
        card->setValue(tr("%1/%2").arg(s.injectedWorkloads).arg(s.workloads),
                       tr("workloads with sidecars"));
        card->setDetails({tr("Deployments, StatefulSets and DaemonSets outside the system "
                             "namespaces")});
        card->setAttention(s.injectedWorkloads < s.workloads);

        card = m_cards.value(Pods);
        card->setValue(tr("%1/%2").arg(s.injectedPods).arg(s.pods), tr("pods with sidecars"));
        QStringList podLines {tr("%1 running").arg(s.runningPods)};
        for (auto it = s.sidecarVersions.cbegin(); it != s.sidecarVersions.cend(); ++it)
            podLines << tr("sidecar %1: %2 pods").arg(it.key()).arg(it.value());
        card->setDetails(podLines);
        card->setAttention(s.injectedPods < s.pods);

        card = m_cards.value(Gateways);
        card->setValue(tr("%1 · %2").arg(s.ingressGateways()).arg(s.egressGateways()),
                       tr("ingress · egress gateways"));
        QStringList gatewayLines;
        bool degraded = false;
        for (const GatewayDeployment &g : s.gateways) {
            gatewayLines << tr("%1 %2 (%3): %4/%5 ready")
                                .arg(g.egress ? tr("egress") : tr("ingress"), g.name, g.context)
                                .arg(g.readyPods)
                                .arg(g.pods);
            degraded |= g.readyPods < g.pods;
        }
        if (gatewayLines.isEmpty())
            gatewayLines << tr("No gateway deployments");
        card->setDetails(gatewayLines);
        card->setAttention(degraded);
    }

    // Policies with their live-check problems.
    card = m_cards.value(Policies);
    const auto problems = problemsByKind(m_context.mesh);
    int total = 0;
    int errors = 0;
    int warnings = 0;
    QStringList policyLines;
    for (const QString &kind : summaryPolicyKinds()) {
        const int count = m_summary.policies.value(kind);
        const auto p = problems.value(kind);
        total += count;
        errors += p.first;
        warnings += p.second;
        QString line = QStringLiteral("<a href=\"%1\">%2</a>: %3")
                           .arg(pageOfKind(kind), kind, QString::number(count));
        QStringList issues;
        if (p.first)
            issues << errorsText(p.first);
        if (p.second)
            issues << warningsText(p.second);
        if (!issues.isEmpty())
            line += QStringLiteral(" · <b>%1</b>").arg(issues.join(QStringLiteral(", ")));
        policyLines << line;
    }
    card->setValue(
        loaded ? QString::number(total) : QStringLiteral("…"),
        errors + warnings == 0
            ? tr("policies, no problems found")
            : tr("policies; live checks: %1, %2").arg(errorsText(errors), warningsText(warnings)));
    card->setRichDetails(policyLines);
    card->setAttention(errors > 0);
}

void OverviewPage::updateMetrics()
{
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    const bool hasPrometheus = mesh && !mesh->prometheusUrl.isEmpty();
    m_strip->setVisible(hasPrometheus);
    m_metricsNote->setVisible(!hasPrometheus);
    m_metricsNote->setText(
        mesh ? tr("Mesh %1 has no Prometheus: set its URL with Edit Mesh… to see requests, "
                  "success rate and the busiest services here.")
                   .arg(mesh->name)
             : QString());
}

void OverviewPage::updateMeshes()
{
    const QList<md::mesh::Mesh> meshes
        = m_context.registry ? m_context.registry->meshes() : QList<md::mesh::Mesh>();
    m_meshList->setVisible(meshes.size() > 1);
    const QString selected = selectedMeshName();
    const QString current = m_context.registry ? m_context.registry->currentMesh() : QString();
    m_meshes->setRowCount(int(meshes.size()));
    for (int row = 0; row < meshes.size(); ++row) {
        const md::mesh::Mesh &m = meshes.at(row);
        int up = 0;
        int connecting = 0;
        for (const QString &c : m.clusters()) {
            const ClusterHealth h
                = m_context.connections ? m_context.connections->health(c) : ClusterHealth {};
            up += h.isUp() ? 1 : 0;
            connecting += h.state == ClusterHealth::State::Connecting ? 1 : 0;
        }
        const int total = int(m.clusters().size());
        QString status = up == total ? tr("Running")
            : up > 0                 ? tr("Degraded")
            : connecting > 0         ? tr("Connecting")
            : m.name == current      ? tr("Unreachable")
                                     : tr("Not connected");
        const ClusterHealth cp = m_context.connections
            ? m_context.connections->health(m.controlPlane)
            : ClusterHealth {};
        const bool isCurrent = m.name == current && m_updates > 0;
        const QStringList cells {
            m.name + (m.name == current ? tr(" (selected)") : QString()),
            md::mesh::typeText(m.type),
            status,
            cp.hasIstio() ? cp.istioVersion : QStringLiteral("—"),
            m.controlPlane,
            tr("%1/%2").arg(up).arg(total),
            isCurrent ? tr("%1/%2").arg(m_summary.injectedPods).arg(m_summary.pods)
                      : QStringLiteral("—"),
        };
        for (int c = 0; c < cells.size(); ++c) {
            auto item = new QTableWidgetItem(cells.at(c));
            item->setData(Qt::UserRole, m.name);
            if (c == 5)
                item->setToolTip(m.clusters().join(u'\n'));
            if (c == 6 && !isCurrent)
                item->setToolTip(tr("Select the mesh to count its pods"));
            m_meshes->setItem(row, c, item);
        }
        if (m.name == selected)
            m_meshes->selectRow(row);
    }
    m_meshes->resizeColumnsToContents();
    m_meshes->setFixedHeight(m_meshes->horizontalHeader()->height()
                             + m_meshes->verticalHeader()->length() + 4);
    const bool any = !selectedMeshName().isEmpty();
    for (QPushButton *b : {m_selectMesh, m_editMesh, m_removeMesh})
        b->setEnabled(any);
}

void OverviewPage::selectMesh()
{
    const QString name = selectedMeshName();
    if (name.isEmpty() || !m_context.registry)
        return;
    if (auto selected = m_context.registry->selectMesh(name); !selected)
        QMessageBox::warning(this, tr("Select mesh"), selected.error().toString());
}

void OverviewPage::editMesh()
{
    const QString name = selectedMeshName();
    if (name.isEmpty() || !m_context.registry || !m_context.connections)
        return;
    MeshDialog dialog(m_context.registry, m_context.connections->kubeconfig().contexts.keys(), name,
                      this);
    dialog.exec();
}

void OverviewPage::removeMesh()
{
    const QString name = selectedMeshName();
    if (name.isEmpty() || !m_context.registry)
        return;
    QMessageBox box(QMessageBox::Question, tr("Remove mesh"),
                    tr("Remove mesh %1 from MeshDesk?").arg(name), QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeMeshConfirmation"));
    box.setInformativeText(tr("Its clusters and their Istio are left as they are; only the "
                              "mesh's settings and its keychain secrets are removed."));
    QPushButton *remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    m_context.registry->removeMesh(name);
}

void OverviewPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewPage::retranslate()
{
    m_cards.value(Clusters)->setTitle(tr("Clusters"));
    m_cards.value(Services)->setTitle(tr("Services"));
    m_cards.value(Workloads)->setTitle(tr("Workloads"));
    m_cards.value(Pods)->setTitle(tr("Pods and sidecars"));
    m_cards.value(Gateways)->setTitle(tr("Gateways"));
    m_cards.value(Versions)->setTitle(tr("Istio versions"));
    m_cards.value(Policies)->setTitle(tr("Policies"));
    m_metricsTitle->setText(tr("Traffic"));
    m_meshListTitle->setText(tr("Meshes"));
    m_meshes->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Status"), tr("Istio version"),
                                         tr("Control plane"), tr("Clusters healthy"),
                                         tr("Injected pods")});
    m_selectMesh->setText(tr("Select"));
    m_editMesh->setText(tr("Edit…"));
    m_removeMesh->setText(tr("Remove…"));
    updateCards();
    updateMetrics();
    updateMeshes();
}

} // namespace md::ui
