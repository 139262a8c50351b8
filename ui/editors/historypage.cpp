#include "editors/historypage.h"

#include "apply/applyengine.h"
#include "apply/revert.h"
#include "apply/textdiff.h"
#include "editors/diffview.h"
#include "editors/editorsession.h"
#include "editors/journalmodel.h"
#include "editors/reviewdialog.h"
#include "store/journalstore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace md::ui {

HistoryPage::HistoryPage(EditorSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new JournalModel(this))
    , m_object(new QLineEdit(this))
    , m_cluster(new QComboBox(this))
    , m_time(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_diff(new DiffView(this))
    , m_empty(new QLabel(this))
    , m_status(new QLabel(this))
    , m_revert(new QPushButton(tr("Revert…"), this))
{
    setObjectName(QStringLiteral("page:config.history"));
    m_object->setObjectName(QStringLiteral("historyObjectFilter"));
    m_object->setPlaceholderText(tr("Filter by object (kind, namespace or name)"));
    m_object->setClearButtonEnabled(true);
    m_cluster->setObjectName(QStringLiteral("historyClusterFilter"));
    m_time->setObjectName(QStringLiteral("historyTimeFilter"));
    m_time->addItem(tr("Any time"), 0);
    m_time->addItem(tr("Last hour"), 3600);
    m_time->addItem(tr("Last 24 hours"), 86400);
    m_time->addItem(tr("Last 7 days"), 7 * 86400);
    m_revert->setObjectName(QStringLiteral("revertButton"));
    m_revert->setToolTip(tr("Write the object back as it was before this change (through the "
                            "review)"));
    m_revert->setEnabled(false);

    auto filters = new QHBoxLayout;
    filters->addWidget(m_object, 2);
    filters->addWidget(new QLabel(tr("Cluster:"), this));
    filters->addWidget(m_cluster, 1);
    filters->addWidget(new QLabel(tr("Time:"), this));
    filters->addWidget(m_time);
    filters->addStretch(0);
    filters->addWidget(m_revert);

    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(JournalModel::ObjectColumn,
                                                      QHeaderView::ResizeToContents);
    m_diff->setTitles(tr("Before"), tr("After"));
    m_empty->setObjectName(QStringLiteral("historyEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("historyStatus"));

    auto split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_diff);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_empty);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_object, &QLineEdit::textChanged, this, &HistoryPage::refresh);
    connect(m_cluster, &QComboBox::activated, this, &HistoryPage::refresh);
    connect(m_time, &QComboBox::activated, this, &HistoryPage::refresh);
    connect(m_revert, &QPushButton::clicked, this, &HistoryPage::revertSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryPage::showSelected);
    connect(m_session, &EditorSession::applied, this, &HistoryPage::refresh);
    refresh();
}

void HistoryPage::setPageArguments(const QVariantMap &arguments)
{
    if (arguments.contains(QStringLiteral("object")))
        m_object->setText(arguments.value(QStringLiteral("object")).toString());
    if (arguments.contains(QStringLiteral("cluster"))) {
        const int index = m_cluster->findData(arguments.value(QStringLiteral("cluster")));
        if (index >= 0)
            m_cluster->setCurrentIndex(index);
        refresh();
    }
}

void HistoryPage::refresh()
{
    md::store::JournalStore *journal = m_session->journal();
    if (!journal || !journal->isOpen()) {
        m_model->setEntries({});
        m_empty->setText(tr("The journal is not available (the app's database could not be "
                            "opened)."));
        m_empty->show();
        return;
    }
    md::store::JournalQuery query;
    query.context = m_cluster->currentData().toString();
    if (const int seconds = m_time->currentData().toInt(); seconds > 0)
        query.from = QDateTime::currentDateTimeUtc().addSecs(-seconds);
    auto entries = journal->entries(query);
    if (!entries) {
        m_model->setEntries({});
        m_empty->setText(tr("Cannot read the journal: %1").arg(entries.error().message));
        m_empty->show();
        return;
    }
    // The clusters seen, for the filter.
    const QString cluster = m_cluster->currentData().toString();
    QStringList clusters;
    if (auto all = journal->entries({})) {
        for (const auto &e : *all) {
            if (!clusters.contains(e.context))
                clusters << e.context;
        }
    }
    clusters.sort();
    {
        const QSignalBlocker blocker(m_cluster);
        m_cluster->clear();
        m_cluster->addItem(tr("All clusters"), QString());
        for (const QString &c : clusters)
            m_cluster->addItem(c, c);
        m_cluster->setCurrentIndex(std::max(0, m_cluster->findData(cluster)));
    }
    const QString text = m_object->text().trimmed();
    QList<md::store::JournalEntry> shown;
    for (const auto &e : std::as_const(*entries)) {
        const QString object = QStringLiteral("%1 %2/%3").arg(e.kind, e.namespace_, e.name);
        if (text.isEmpty() || object.contains(text, Qt::CaseInsensitive))
            shown << e;
    }
    const qint64 selected
        = m_table->currentIndex().isValid() ? m_model->entry(m_table->currentIndex().row()).id : 0;
    m_model->setEntries(shown);
    m_empty->setVisible(shown.isEmpty());
    m_empty->setText(entries->isEmpty() && text.isEmpty()
                         ? tr("Nothing was applied yet. Every change MeshDesk applies or "
                              "deletes is recorded here, with before and after.")
                         : tr("No change matches the filter."));
    m_status->setText(tr("%n change(s)", nullptr, int(shown.size())));
    for (int row = 0; row < shown.size(); ++row) {
        if (shown.at(row).id == selected)
            m_table->selectRow(row);
    }
    if (!m_table->currentIndex().isValid() && !shown.isEmpty())
        m_table->selectRow(0);
    showSelected();
}

void HistoryPage::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        m_diff->setDiff({});
        m_revert->setEnabled(false);
        return;
    }
    const auto &e = m_model->entry(current.row());
    m_diff->setDiff(md::apply::diffText(QString::fromUtf8(e.before), QString::fromUtf8(e.after)));
    m_revert->setEnabled(e.succeeded && e.kind != QLatin1String("Secret"));
}

void HistoryPage::revertSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const md::store::JournalEntry entry = m_model->entry(current.row());
    md::istio::ObjectId id {entry.apiVersion, entry.kind, entry.namespace_, entry.name};
    m_revert->setEnabled(false);
    m_status->setText(tr("Fetching the live %1…").arg(id.displayName()));
    m_session->engine()->fetchLive(
        entry.context, id, this,
        [this, entry](Result<md::istio::Value, md::apply::ApplyFailure> live) {
            m_revert->setEnabled(true);
            if (!live) {
                m_status->setText(tr("Cannot revert: %1").arg(live.error().message));
                return;
            }
            auto request = md::apply::revertRequest(entry, *live);
            if (!request) {
                m_status->setText(tr("Cannot revert: %1").arg(request.error().message));
                QMessageBox::warning(this, tr("Revert"), request.error().message);
                return;
            }
            request->mesh = m_session->meshName();
            m_status->clear();
            ReviewDialog *dialog = m_session->review(*request, this);
            dialog->setWindowTitle(tr("Revert: review"));
            emit reviewOpened(dialog);
        });
}

} // namespace md::ui
