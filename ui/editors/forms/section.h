#pragma once

// CollapsibleSection: a titled group whose body is built the first time it is opened (a
// VirtualService with hundreds of routes opens at once). A section may be "checkable" for
// an optional part of a policy (retries, fault, TLS...): the box in its header says whether
// the part is present. ItemList: the sections of a list (HTTP routes, servers, rules) with
// add, remove, move and drag-to-reorder.

#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QToolButton;
class QVBoxLayout;

namespace md::ui::forms {

class CollapsibleSection : public QWidget
{
    Q_OBJECT
public:
    using Factory = std::function<QWidget *()>;

    CollapsibleSection(const QString &title, Factory factory, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setSummary(const QString &summary); // shown greyed beside the title when collapsed
    bool isExpanded() const { return m_expanded; }
    void setExpanded(bool expanded);
    bool isBuilt() const { return m_body != nullptr; }
    QWidget *body(); // builds it when needed
    // Throws the body away; it is built again from the data when next shown.
    void resetBody();

    // Optional part: a check box in the header. Unticking calls `onCleared`.
    void setCheckable(bool checkable);
    bool isChecked() const;
    void setChecked(bool checked); // no signal

    // Messages inside (for a collapsed body): a red or orange dot with the text as tooltip.
    void setProblem(int severity, const QString &text); // -1 clears; 0 error, 1 warning
    QWidget *header() const { return m_header; }
    QHBoxLayout *headerLayout() const { return m_headerLayout; }

signals:
    void built(QWidget *body);
    void checkToggled(bool checked);
    void expandedChanged(bool expanded);

private:
    void updateArrow();

    Factory m_factory;
    QWidget *m_header = nullptr;
    QHBoxLayout *m_headerLayout = nullptr;
    QToolButton *m_arrow = nullptr;
    QCheckBox *m_check = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_problem = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QWidget *m_body = nullptr;
    bool m_expanded = false;
};

// The sections of a list held by the form's data; the callbacks change the data, the list
// then rebuilds its (collapsed, unbuilt) sections, keeping which were open.
class ItemList : public QWidget
{
    Q_OBJECT
public:
    struct Callbacks
    {
        std::function<int()> count;
        std::function<QString(int)> title; // "Route 1: reviews-v2"
        std::function<QString(int)> summary; // one line, greyed
        std::function<QWidget *(int)> build;
        std::function<void()> append;
        std::function<void(int)> remove;
        std::function<void(int, int)> move; // from, to
    };

    ItemList(const QString &addText, Callbacks callbacks, QWidget *parent = nullptr);

    // Recreates the sections from the data, keeping which were open.
    void rebuild();
    int count() const { return int(m_sections.size()); }
    CollapsibleSection *section(int i) const { return m_sections.value(i); }
    void moveItem(int from, int to); // as a drag and drop does
    QToolButton *addButton() const { return m_add; }
    // Called for every section created (the form registers its path).
    std::function<void(int, CollapsibleSection *)> onSection;

signals:
    void changed();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int dropIndex(int y) const;

    Callbacks m_cb;
    QVBoxLayout *m_layout = nullptr;
    QToolButton *m_add = nullptr;
    QList<CollapsibleSection *> m_sections;
    QList<bool> m_open;
    QPoint m_pressPos;
};

} // namespace md::ui::forms
