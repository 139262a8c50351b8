#include "editors/reviewdialog.h"

#include "apply/applyengine.h"
#include "core/futures.h"
#include "editors/conflictdialog.h"
#include "editors/diffview.h"
#include "editors/editorsession.h"
#include "istio/validator.h"
#include "items/messagemodel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md::ui {

using md::apply::ApplyFailure;
using md::apply::ItemResult;
using md::apply::Operation;
using md::istio::Message;
using md::istio::Value;
using Stage = ReviewRow::Stage;

namespace {

QTableView *makeTable(QWidget *parent, const QString &name)
{
    auto view = new QTableView(parent);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

// What the server said about an item, as messages at their fields.
QList<Message> failureMessages(const ApplyFailure &failure, const QString &object)
{
    QList<Message> messages;
    Message head;
    head.code = QStringLiteral("server");
    head.text = failure.message;
    head.object = object;
    messages << head;
    for (const auto &cause : failure.causes) {
        Message m;
        m.code = cause.reason.isEmpty() ? QStringLiteral("server") : cause.reason;
        m.path = cause.field;
        m.text = cause.message;
        m.object = object;
        messages << m;
    }
    return messages;
}

} // namespace

ReviewDialog::ReviewDialog(EditorSession *session, md::apply::ApplyRequest request, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_header(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_items(makeTable(this, QStringLiteral("reviewItems")))
    , m_model(new ResultModel(this))
    , m_diff(new DiffView(this))
    , m_messageView(makeTable(this, QStringLiteral("reviewMessages")))
    , m_messages(new md::MessageModel(this))
    , m_progress(new QProgressBar(this))
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review changes"));
    m_plan.request = std::move(request);

    m_header->setObjectName(QStringLiteral("reviewHeader"));
    m_header->setWordWrap(true);
    QFont big = m_header->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    big.setBold(true);
    m_header->setFont(big);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    m_items->setModel(m_model);
    m_items->horizontalHeader()->setSectionResizeMode(ResultModel::ObjectColumn,
                                                      QHeaderView::ResizeToContents);
    m_messageView->setModel(m_messages);
    m_messageView->setColumnHidden(md::MessageModel::ObjectColumn, true);
    m_messageView->setColumnHidden(md::MessageModel::ClusterColumn, true);
    m_diff->setTitles(tr("Live"), tr("Edited"));

    auto right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_diff);
    right->addWidget(m_messageView);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    auto split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("reviewSplitter"));
    split->addWidget(m_items);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);

    m_progress->setObjectName(QStringLiteral("reviewProgress"));
    m_progress->setTextVisible(true);
    m_progress->hide();

    auto buttons = new QDialogButtonBox(this);
    m_dryRun = buttons->addButton(tr("Dry run"), QDialogButtonBox::ActionRole);
    m_dryRun->setObjectName(QStringLiteral("dryRunButton"));
    m_retry = buttons->addButton(tr("Retry"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_resolve = buttons->addButton(tr("Resolve conflict…"), QDialogButtonBox::ActionRole);
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_apply->setDefault(true);
    connect(m_dryRun, &QPushButton::clicked, this, &ReviewDialog::dryRun);
    connect(m_apply, &QPushButton::clicked, this, &ReviewDialog::apply);
    connect(m_retry, &QPushButton::clicked, this, &ReviewDialog::retry);
    connect(m_resolve, &QPushButton::clicked, this, &ReviewDialog::resolveConflict);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(1100, 720);

    connect(m_items->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showItem(current.row()); });
    auto engine = m_session->engine();
    connect(engine, &md::apply::ApplyEngine::itemFinished, this, &ReviewDialog::onItemFinished);
    connect(engine, &md::apply::ApplyEngine::finished, this, &ReviewDialog::onFinished);
    connect(engine, &md::apply::ApplyEngine::progress, this, [this](int run, int done, int total) {
        if (run != m_run)
            return;
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });

    const int count = int(m_plan.request.items.size());
    m_header->setText(
        m_plan.request.dryRun
            ? tr("Dry run of %n object(s) in %1", nullptr, count).arg(m_plan.request.context)
            : tr("Review %n change(s) to %1", nullptr, count).arg(m_plan.request.context));
    m_summary->setText(tr("Checking…"));
    buildPlan();
    updateButtons();
}

