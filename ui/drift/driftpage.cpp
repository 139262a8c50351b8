#include "drift/driftpage.h"

#include "drift/driftmodel.h"
#include "editors/diffview.h"
#include "editors/editorsession.h"
#include "mesh/meshcache.h"
#include "mesh/selectedmesh.h"
#include "shell/pageregistry.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace md::ui {

using md::drift::DriftModel;
using md::drift::Entry;

DriftPage::DriftPage(const PageContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new DriftModel(this))
    , m_filter(new md::drift::DriftFilterModel(this))
    , m_toolBar(new QToolBar(this))
    , m_differingOnly(new QCheckBox(this))
    , m_singles(new QCheckBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_state(new QLabel(this))
    , m_compareLabel(new QLabel(this))
    , m_withLabel(new QLabel(this))
    , m_left(new QComboBox(this))
    , m_right(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_diff(new DiffView(this))
{
    setObjectName(QStringLiteral("page:config.drift"));
    m_filter->setSourceModel(m_model);

    m_differingOnly->setObjectName(QStringLiteral("differingOnly"));
    m_singles->setObjectName(QStringLiteral("singleCopies"));
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_count->setObjectName(QStringLiteral("countLabel"));
    m_count->setContentsMargins(8, 0, 8, 0);
    m_toolBar->addWidget(m_differingOnly);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_singles);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_search);
    auto spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addWidget(m_count);

    m_table->setObjectName(QStringLiteral("driftTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DriftModel::KindColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int widths[] = {170, 130, 220, 260, 200};
    for (int column = 0; column < DriftModel::NUM_COLUMNS; ++column)
        m_table->setColumnWidth(column, widths[column]);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_state->setObjectName(QStringLiteral("driftState"));
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setWordWrap(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_state);

    m_left->setObjectName(QStringLiteral("leftCluster"));
    m_right->setObjectName(QStringLiteral("rightCluster"));
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    for (QComboBox *combo : {m_left, m_right}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        combo->setMinimumContentsLength(16);
    }
    m_diff->setObjectName(QStringLiteral("driftDiff"));
    m_copy = new QAction(this);
    m_copy->setObjectName(QStringLiteral("copyAction"));
    connect(m_copy, &QAction::triggered, this, &DriftPage::copyToOthers);
    auto copyButton = new QToolButton(this);
    copyButton->setObjectName(QStringLiteral("copyButton"));
    copyButton->setDefaultAction(m_copy);
    copyButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto compareRow = new QHBoxLayout;
    compareRow->setContentsMargins(8, 6, 8, 6);
    compareRow->addWidget(m_compareLabel);
    compareRow->addWidget(m_left);
    compareRow->addWidget(m_withLabel);
    compareRow->addWidget(m_right);
    compareRow->addSpacing(12);
    compareRow->addWidget(m_summary, 1);
    compareRow->addWidget(copyButton);
    auto bottom = new QWidget(this);
    auto bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(0);
    bottomLayout->addLayout(compareRow);
    bottomLayout->addWidget(m_diff, 1);

    auto splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_stack);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(splitter, 1);

    connect(m_differingOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_filter->setDifferingOnly(on);
        updateState();
    });
    connect(m_singles, &QCheckBox::toggled, this,
            [this](bool on) { m_model->setMinCopies(on ? 1 : 2); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearchText(text);
        updateState();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_currentId
                    = current.isValid() ? current.data(DriftModel::IdRole).toString() : QString();
                showCurrent();
            });
    connect(m_left, &QComboBox::activated, this, &DriftPage::updateDiff);
    connect(m_right, &QComboBox::activated, this, &DriftPage::updateDiff);
    connect(m_model, &DriftModel::updated, this, [this] {
        if (!m_currentId.isEmpty() && !selectEntry(m_currentId))
            m_currentId.clear();
        if (m_currentId.isEmpty() && m_filter->rowCount() > 0)
            m_table->setCurrentIndex(m_filter->index(0, 0));
        showCurrent();
        updateState();
    });
    if (m_context.mesh) {
        connect(m_context.mesh, &md::mesh::SelectedMesh::meshChanged, this,
                &DriftPage::updateState);
        connect(m_context.mesh->cache(), &md::mesh::MeshCache::syncedChanged, this,
                &DriftPage::updateState);
    }
    m_model->setMesh(m_context.mesh);
    retranslate();
    showCurrent();
}

