#pragma once

// Offered at start-up when drafts exist (after a crash or a closed window): the drafts, each
// checked, with Restore (opens them in the editor) and Discard (deletes them).

#include "store/draftstore.h"

#include <QDialog>

class QTreeWidget;

namespace md::ui {

class DraftsDialog final : public QDialog
{
    Q_OBJECT

public:
    DraftsDialog(const QList<md::store::Draft> &drafts, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // The drafts checked in the list.
    QList<md::store::Draft> checkedDrafts() const;

public slots:
    void restoreChecked();
    void discardChecked();

signals:
    void restoreRequested(const QList<md::store::Draft> &drafts);
    void discardRequested(const QList<md::store::Draft> &drafts);

private:
    QList<md::store::Draft> m_drafts;
    QTreeWidget *m_list;
};

} // namespace md::ui