ReviewDialog::~ReviewDialog()
{
    if (m_run != 0)
        m_session->engine()->cancel(m_run);
}

void ReviewDialog::setPreflightFailure(int index, const ApplyFailure &failure)
{
    m_preflight.insert(index, failure);
    if (m_planned) {
        m_model->updateRow(index, [&](ReviewRow &row) {
            row.stage = Stage::Failed;
            row.result = failure.message;
        });
        updateButtons();
    }
}

void ReviewDialog::buildPlan()
{
    m_planned = false;
    // Layer 3 needs the live analysis (GUI thread): checked here, looked up by the worker.
    QHash<QString, QList<Message>> cross;
    for (const auto &item : std::as_const(m_plan.request.items)) {
        if (item.operation != Operation::Delete)
            cross.insert(item.id().displayName(),
                         m_session->crossCheck(m_plan.request.context, item.object));
    }
    auto validator = m_session->validator();
    const md::apply::ApplyRequest request = m_plan.request;
    md::onFinished(this, QtConcurrent::run([request, validator, cross] {
                       const md::istio::Validator rulesOnly;
                       md::apply::CrossCheck check = [cross](const Value &object) {
                           return cross.value(md::istio::ObjectId::of(object).displayName());
                       };
                       return md::apply::buildPlan(request, validator ? *validator : rulesOnly,
                                                   check);
                   }),
                   [this](md::apply::ApplyPlan plan) { onPlanned(std::move(plan)); });
}

void ReviewDialog::onPlanned(md::apply::ApplyPlan plan)
{
    m_plan = std::move(plan);
    m_planned = true;
    QList<ReviewRow> rows;
    for (int i = 0; i < m_plan.request.items.size(); ++i) {
        ReviewRow row;
        row.item = m_plan.request.items.at(i);
        const md::apply::PlanEntry &entry = m_plan.entries.at(i);
        row.errors = entry.errors();
        row.warnings = entry.warnings();
        row.stage = row.errors > 0 ? Stage::Blocked : Stage::Pending;
        if (m_preflight.contains(i)) {
            row.stage = Stage::Failed;
            row.result = m_preflight.value(i).message;
        }
        rows << row;
    }
    m_model->setRows(rows);
    const int errors = m_plan.errors();
    const int warnings = m_plan.warnings();
    QString summary;
    if (errors == 0 && warnings == 0)
        summary = tr("Validation: no problems.");
    else
        summary
            = tr("Validation: %1, %2.")
                  .arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings));
    if (errors > 0)
        summary += QLatin1Char(' ') + tr("Objects with errors are not applied.");
    m_summary->setText(summary);
    if (!m_plan.request.items.isEmpty())
        m_items->selectRow(m_plan.order.isEmpty() ? 0 : m_plan.order.first());
    emit planned();
    updateButtons();
    // The server's dry run follows at once for whatever may be sent.
    dryRun();
}

QList<Message> ReviewDialog::messagesOf(int index) const
{
    QList<Message> messages;
    if (index < 0 || index >= m_model->rowCount())
        return messages;
    if (index < m_plan.entries.size())
        messages = m_plan.entries.at(index).messages;
    const ReviewRow &row = m_model->row(index);
    if (row.last && row.last->failure)
        messages = failureMessages(*row.last->failure, row.item.id().displayName()) + messages;
    else if (m_preflight.contains(index))
        messages
            = failureMessages(m_preflight.value(index), row.item.id().displayName()) + messages;
    if (row.last) {
        for (const QString &warning : row.last->warnings) {
            Message m;
            m.code = QStringLiteral("server");
            m.severity = md::istio::Severity::Warning;
            m.text = warning;
            messages << m;
        }
    }
    return messages;
}

