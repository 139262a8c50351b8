#pragma once

#include <QAbstractListModel>

namespace md {

// The entries of the command palette: every page of the shell ("Traffic management ›
// VirtualService"), then the actions modules add ("New VirtualService…", "Import YAML…").
//
// Roles: Qt::DisplayRole (translated title), ContextRole (translated module title),
// PageIdRole (empty for actions), CommandIdRole (the action's id; empty for pages),
// ShortcutRole, SearchTextsRole (QStringList: translated and English titles, module titles
// and keywords, which CommandFilterModel matches against).
class CommandModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Roles {
        PageIdRole = Qt::UserRole + 1,
        ContextRole,
        ShortcutRole,
        SearchTextsRole,
        CommandIdRole,
    };

    // An action of the palette. Texts are translation sources of `trContext`.
    struct Action
    {
        QString id; // "editors.new.VirtualService"
        const char *trContext = nullptr;
        const char *title = nullptr; // "New VirtualService…"
        const char *context = nullptr; // "Traffic management" (may be null)
        QStringList keywords; // extra search terms, not translated
        QString shortcut; // QKeySequence::PortableText, may be empty
    };

    explicit CommandModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void retranslate();

    // Appends an action (replacing one with the same id).
    void addAction(const Action &action);
    const QList<Action> &actions() const { return m_actions; }

private:
    QList<Action> m_actions;
};

} // namespace md