DriftPage::~DriftPage() = default;

const Entry *DriftPage::currentEntry() const
{
    const int row = m_model->rowOfId(m_currentId);
    return row < 0 ? nullptr : &m_model->entryAt(row);
}

bool DriftPage::selectEntry(const QString &id)
{
    const int row = m_model->rowOfId(id);
    if (row < 0)
        return false;
    const QModelIndex at = m_filter->mapFromSource(m_model->index(row, 0));
    if (!at.isValid())
        return false;
    m_table->setCurrentIndex(at);
    m_currentId = id;
    return true;
}

void DriftPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("search")))
        m_search->setText(arguments.value(QStringLiteral("search")).toString());
    if (arguments.contains(QStringLiteral("differingOnly")))
        m_differingOnly->setChecked(arguments.value(QStringLiteral("differingOnly")).toBool());
}

void DriftPage::showCurrent()
{
    const Entry *entry = currentEntry();
    const QString left = m_left->currentText();
    const QString right = m_right->currentText();
    const QSignalBlocker blockLeft(m_left);
    const QSignalBlocker blockRight(m_right);
    m_left->clear();
    m_right->clear();
    if (entry) {
        for (const md::drift::Copy &copy : entry->copies) {
            m_left->addItem(copy.context);
            m_right->addItem(copy.context);
        }
        for (const QString &cluster : entry->missing)
            m_right->addItem(cluster); // compared with nothing: all of it is missing there
        // Keep the clusters picked; else the first copy against the first that differs.
        int l = m_left->findText(left);
        if (l < 0)
            l = 0;
        int r = m_right->findText(right);
        if (r < 0 || r == l) {
            r = -1;
            for (int i = 0; i < entry->copies.size() && r < 0; ++i) {
                if (entry->copies.at(i).variant != entry->copies.at(l).variant)
                    r = i;
            }
            if (r < 0)
                r = m_right->count() > 1 ? (l == 0 ? 1 : 0) : 0;
        }
        m_left->setCurrentIndex(l);
        m_right->setCurrentIndex(r);
    }
    updateDiff();
}

void DriftPage::updateDiff()
{
    const Entry *entry = currentEntry();
    m_left->setEnabled(entry != nullptr);
    m_right->setEnabled(entry != nullptr);
    if (!entry) {
        m_diff->setDiff({});
        m_diff->setTitles({}, {});
        m_summary->setText(tr("Pick an object to compare its copies."));
        m_copy->setEnabled(false);
        m_copy->setText(tr("Copy this version to the other clusters…"));
        return;
    }
    const int a = entry->indexOf(m_left->currentText());
    const int b = entry->indexOf(m_right->currentText());
    const QString leftName = m_left->currentText();
    const QString rightName = m_right->currentText();
    md::apply::TextDiff diff;
    if (a >= 0 && b >= 0)
        diff = md::drift::pairDiff(*entry, a, b);
    else if (a >= 0)
        diff = md::apply::diffText(entry->copies.at(a).yaml, QString());
    m_diff->setDiff(diff);
    m_diff->setTitles(leftName, b >= 0 ? rightName : tr("%1 (missing)").arg(rightName));
    if (b < 0)
        m_summary->setText(tr("%1 has no copy of this object.").arg(rightName));
    else if (a == b)
        m_summary->setText(tr("Pick two different clusters to compare."));
    else if (diff.isEmpty())
        m_summary->setText(tr("Same in %1 and %2 (server-set fields and key order ignored).")
                               .arg(leftName, rightName));
    else
        m_summary->setText(tr("%1 and %2 differ: %3 lines only in %1, %4 only in %2.")
                               .arg(leftName, rightName)
                               .arg(diff.removed)
                               .arg(diff.added));
    const bool needed = entry->state() != Entry::State::InSync;
    m_copy->setEnabled(a >= 0 && needed && m_context.navigator);
    m_copy->setText(tr("Copy %1's version to the other clusters…").arg(leftName));
}