void ReviewDialog::showItem(int index)
{
    if (index < 0 || index >= m_plan.entries.size())
        return;
    const ReviewRow &row = m_model->row(index);
    m_diff->setTitles(row.item.base.isNull() ? tr("Live (does not exist)") : tr("Live"),
                      row.item.operation == Operation::Delete ? tr("After delete") : tr("Edited"));
    m_diff->setDiff(m_plan.entries.at(index).diff);
    m_messages->setMessages(messagesOf(index));
    updateButtons();
}

void ReviewDialog::updateButtons()
{
    const bool idle = m_planned && m_run == 0;
    bool sendable = false;
    bool retryable = false;
    for (const ReviewRow &row : m_model->rows()) {
        if (row.stage == Stage::Pending || row.stage == Stage::DryRunPassed
            || row.stage == Stage::DryRunFailed)
            sendable = true;
        if (row.stage == Stage::Failed && row.last && row.last->failure
            && row.last->failure->retryable())
            retryable = true;
    }
    const int current = m_items->currentIndex().row();
    const bool conflict = current >= 0 && current < m_model->rowCount()
        && m_model->row(current).last && m_model->row(current).last->conflict;
    m_dryRun->setEnabled(idle && sendable);
    m_apply->setEnabled(idle && sendable && m_dryRunDone && !m_plan.request.dryRun);
    m_apply->setVisible(!m_plan.request.dryRun);
    m_retry->setVisible(retryable);
    m_retry->setEnabled(idle && retryable);
    m_resolve->setVisible(conflict);
    m_resolve->setEnabled(idle && conflict);
}

void ReviewDialog::dryRun()
{
    QList<int> items;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const Stage stage = m_model->row(i).stage;
        if (stage == Stage::Pending || stage == Stage::DryRunPassed || stage == Stage::DryRunFailed)
            items << i;
    }
    if (items.isEmpty()) {
        m_dryRunDone = true;
        updateButtons();
        emit dryRunFinished();
        return;
    }
    run(items, true);
}

void ReviewDialog::apply()
{
    if (m_run != 0 || !m_planned)
        return;
    QList<int> items;
    int warnings = 0;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const ReviewRow &row = m_model->row(i);
        if (row.stage == Stage::Pending || row.stage == Stage::DryRunPassed
            || row.stage == Stage::DryRunFailed) {
            items << i;
            warnings += row.warnings;
        }
    }
    if (items.isEmpty())
        return;
    if (warnings > 0 && m_confirmWarnings) {
        const auto answer = QMessageBox::question(
            this, tr("Apply with warnings"),
            tr("The changes have %n warning(s). Apply them anyway?", nullptr, warnings),
            QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Apply)
            return;
    }
    run(items, false);
}

void ReviewDialog::retry()
{
    QList<int> items;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const ReviewRow &row = m_model->row(i);
        if (row.stage == Stage::Failed && row.last && row.last->failure
            && row.last->failure->retryable())
            items << i;
    }
    if (!items.isEmpty())
        run(items, false);
}

void ReviewDialog::run(const QList<int> &items, bool dry)
{
    md::apply::ApplyPlan plan;
    plan.request = m_plan.request;
    plan.request.dryRun = dry;
    plan.request.items.clear();
    for (int index : items) {
        plan.request.items << m_plan.request.items.at(index);
        plan.entries << m_plan.entries.at(index);
        plan.entries.last().index = int(plan.request.items.size()) - 1;
    }
    plan.order = md::apply::applyOrder(plan.request.items);
    m_runItems = items;
    m_runDry = dry;
    for (int index : items) {
        m_model->updateRow(index, [dry](ReviewRow &row) {
            row.stage = dry ? Stage::DryRunning : Stage::Applying;
            row.result.clear();
        });
    }
    m_progress->setRange(0, int(items.size()));
    m_progress->setValue(0);
    m_progress->setFormat(dry ? tr("Dry run: %v of %m") : tr("Applying: %v of %m"));
    m_progress->show();
    m_run = -1; // set below; itemFinished may not arrive before run() returns
    m_run = m_session->engine()->run(plan);
    updateButtons();
}

