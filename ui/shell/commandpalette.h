#pragma once

#include <QFrame>

class QLineEdit;
class QListView;
class QLabel;

namespace md {
class CommandModel;
class CommandFilterModel;
} // namespace md

namespace md::ui {

// The command palette (Ctrl+K): a popup with a search field over every page of the shell
// and the actions modules add.
// Typing filters and ranks (CommandFilterModel); Up/Down move, Enter opens, Esc closes.
class CommandPalette final : public QFrame
{
    Q_OBJECT

public:
    explicit CommandPalette(QWidget *parent);

    // Shows the palette over the top of its parent window with an empty query.
    void popup();
    void setQuery(const QString &text);
    QLineEdit *searchField() const { return m_search; }
    QListView *resultView() const { return m_list; }
    md::CommandFilterModel *filterModel() const { return m_filter; }
    md::CommandModel *commandModel() const { return m_commands; }
    void retranslate();

signals:
    void pageChosen(const QString &pageId);
    void commandChosen(const QString &commandId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void activate(const QModelIndex &index);
    void updateEmptyState();
    void reposition();

    md::CommandModel *m_commands = nullptr; // Owned (child).
    md::CommandFilterModel *m_filter = nullptr; // Owned (child).
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_empty = nullptr;
};

} // namespace md::ui
