#include "shell/commandpalette.h"

#include "items/commandfiltermodel.h"
#include "items/commandmodel.h"

#include <QApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace md::ui {

namespace {

// Paints "Title   Module            Ctrl+3": the title, its module dimmed, the shortcut right.
class CommandDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

        const bool selected = opt.state & QStyle::State_Selected;
        const QPalette &pal = opt.palette;
        const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        QColor dim = text;
        dim.setAlphaF(0.6f);

        const QRect r = opt.rect.adjusted(10, 0, -10, 0);
        const QString title = index.data(Qt::DisplayRole).toString();
        const QString context = index.data(md::CommandModel::ContextRole).toString();
        const QString shortcut = QKeySequence(index.data(md::CommandModel::ShortcutRole).toString())
                                     .toString(QKeySequence::NativeText);

        painter->save();
        QFont bold = opt.font;
        bold.setBold(true);
        painter->setFont(bold);
        painter->setPen(text);
        const int titleWidth = QFontMetrics(bold).horizontalAdvance(title);
        painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, title);
        painter->setFont(opt.font);
        painter->setPen(dim);
        if (!context.isEmpty()) {
            painter->drawText(r.adjusted(titleWidth + 12, 0, 0, 0),
                              Qt::AlignVCenter | Qt::AlignLeft, context);
        }
        if (!shortcut.isEmpty())
            painter->drawText(r, Qt::AlignVCenter | Qt::AlignRight, shortcut);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setHeight(std::max(s.height(), option.fontMetrics.height() * 2));
        return s;
    }
};

} // namespace

CommandPalette::CommandPalette(QWidget *parent)
    : QFrame(parent, Qt::Popup)
    , m_commands(new md::CommandModel(this))
    , m_filter(new md::CommandFilterModel(this))
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("commandPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAttribute(Qt::WA_WindowPropagation);
    m_filter->setSourceModel(m_commands);

    m_search->setObjectName(QStringLiteral("commandPaletteSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    QFont searchFont = m_search->font();
    searchFont.setPointSizeF(searchFont.pointSizeF() * 1.2);
    m_search->setFont(searchFont);

    m_list->setObjectName(QStringLiteral("commandPaletteResults"));
    m_list->setModel(m_filter);
    m_list->setItemDelegate(new CommandDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_empty->hide();

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    layout->addWidget(m_empty);

    connect(m_search, &QLineEdit::textChanged, this, &CommandPalette::setQuery);
    connect(m_list, &QListView::clicked, this, &CommandPalette::activate);
    retranslate();
}

void CommandPalette::retranslate()
{
    m_search->setPlaceholderText(tr("Go to page… (type a name, e.g. \"virtual\" or \"mtls\")"));
    m_search->setAccessibleName(tr("Search pages"));
    m_empty->setText(tr("No page matches \"%1\"").arg(m_search->text()));
    m_commands->retranslate();
}

void CommandPalette::popup()
{
    m_search->clear();
    setQuery({});
    reposition();
    show();
    raise();
    activateWindow();
    m_search->setFocus(Qt::PopupFocusReason);
}

void CommandPalette::setQuery(const QString &text)
{
    if (m_search->text() != text)
        m_search->setText(text);
    m_filter->setQuery(text.trimmed());
    if (m_filter->rowCount() > 0)
        m_list->setCurrentIndex(m_filter->index(0, 0));
    updateEmptyState();
}

void CommandPalette::updateEmptyState()
{
    const bool none = m_filter->rowCount() == 0;
    m_empty->setText(tr("No page matches \"%1\"").arg(m_search->text()));
    m_empty->setVisible(none);
    m_list->setVisible(!none);
}

void CommandPalette::reposition()
{
    QWidget *window = parentWidget() ? parentWidget()->window() : nullptr;
    if (!window)
        return;
    const int width = std::clamp(window->width() / 2, 420, 720);
    const int height = std::clamp(window->height() / 2, 260, 480);
    const QPoint topLeft = window->mapToGlobal(QPoint((window->width() - width) / 2, 72));
    setGeometry(QRect(topLeft, QSize(width, height)));
}

void CommandPalette::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const QString pageId = index.data(md::CommandModel::PageIdRole).toString();
    const QString commandId = index.data(md::CommandModel::CommandIdRole).toString();
    hide();
    if (!commandId.isEmpty())
        emit commandChosen(commandId);
    else
        emit pageChosen(pageId);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        auto key = static_cast<QKeyEvent *>(event);
        const int rows = m_filter->rowCount();
        const int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
        switch (key->key()) {
        case Qt::Key_Down:
            if (rows > 0)
                m_list->setCurrentIndex(m_filter->index((row + 1) % rows, 0));
            return true;
        case Qt::Key_Up:
            if (rows > 0)
                m_list->setCurrentIndex(m_filter->index((row - 1 + rows) % rows, 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            activate(m_list->currentIndex());
            return true;
        case Qt::Key_Escape:
            hide();
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace md::ui
