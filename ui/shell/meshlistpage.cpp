#include "shell/meshlistpage.h"

#include "gateways/tablefilter.h"
#include "mesh/connectionmanager.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace md::ui {

MeshListPage::MeshListPage(const PageContext &context, QAbstractItemModel *source, int contextRole,
                           int namespaceRole, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_filter(new md::gateways::TableFilterModel(contextRole, namespaceRole, this))
    , m_toolBar(new QToolBar(this))
    , m_clusters(new QComboBox(this))
    , m_namespaces(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_banner(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_state(new QWidget(this))
    , m_stateTitle(new QLabel(m_state))
    , m_stateMessage(new QLabel(m_state))
    , m_stateNew(new QPushButton(m_state))
{
    m_filter->setSourceModel(source);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->setAutoFillBackground(true);
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window, QColor(0xfd, 0xec, 0xc8));
    palette.setColor(QPalette::WindowText, QColor(0x5c, 0x3c, 0x00));
    m_banner->setPalette(palette);
    m_banner->hide();

    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);

    QFont titleFont = m_stateTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_stateTitle->setFont(titleFont);
    m_stateTitle->setObjectName(QStringLiteral("stateTitle"));
    m_stateMessage->setObjectName(QStringLiteral("stateMessage"));
    for (QLabel *label : {m_stateTitle, m_stateMessage}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
    }
    m_stateNew->setObjectName(QStringLiteral("stateNewButton"));
    auto stateColumn = new QVBoxLayout;
    stateColumn->addStretch(2);
    stateColumn->addWidget(m_stateTitle);
    stateColumn->addWidget(m_stateMessage);
    stateColumn->addSpacing(12);
    stateColumn->addWidget(m_stateNew, 0, Qt::AlignHCenter);
    stateColumn->addStretch(3);
    auto stateRow = new QHBoxLayout(m_state);
    stateRow->addStretch(1);
    stateRow->addLayout(stateColumn, 4);
    stateRow->addStretch(1);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_state);

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { updateActions(); });
    connect(m_clusters, &QComboBox::activated, this, [this] {
        m_wantedCluster = m_clusters->currentData().toString();
        m_filter->setClusterFilter(m_wantedCluster);
        updateCount();
    });
    connect(m_namespaces, &QComboBox::activated, this, [this] {
        m_wantedNamespace = m_namespaces->currentData().toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateCount();
    });
    followContext();
}

MeshListPage::~MeshListPage() = default;

void MeshListPage::followContext()
{
    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                [this] { updateState(); });
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                [this] { updateState(); });
    }
    if (m_context.connections)
        connect(m_context.connections, &md::mesh::ConnectionManager::healthChanged, this,
                [this] { updateState(); });
}

void MeshListPage::addFilters()
{
    m_toolBar->addSeparator();
    m_clusters->setObjectName(QStringLiteral("clusterFilter"));
    m_namespaces->setObjectName(QStringLiteral("namespaceFilter"));
    for (QComboBox *combo : {m_clusters, m_namespaces}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setMinimumContentsLength(11);
        m_toolBar->addWidget(combo);
    }
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(190);
    m_toolBar->addWidget(m_search);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_toolBar->addWidget(m_count);
}

void MeshListPage::setUpTable(const QString &objectName, int columns, int (*width)(int),
                              int sortColumn)
{
    m_table->setObjectName(objectName);
    m_table->sortByColumn(sortColumn, Qt::AscendingOrder);
    for (int column = 0; column < columns; ++column)
        m_table->setColumnWidth(column, width(column));
}

void MeshListPage::showState(const QString &title, const QString &message, bool offerNew)
{
    m_stateTitle->setText(title);
    m_stateMessage->setText(message);
    m_stateNew->setVisible(offerNew);
    m_stack->setCurrentWidget(title.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    updateActions();
    updateCount();
}

void MeshListPage::setBanner(const QString &text)
{
    m_banner->setText(text);
    m_banner->setVisible(!text.isEmpty());
}

void MeshListPage::fillFacets(QStringList clusters, const QStringList &namespaces)
{
    auto fill
        = [](QComboBox *combo, const QString &all, QStringList values, const QString &wanted) {
              if (!wanted.isEmpty() && !values.contains(wanted)) {
                  values << wanted;
                  values.sort();
              }
              combo->blockSignals(true);
              combo->clear();
              combo->addItem(all, QString());
              for (const QString &value : std::as_const(values))
                  combo->addItem(value, value);
              combo->setCurrentIndex(std::max(0, combo->findData(wanted)));
              combo->blockSignals(false);
          };
    if (const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt) {
        for (const QString &cluster : mesh->clusters()) {
            if (!clusters.contains(cluster))
                clusters << cluster;
        }
        clusters.sort();
    }
    fill(m_clusters, tr("All clusters"), clusters, m_wantedCluster);
    fill(m_namespaces, tr("All namespaces"), namespaces, m_wantedNamespace);
}

QString MeshListPage::meshClusterList() const
{
    const auto mesh = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    return mesh ? mesh->clusters().join(QStringLiteral(", ")) : QString();
}

void MeshListPage::updateCount()
{
    if (!isShowingTable()) {
        m_count->clear();
        return;
    }
    m_count->setText(countText(m_filter->rowCount(), m_filter->sourceModel()->rowCount()));
}

QString MeshListPage::countText(int, int) const
{
    return {};
}

QString MeshListPage::stateText() const
{
    if (isShowingTable())
        return {};
    return m_stateTitle->text() + QLatin1Char('\n') + m_stateMessage->text();
}

bool MeshListPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void MeshListPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("cluster"))) {
        m_wantedCluster = arguments.value(QStringLiteral("cluster")).toString();
        m_filter->setClusterFilter(m_wantedCluster);
    }
    if (arguments.contains(QStringLiteral("namespace"))) {
        m_wantedNamespace = arguments.value(QStringLiteral("namespace")).toString();
        m_filter->setNamespaceFilter(m_wantedNamespace);
    }
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    updateFacets();
    updateCount();
}

} // namespace md::ui