void ReviewDialog::onItemFinished(int run, const ItemResult &result)
{
    if (run != m_run || result.index < 0 || result.index >= m_runItems.size())
        return;
    const int index = m_runItems.at(result.index);
    m_model->updateRow(index, [&](ReviewRow &row) {
        row.last = result;
        row.result = result.message();
        switch (result.status) {
        case ItemResult::Status::Succeeded:
            row.stage = m_runDry ? Stage::DryRunPassed : Stage::Applied;
            break;
        case ItemResult::Status::Failed:
            row.stage = m_runDry ? Stage::DryRunFailed : Stage::Failed;
            break;
        case ItemResult::Status::Skipped:
            row.stage = m_runDry ? Stage::Pending : Stage::Skipped;
            break;
        default:
            break;
        }
    });
    if (!m_runDry && result.status == ItemResult::Status::Succeeded)
        emit itemApplied(index, result.answer);
    if (m_items->currentIndex().row() == index)
        showItem(index);
}

void ReviewDialog::onFinished(int run, const md::apply::ApplyReport &report)
{
    if (run != m_run)
        return;
    m_run = 0;
    const bool dry = m_runDry;
    if (dry)
        m_dryRunDone = true;
    const int ok = report.succeeded();
    const int failed = report.failed();
    m_progress->setFormat(dry ? tr("Dry run: %1 passed, %2 failed").arg(ok).arg(failed)
                              : tr("Applied: %1 succeeded, %2 failed").arg(ok).arg(failed));
    // Show the first failure.
    int conflictRow = -1;
    for (int i = 0; i < m_runItems.size(); ++i) {
        const int index = m_runItems.at(i);
        const ReviewRow &row = m_model->row(index);
        if (row.last && row.last->failure) {
            m_items->selectRow(index);
            if (row.last->conflict && conflictRow < 0)
                conflictRow = index;
            break;
        }
    }
    updateButtons();
    if (dry)
        emit dryRunFinished();
    else
        emit applyFinished(report);
    // A conflict (found by the dry run or the apply) is never resolved silently: the
    // three-way comparison opens.
    if (conflictRow >= 0) {
        m_items->selectRow(conflictRow);
        resolveConflict();
    }
}

void ReviewDialog::resolveConflict()
{
    const int index = m_items->currentIndex().row();
    if (index < 0 || index >= m_model->rowCount() || !m_model->row(index).last
        || !m_model->row(index).last->conflict)
        return;
    const md::apply::ConflictInfo info = *m_model->row(index).last->conflict;
    auto dialog = new ConflictDialog(info, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_conflictDialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog, index, info] {
        const Value merged = dialog->result();
        md::apply::ApplyItem item;
        if (info.live.isNull()) // deleted meanwhile: create it again
            item = md::apply::ApplyItem::create(merged);
        else
            item = md::apply::ApplyItem::update(info.live, merged);
        m_plan.request.items[index] = item;
        const bool nothing = !info.live.isNull() && !dialog->merge().changesLive();
        emit itemRebased(index, info.live, merged);
        m_dryRunDone = false;
        m_model->updateRow(index, [&](ReviewRow &row) {
            row.item = item;
            row.last.reset();
            row.stage = nothing ? Stage::Skipped : Stage::Pending;
            row.result = nothing ? tr("Nothing to apply: the live object was kept") : QString();
        });
        m_plan.entries[index].diff = md::apply::diffObjects(item.base, item.object);
        showItem(index);
        if (!nothing)
            dryRun();
    });
    emit conflictOpened(dialog);
    dialog->open();
}

} // namespace md::ui
