#include "items/navigationmodel.h"

#include "items/pagecatalog.h"

namespace md {

// internalId: 0 for a top-level row, module row + 1 for a page row below a module.

NavigationModel::NavigationModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    for (const ModuleInfo &module : PageCatalog::modules()) {
        Module m;
        m.id = module.id;
        const QList<PageInfo> pages = PageCatalog::pagesOf(module.id);
        m.leaf = pages.size() == 1 && pages.constFirst().id == module.id;
        if (!m.leaf) {
            for (const PageInfo &p : pages)
                m.pageIds.append(p.id);
        }
        m_modules.append(m);
    }
}

QModelIndex NavigationModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_modules.size() ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_modules.size())
        return {};
    const Module &m = m_modules.at(parent.row());
    return row < m.pageIds.size() ? createIndex(row, 0, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex NavigationModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_modules.size());
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_modules.at(parent.row()).pageIds.size());
}

int NavigationModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return 1;
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool topLevel = index.internalId() == 0;
    const Module &module = m_modules.at(topLevel ? index.row() : int(index.internalId() - 1));
    const ModuleInfo *moduleInfo = PageCatalog::module(module.id);
    const PageInfo *page = nullptr;
    if (!topLevel)
        page = PageCatalog::page(module.pageIds.at(index.row()));
    else if (module.leaf)
        page = PageCatalog::page(module.id);

    switch (role) {
    case Qt::DisplayRole:
        return page ? PageCatalog::translatedTitle(*page)
                    : PageCatalog::translatedTitle(*moduleInfo);
    case Qt::ToolTipRole:
        return page ? PageCatalog::translatedSummary(*page) : QVariant();
    case PageIdRole:
        return page ? page->id : QString();
    case ModuleIdRole:
        return module.id;
    case ShortcutRole:
        return page ? page->shortcut : QString();
    case IconNameRole:
        return topLevel ? moduleInfo->iconName : QString();
    default:
        return {};
    }
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QHash<int, QByteArray> NavigationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(PageIdRole, "pageId");
    names.insert(ModuleIdRole, "moduleId");
    names.insert(ShortcutRole, "shortcut");
    names.insert(IconNameRole, "iconName");
    return names;
}

QModelIndex NavigationModel::indexForPage(const QString &pageId) const
{
    for (int row = 0; row < m_modules.size(); ++row) {
        const Module &m = m_modules.at(row);
        if (m.leaf && m.id == pageId)
            return createIndex(row, 0, quintptr(0));
        const qsizetype child = m.pageIds.indexOf(pageId);
        if (child >= 0)
            return createIndex(int(child), 0, quintptr(row + 1));
    }
    return {};
}

void NavigationModel::retranslate()
{
    const int modules = rowCount();
    if (modules == 0)
        return;
    emit dataChanged(index(0, 0), index(modules - 1, 0), {Qt::DisplayRole, Qt::ToolTipRole});
    for (int row = 0; row < modules; ++row) {
        const QModelIndex parent = index(row, 0);
        const int children = rowCount(parent);
        if (children > 0) {
            emit dataChanged(index(0, 0, parent), index(children - 1, 0, parent),
                             {Qt::DisplayRole, Qt::ToolTipRole});
        }
    }
}

} // namespace md
