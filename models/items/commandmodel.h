#pragma once

#include <QAbstractListModel>

namespace md {

// The entries of the command palette: every page of the shell ("Traffic management ›
// VirtualService"). Later issues add actions (apply, connect, ...) as further rows.
//
// Roles: Qt::DisplayRole (translated title), ContextRole (translated module title),
// PageIdRole, ShortcutRole, SearchTextsRole (QStringList: translated and English titles,
// module titles and keywords, which CommandFilterModel matches against).
class CommandModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles {
        PageIdRole = Qt::UserRole + 1,
        ContextRole,
        ShortcutRole,
        SearchTextsRole,
    };

    explicit CommandModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void retranslate();
};

} // namespace md
