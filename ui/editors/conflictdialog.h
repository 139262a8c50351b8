#pragma once

// A 409 Conflict, resolved by the user: the three sides (what the edit started from, what is
// live now, the edit) compared field by field; per change take theirs or take mine, or all
// at once, or re-base the whole edit on the live object. The result (live with the changes
// taken from mine) is previewed against live; nothing is overwritten silently: conflicting
// changes start as "theirs".

#include "apply/applytypes.h"

#include <QDialog>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace md::ui {

class DiffView;

class ConflictDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ConflictDialog(const md::apply::ConflictInfo &info, QWidget *parent = nullptr);

    const md::apply::ThreeWayMerge &merge() const { return m_merge; }
    md::istio::Value result() const { return m_merge.result(); }
    QTreeWidget *changesView() const { return m_changes; }
    DiffView *preview() const { return m_preview; }

public slots:
    void takeTheirs(int change);
    void takeMine(int change);
    void takeAllTheirs();
    void takeAllMine();
    // Re-bases the edit on live: every change of mine wins, conflicts included.
    void rebaseMine();

private:
    void refresh();

    md::apply::ConflictInfo m_info;
    md::apply::ThreeWayMerge m_merge;
    QLabel *m_summary;
    QTreeWidget *m_changes;
    DiffView *m_preview;
};

} // namespace md::ui
