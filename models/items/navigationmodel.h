#pragma once

#include <QAbstractItemModel>

namespace md {

// The shell's navigation tree: modules at the top level, their pages below. A module with a
// single page of the same id (Mesh overview, Service management, ...) is itself a leaf page.
//
// Roles: Qt::DisplayRole (translated title), Qt::ToolTipRole (translated summary),
// PageIdRole (QString, empty for a group), ModuleIdRole, ShortcutRole (portable text),
// IconNameRole (resource icon base name, top level only).
class NavigationModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Roles {
        PageIdRole = Qt::UserRole + 1,
        ModuleIdRole,
        ShortcutRole,
        IconNameRole,
    };

    explicit NavigationModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexForPage(const QString &pageId) const;

    // Re-emits every title after the application's translator changed.
    void retranslate();

private:
    struct Module
    {
        QString id;
        bool leaf = false;
        QStringList pageIds; // empty for a leaf module
    };
    QList<Module> m_modules;
};

} // namespace md
