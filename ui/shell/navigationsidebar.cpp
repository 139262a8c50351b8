#include "shell/navigationsidebar.h"

#include "items/navigationmodel.h"
#include "shell/icons.h"

#include <QEvent>
#include <QHeaderView>
#include <QIdentityProxyModel>

namespace md::ui {

// Adds themed module icons (Qt::DecorationRole) to the navigation model, which being a
// core model knows only icon names.
class IconProxyModel final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    void setPalette(const QPalette &palette)
    {
        m_icons.clear();
        m_palette = palette;
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole});
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DecorationRole)
            return QIdentityProxyModel::data(index, role);
        const QString name
            = QIdentityProxyModel::data(index, NavigationModel::IconNameRole).toString();
        if (name.isEmpty())
            return {};
        auto it = m_icons.find(name);
        if (it == m_icons.end())
            it = m_icons.insert(name, themedIcon(name, m_palette));
        return *it;
    }

private:
    QPalette m_palette;
    mutable QHash<QString, QIcon> m_icons;
};

NavigationSidebar::NavigationSidebar(md::NavigationModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_model(model)
    , m_proxy(new IconProxyModel(this))
{
    setObjectName(QStringLiteral("navigationSidebar"));
    setAccessibleName(tr("Navigation"));
    m_proxy->setSourceModel(model);
    m_proxy->setPalette(palette());
    setModel(m_proxy);
    header()->hide();
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    setIndentation(30);
    setIconSize(QSize(20, 20));
    setFrameShape(QFrame::NoFrame);
    setEditTriggers(NoEditTriggers);
    setSelectionMode(SingleSelection);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMinimumWidth(210);
    expandAll();

    connect(selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { onCurrentChanged(current); });
}

void NavigationSidebar::setCurrentPage(const QString &pageId)
{
    const QModelIndex source = m_model->indexForPage(pageId);
    if (!source.isValid())
        return;
    m_syncing = true;
    setCurrentIndex(m_proxy->mapFromSource(source));
    m_syncing = false;
}

void NavigationSidebar::onCurrentChanged(const QModelIndex &current)
{
    if (m_syncing || !current.isValid())
        return;
    QString pageId = current.data(NavigationModel::PageIdRole).toString();
    if (pageId.isEmpty() && model()->rowCount(current) > 0) {
        // A module group: open its first page.
        pageId = model()->index(0, 0, current).data(NavigationModel::PageIdRole).toString();
    }
    if (!pageId.isEmpty())
        emit pageActivated(pageId);
}

void NavigationSidebar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        m_proxy->setPalette(palette());
    QTreeView::changeEvent(event);
}

} // namespace md::ui
