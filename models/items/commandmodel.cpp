#include "items/commandmodel.h"

#include "items/pagecatalog.h"

namespace md {

CommandModel::CommandModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int CommandModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(PageCatalog::pages().size());
}

QVariant CommandModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PageInfo &page = PageCatalog::pages().at(index.row());
    const ModuleInfo *module = PageCatalog::module(page.module);
    switch (role) {
    case Qt::DisplayRole:
        return PageCatalog::translatedTitle(page);
    case Qt::ToolTipRole:
        return PageCatalog::translatedSummary(page);
    case ContextRole:
        return module && module->id != page.id ? PageCatalog::translatedTitle(*module) : QString();
    case PageIdRole:
        return page.id;
    case ShortcutRole:
        return page.shortcut;
    case SearchTextsRole: {
        QStringList texts {PageCatalog::translatedTitle(page), QString::fromUtf8(page.title)};
        if (module) {
            texts << PageCatalog::translatedTitle(*module) << QString::fromUtf8(module->title);
        }
        texts << page.keywords;
        return texts;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CommandModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PageIdRole, "pageId");
    names.insert(ContextRole, "context");
    names.insert(ShortcutRole, "shortcut");
    names.insert(SearchTextsRole, "searchTexts");
    return names;
}

void CommandModel::retranslate()
{
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1));
}

} // namespace md
