#include "editors/forms/section.h"

#include <QApplication>
#include <QCheckBox>
#include <QDrag>
#include <QDragEnterEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QMouseEvent>
#include <QToolButton>
#include <QVBoxLayout>

namespace md::ui::forms {

namespace {
const auto ItemMime = QStringLiteral("application/x-meshdesk-form-item");

// The greyed one-line summary beside a section's title. It takes the room the header
// leaves (the text is cut at its end), so its size hint is one line of no width: a list of
// hundreds of routes then lays out without shaping every summary text, only those painted.
class SummaryLabel final : public QLabel
{
public:
    using QLabel::QLabel;
    QSize sizeHint() const override { return {0, fontMetrics().height()}; }
    QSize minimumSizeHint() const override { return sizeHint(); }
};
} // namespace

CollapsibleSection::CollapsibleSection(const QString &title, Factory factory, QWidget *parent)
    : QWidget(parent)
    , m_factory(std::move(factory))
    , m_header(new QWidget(this))
    , m_headerLayout(new QHBoxLayout(m_header))
    , m_arrow(new QToolButton(m_header))
    , m_summary(new SummaryLabel(m_header))
    , m_problem(new QLabel(m_header))
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    m_headerLayout->setContentsMargins(0, 2, 0, 2);
    m_headerLayout->setSpacing(6);
    m_arrow->setObjectName(QStringLiteral("sectionToggle"));
    m_arrow->setAutoRaise(true);
    m_arrow->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_arrow->setCursor(Qt::PointingHandCursor);
    QFont bold = m_arrow->font();
    bold.setBold(true);
    m_arrow->setFont(bold);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setMinimumWidth(0);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_problem->hide();
    m_headerLayout->addWidget(m_arrow);
    m_headerLayout->addWidget(m_summary, 1);
    m_headerLayout->addWidget(m_problem);
    m_layout->addWidget(m_header);
    setTitle(title);
    connect(m_arrow, &QToolButton::clicked, this, [this] { setExpanded(!m_expanded); });
}

void CollapsibleSection::setTitle(const QString &title)
{
    m_arrow->setText(title);
    updateArrow();
}

void CollapsibleSection::setSummary(const QString &summary)
{
    m_summary->setText(summary);
}

void CollapsibleSection::updateArrow()
{
    m_arrow->setArrowType(m_expanded ? Qt::DownArrow : Qt::RightArrow);
    m_summary->setVisible(!m_expanded || !m_check);
}

void CollapsibleSection::setExpanded(bool expanded)
{
    if (expanded == m_expanded)
        return;
    m_expanded = expanded;
    if (expanded)
        body()->show();
    else if (m_body)
        m_body->hide();
    updateArrow();
    emit expandedChanged(expanded);
}

QWidget *CollapsibleSection::body()
{
    if (!m_body) {
        m_body = m_factory ? m_factory() : new QWidget;
        m_body->setParent(this);
        // Indent the body under the arrow.
        m_body->setContentsMargins(18, 0, 0, 6);
        m_layout->addWidget(m_body);
        m_body->setVisible(m_expanded);
        emit built(m_body);
    }
    return m_body;
}

void CollapsibleSection::resetBody()
{
    if (!m_body)
        return;
    delete m_body;
    m_body = nullptr;
    if (m_expanded)
        body()->show();
}

void CollapsibleSection::setCheckable(bool checkable)
{
    if (checkable && !m_check) {
        m_check = new QCheckBox(m_header);
        m_check->setObjectName(QStringLiteral("sectionCheck"));
        m_check->setToolTip(tr("Include this part in the policy"));
        m_headerLayout->insertWidget(0, m_check);
        connect(m_check, &QCheckBox::clicked, this, [this](bool on) {
            emit checkToggled(on);
            if (on)
                setExpanded(true);
        });
    }
    updateArrow();
}

bool CollapsibleSection::isChecked() const
{
    return m_check && m_check->isChecked();
}

void CollapsibleSection::setChecked(bool checked)
{
    if (m_check)
        m_check->setChecked(checked);
}

void CollapsibleSection::setProblem(int severity, const QString &text)
{
    if (severity < 0) {
        m_problem->hide();
        return;
    }
    m_problem->setText(
        QStringLiteral("<span style='color:%1'>\u25cf</span>")
            .arg(severity == 0 ? QStringLiteral("#d0312d") : QStringLiteral("#d08a00")));
    m_problem->setToolTip(text);
    m_problem->show();
}

ItemList::ItemList(const QString &addText, Callbacks callbacks, QWidget *parent)
    : QWidget(parent)
    , m_cb(std::move(callbacks))
    , m_layout(new QVBoxLayout(this))
    , m_add(new QToolButton(this))
{
    setAcceptDrops(true);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_add->setText(QStringLiteral("+ ") + addText);
    m_add->setObjectName(QStringLiteral("addItem"));
    m_add->setAutoRaise(true);
    m_layout->addWidget(m_add, 0, Qt::AlignLeft);
    connect(m_add, &QToolButton::clicked, this, [this] {
        m_cb.append();
        m_open.resize(m_cb.count());
        m_open.last() = true;
        rebuild();
        emit changed();
    });
}

