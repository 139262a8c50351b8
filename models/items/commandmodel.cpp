#include "items/commandmodel.h"

#include "items/pagecatalog.h"

#include <QCoreApplication>

namespace md {

CommandModel::CommandModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int CommandModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(PageCatalog::pages().size() + m_actions.size());
}

void CommandModel::addAction(const Action &action)
{
    for (qsizetype i = 0; i < m_actions.size(); ++i) {
        if (m_actions.at(i).id == action.id) {
            m_actions[i] = action;
            const QModelIndex changed = index(int(PageCatalog::pages().size() + i));
            emit dataChanged(changed, changed);
            return;
        }
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_actions.append(action);
    endInsertRows();
}

static QVariant actionData(const CommandModel::Action &action, int role)
{
    const auto translate = [&](const char *text) {
        return text ? QCoreApplication::translate(action.trContext, text) : QString();
    };
    switch (role) {
    case Qt::DisplayRole:
        return translate(action.title);
    case CommandModel::ContextRole:
        return translate(action.context);
    case CommandModel::CommandIdRole:
        return action.id;
    case CommandModel::PageIdRole:
        return QString();
    case CommandModel::ShortcutRole:
        return action.shortcut;
    case CommandModel::SearchTextsRole: {
        QStringList texts {translate(action.title), QString::fromUtf8(action.title)};
        if (action.context)
            texts << translate(action.context) << QString::fromUtf8(action.context);
        texts << action.keywords;
        return texts;
    }
    default:
        return {};
    }
}

QVariant CommandModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype pages = PageCatalog::pages().size();
    if (index.row() >= pages)
        return actionData(m_actions.at(index.row() - pages), role);
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
    case CommandIdRole:
        return QString();
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
    names.insert(CommandIdRole, "commandId");
    return names;
}

void CommandModel::retranslate()
{
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1));
}

} // namespace md
