#pragma once

#include <QTreeView>

namespace md {
class NavigationModel;
}

namespace md::ui {

class IconProxyModel;

// The sidebar listing the modules and their pages. Emits pageActivated(id) when the user
// picks a page (click or keyboard); selecting a module group opens its first page.
class NavigationSidebar final : public QTreeView
{
    Q_OBJECT

public:
    explicit NavigationSidebar(md::NavigationModel *model, QWidget *parent = nullptr);

    // Selects the entry of `pageId` without emitting pageActivated.
    void setCurrentPage(const QString &pageId);

signals:
    void pageActivated(const QString &pageId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onCurrentChanged(const QModelIndex &current);

    md::NavigationModel *m_model = nullptr; // Not owned.
    IconProxyModel *m_proxy = nullptr; // Owned (child).
    bool m_syncing = false;
};

} // namespace md::ui