void DriftPage::copyToOthers()
{
    const Entry *entry = currentEntry();
    EditorSession *session = EditorSession::of(m_context);
    if (!entry || !session)
        return;
    if (!session->mainWindow())
        session->setMainWindow(window());
    const QList<md::drift::CopyTarget> targets
        = md::drift::copyToOthers(*entry, m_left->currentText());
    if (targets.isEmpty()) {
        m_summary->setText(tr("Every other cluster already has this version."));
        return;
    }
    for (const md::drift::CopyTarget &target : targets)
        session->reviewObjects({target.item}, window(), target.context);
}

void DriftPage::updateState()
{
    const std::optional<md::mesh::Mesh> mesh
        = m_context.mesh ? m_context.mesh->mesh() : std::nullopt;
    QString state;
    if (m_filter->rowCount() > 0) {
        // the table
    } else if (!mesh) {
        state = tr("No mesh selected.\nPick a mesh in the toolbar to compare its clusters.");
    } else if (mesh->clusters().size() < 2) {
        state = tr("Mesh %1 has one cluster: there is nothing to compare.").arg(mesh->name);
    } else if (!m_context.mesh->cache()->isSynced() || m_model->isUpdating()) {
        state = tr("Comparing the clusters of mesh %1…").arg(mesh->name);
    } else if (m_model->rowCount() > 0) {
        state = tr("No object matches the filter: the %n object(s) held by several clusters "
                   "are in sync.",
                   nullptr, m_model->rowCount());
        if (!m_search->text().isEmpty())
            state = tr("No object matches \"%1\".").arg(m_search->text());
    } else {
        state = tr("No Istio object is held by more than one cluster of mesh %1.\nClusters: %2.")
                    .arg(mesh->name, mesh->clusters().join(QStringLiteral(", ")));
    }
    m_state->setText(state);
    m_stack->setCurrentWidget(state.isEmpty() ? static_cast<QWidget *>(m_table) : m_state);
    const int differs = m_model->count(Entry::State::Differs);
    const int missing = m_model->count(Entry::State::Missing);
    const int total = m_model->rowCount();
    m_count->setText(tr("%1 in sync, %2 differ, %3 missing somewhere")
                         .arg(total - differs - missing)
                         .arg(differs)
                         .arg(missing));
}

QString DriftPage::stateText() const
{
    return isShowingTable() ? QString() : m_state->text();
}

bool DriftPage::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void DriftPage::retranslate()
{
    m_differingOnly->setText(tr("Differing only"));
    m_differingOnly->setToolTip(tr("Hide the objects whose copies are the same everywhere"));
    m_singles->setText(tr("Objects in one cluster too"));
    m_singles->setToolTip(tr("Also list the objects only one cluster holds (to copy them to "
                             "the others)"));
    m_search->setPlaceholderText(tr("Search kind, namespace, name"));
    m_compareLabel->setText(tr("Compare"));
    m_withLabel->setText(tr("with"));
    m_copy->setToolTip(tr("Write the left cluster's version to every cluster whose copy differs "
                          "or is missing, through the review (one per cluster)"));
    updateDiff();
    updateState();
}

void DriftPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void registerDriftPages(PageRegistry &registry)
{
    registry.addPage(
        QStringLiteral("config.drift"),
        [](const PageContext &context, QWidget *parent) { return new DriftPage(context, parent); });
}

} // namespace md::ui