void ItemList::rebuild()
{
    for (CollapsibleSection *s : std::as_const(m_sections)) {
        m_layout->removeWidget(s);
        s->hide();
        s->deleteLater();
    }
    m_sections.clear();
    const int n = m_cb.count();
    m_open.resize(n);
    for (int i = 0; i < n; ++i) {
        auto section = new CollapsibleSection(
            m_cb.title(i), [this, i] { return m_cb.build(i); }, this);
        section->setObjectName(QStringLiteral("item%1").arg(i));
        section->setSummary(m_cb.summary ? m_cb.summary(i) : QString());
        auto frame = section->header();
        frame->setAutoFillBackground(true);
        frame->setBackgroundRole(QPalette::AlternateBase);
        auto button = [&](const QString &text, const QString &tip, const QString &name) {
            auto b = new QToolButton(frame);
            b->setText(text);
            b->setToolTip(tip);
            b->setAutoRaise(true);
            b->setObjectName(name);
            section->headerLayout()->addWidget(b);
            return b;
        };
        auto up = button(QStringLiteral("\u2191"), tr("Move up"), QStringLiteral("moveUp"));
        auto down = button(QStringLiteral("\u2193"), tr("Move down"), QStringLiteral("moveDown"));
        auto remove = button(QStringLiteral("\u2715"), tr("Remove"), QStringLiteral("remove"));
        up->setEnabled(i > 0);
        down->setEnabled(i + 1 < n);
        auto grip = new QLabel(QStringLiteral("\u283f"), frame);
        grip->setToolTip(tr("Drag to reorder"));
        grip->setCursor(Qt::OpenHandCursor);
        grip->setProperty("mdItem", i);
        grip->installEventFilter(this);
        section->headerLayout()->addWidget(grip);
        connect(up, &QToolButton::clicked, this, [this, i] { moveItem(i, i - 1); });
        connect(down, &QToolButton::clicked, this, [this, i] { moveItem(i, i + 1); });
        connect(remove, &QToolButton::clicked, this, [this, i] {
            m_cb.remove(i);
            m_open.removeAt(i);
            rebuild();
            emit changed();
        });
        connect(section, &CollapsibleSection::expandedChanged, this,
                [this, i](bool open) { m_open[i] = open; });
        m_layout->insertWidget(m_layout->count() - 1, section);
        m_sections.append(section);
        if (onSection)
            onSection(i, section);
        if (m_open.at(i))
            section->setExpanded(true);
    }
}

void ItemList::moveItem(int from, int to)
{
    const int n = int(m_sections.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to)
        return;
    m_cb.move(from, to);
    m_open.move(from, to);
    rebuild();
    emit changed();
}

int ItemList::dropIndex(int y) const
{
    for (int i = 0; i < m_sections.size(); ++i) {
        const QRect r = m_sections[i]->geometry();
        if (y < r.center().y())
            return i;
    }
    return int(m_sections.size()) - 1;
}

bool ItemList::eventFilter(QObject *watched, QEvent *event)
{
    auto grip = qobject_cast<QLabel *>(watched);
    if (!grip)
        return QWidget::eventFilter(watched, event);
    if (event->type() == QEvent::MouseButtonPress) {
        m_pressPos = static_cast<QMouseEvent *>(event)->position().toPoint();
        return true;
    }
    if (event->type() == QEvent::MouseMove) {
        auto move = static_cast<QMouseEvent *>(event);
        if (!(move->buttons() & Qt::LeftButton)
            || (move->position().toPoint() - m_pressPos).manhattanLength()
                < QApplication::startDragDistance())
            return true;
        const int index = grip->property("mdItem").toInt();
        auto drag = new QDrag(this);
        auto mime = new QMimeData;
        mime->setData(ItemMime, QByteArray::number(index));
        drag->setMimeData(mime);
        if (CollapsibleSection *s = m_sections.value(index))
            drag->setPixmap(s->header()->grab());
        drag->exec(Qt::MoveAction);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void ItemList::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(ItemMime) && event->source() == this)
        event->acceptProposedAction();
}

void ItemList::dragMoveEvent(QDragMoveEvent *event)
{
    if (event->mimeData()->hasFormat(ItemMime) && event->source() == this)
        event->acceptProposedAction();
}

void ItemList::dropEvent(QDropEvent *event)
{
    if (!event->mimeData()->hasFormat(ItemMime) || event->source() != this)
        return;
    const int from = event->mimeData()->data(ItemMime).toInt();
    event->acceptProposedAction();
    // Queued: the drag's event loop is still running.
    const int to = dropIndex(event->position().toPoint().y());
    QMetaObject::invokeMethod(
        this, [this, from, to] { moveItem(from, to); }, Qt::QueuedConnection);
}

} // namespace md::ui::forms
