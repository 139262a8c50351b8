#pragma once

// The review before every write: for each object the side-by-side diff of live and edited
// YAML, the validation of every layer, then a server-side dry run (dryRun=All) whose Status
// errors show at their field, then Apply: creates, updates carrying the resourceVersion the
// edit started from, deletes; progress and a result per object, one failure stopping
// nothing else. A 409 opens the ConflictDialog; a 403 names the verb and resource; a 422
// lists each cause at its field; a timeout or lost connection keeps the edit and offers
// Retry.

#include "apply/applyplan.h"
#include "editors/conflictdialog.h"
#include "editors/resultmodel.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace md {
class MessageModel;
}

namespace md::ui {

class DiffView;
class EditorSession;

class ReviewDialog final : public QDialog
{
    Q_OBJECT

public:
    ReviewDialog(EditorSession *session, md::apply::ApplyRequest request,
                 QWidget *parent = nullptr);
    ~ReviewDialog() override;

    // An item the engine could not prepare (e.g. its GET failed): shown, never sent.
    void setPreflightFailure(int index, const md::apply::ApplyFailure &failure);

    const md::apply::ApplyRequest &request() const { return m_plan.request; }
    const md::apply::ApplyPlan &plan() const { return m_plan; }
    ResultModel *resultModel() const { return m_model; }
    bool isPlanned() const { return m_planned; }
    bool isBusy() const { return m_run != 0 || !m_planned; }
    bool dryRunDone() const { return m_dryRunDone; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *conflictButton() const { return m_resolve; }
    DiffView *diffView() const { return m_diff; }
    md::MessageModel *messageModel() const { return m_messages; }
    QTableView *itemsView() const { return m_items; }
    ConflictDialog *conflictDialog() const { return m_conflictDialog; }
    // Asks before applying over warnings; tests turn it off.
    void setConfirmWarnings(bool confirm) { m_confirmWarnings = confirm; }

public slots:
    void dryRun();
    void apply();
    void retry();
    void resolveConflict();

signals:
    void planned();
    void dryRunFinished();
    void applyFinished(const md::apply::ApplyReport &report);
    // Item `index` was written; `answer` is what the server returned.
    void itemApplied(int index, const md::istio::Value &answer);
    // Item `index` was re-based on the live object after a conflict.
    void itemRebased(int index, const md::istio::Value &live, const md::istio::Value &merged);
    void conflictOpened(md::ui::ConflictDialog *dialog);

private:
    void buildPlan();
    void onPlanned(md::apply::ApplyPlan plan);
    void run(const QList<int> &items, bool dry);
    void onItemFinished(int run, const md::apply::ItemResult &result);
    void onFinished(int run, const md::apply::ApplyReport &report);
    void showItem(int index);
    void updateButtons();
    QList<md::istio::Message> messagesOf(int index) const;

    EditorSession *m_session;
    md::apply::ApplyPlan m_plan;
    bool m_planned = false;
    bool m_dryRunDone = false;
    bool m_confirmWarnings = true;
    int m_run = 0;
    bool m_runDry = false;
    QList<int> m_runItems; // run index -> index in m_plan.request.items
    QHash<int, md::apply::ApplyFailure> m_preflight;

    QLabel *m_header;
    QLabel *m_summary;
    QTableView *m_items;
    ResultModel *m_model;
    DiffView *m_diff;
    QTableView *m_messageView;
    md::MessageModel *m_messages;
    QProgressBar *m_progress;
    QPushButton *m_dryRun;
    QPushButton *m_apply;
    QPushButton *m_retry;
    QPushButton *m_resolve;
    QPushButton *m_close;
    QPointer<ConflictDialog> m_conflictDialog;
};

} // namespace md::ui
