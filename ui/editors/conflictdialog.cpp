#include "editors/conflictdialog.h"

#include "editors/diffview.h"
#include "istio/document.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace md::ui {

using md::apply::FieldChange;
using md::apply::Resolution;

namespace {

enum Columns { FieldColumn = 0, BaseColumn, LiveColumn, MineColumn, TakeColumn };

QString shortText(const md::istio::Value &value, bool present)
{
    if (!present)
        return ConflictDialog::tr("(absent)");
    if (value.isString())
        return value.toString();
    QString text = QString::fromUtf8(md::istio::toJson(value, false));
    if (text.size() > 120)
        text = text.left(117) + QStringLiteral("…");
    return text;
}

} // namespace

ConflictDialog::ConflictDialog(const md::apply::ConflictInfo &info, QWidget *parent)
    : QDialog(parent)
    , m_info(info)
    , m_merge(info.merge())
    , m_summary(new QLabel(this))
    , m_changes(new QTreeWidget(this))
    , m_preview(new DiffView(this))
{
    setObjectName(QStringLiteral("conflictDialog"));
    const auto id = md::istio::ObjectId::of(info.mine);
    setWindowTitle(tr("Conflict: %1").arg(id.displayName()));

    auto intro = new QLabel(
        info.live.isNull()
            ? tr("%1 was deleted after you started editing it. Applying creates it again with "
                 "your edit.")
                  .arg(id.displayName())
            : tr("Someone changed %1 after you started editing it. Choose per change whose "
                 "value to keep: theirs (live now) or yours. Conflicting changes keep theirs "
                 "until you choose.")
                  .arg(id.displayName()),
        this);
    intro->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("conflictSummary"));

    m_changes->setObjectName(QStringLiteral("conflictChanges"));
    m_changes->setRootIsDecorated(false);
    m_changes->setColumnCount(5);
    m_changes->setHeaderLabels({tr("Field"), tr("You started from"), tr("Live now (theirs)"),
                                tr("Your edit"), tr("Keep")});
    m_changes->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_changes->setColumnWidth(FieldColumn, 260);
    m_changes->setColumnWidth(BaseColumn, 170);
    m_changes->setColumnWidth(LiveColumn, 170);
    m_changes->setColumnWidth(MineColumn, 170);

    const auto &changes = m_merge.changes();
    for (int i = 0; i < changes.size(); ++i) {
        const FieldChange &change = changes.at(i);
        auto item = new QTreeWidgetItem(m_changes);
        item->setText(FieldColumn, change.pathText);
        item->setText(BaseColumn, shortText(change.base, change.inBase));
        item->setText(LiveColumn, shortText(change.live, change.inLive));
        item->setText(MineColumn, shortText(change.mine, change.inMine));
        for (int c = FieldColumn; c <= MineColumn; ++c)
            item->setToolTip(c, item->text(c));
        if (change.conflicting) {
            for (int c = FieldColumn; c <= TakeColumn; ++c)
                item->setBackground(c, QColor(0xff, 0xa0, 0x00, 50));
            item->setText(FieldColumn, tr("⚠ %1").arg(change.pathText));
        }
        auto take = new QWidget(m_changes);
        auto takeLayout = new QHBoxLayout(take);
        takeLayout->setContentsMargins(4, 0, 4, 0);
        auto theirs = new QRadioButton(tr("Theirs"), take);
        auto mine = new QRadioButton(tr("Mine"), take);
        theirs->setObjectName(QStringLiteral("theirs%1").arg(i));
        mine->setObjectName(QStringLiteral("mine%1").arg(i));
        auto group = new QButtonGroup(take);
        group->addButton(theirs);
        group->addButton(mine);
        takeLayout->addWidget(theirs);
        takeLayout->addWidget(mine);
        m_changes->setItemWidget(item, TakeColumn, take);
        connect(theirs, &QRadioButton::toggled, this, [this, i](bool on) {
            if (on)
                takeTheirs(i);
        });
        connect(mine, &QRadioButton::toggled, this, [this, i](bool on) {
            if (on)
                takeMine(i);
        });
    }

    auto allTheirs = new QPushButton(tr("Take all theirs"), this);
    allTheirs->setObjectName(QStringLiteral("takeAllTheirs"));
    auto allMine = new QPushButton(tr("Take all mine"), this);
    allMine->setObjectName(QStringLiteral("takeAllMine"));
    auto rebase = new QPushButton(tr("Re-base my edit on live"), this);
    rebase->setObjectName(QStringLiteral("rebaseMine"));
    rebase->setToolTip(tr("Apply every change of yours on top of the live object"));
    connect(allTheirs, &QPushButton::clicked, this, &ConflictDialog::takeAllTheirs);
    connect(allMine, &QPushButton::clicked, this, &ConflictDialog::takeAllMine);
    connect(rebase, &QPushButton::clicked, this, &ConflictDialog::rebaseMine);
    auto bulk = new QHBoxLayout;
    bulk->addWidget(allTheirs);
    bulk->addWidget(allMine);
    bulk->addWidget(rebase);
    bulk->addStretch(1);
    bulk->addWidget(m_summary);

    m_preview->setTitles(tr("Live now"), tr("Result to apply"));
    auto split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_changes);
    split->addWidget(m_preview);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto buttons = new QDialogButtonBox(this);
    auto use = buttons->addButton(tr("Use this result"), QDialogButtonBox::AcceptRole);
    use->setObjectName(QStringLiteral("useResult"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(bulk);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(1100, 700);
    refresh();
}

void ConflictDialog::takeTheirs(int change)
{
    m_merge.resolve(change, Resolution::TakeTheirs);
    refresh();
}

void ConflictDialog::takeMine(int change)
{
    m_merge.resolve(change, Resolution::TakeMine);
    refresh();
}

void ConflictDialog::takeAllTheirs()
{
    for (int i = 0; i < m_merge.changes().size(); ++i) {
        if (m_merge.changes().at(i).changedByMe)
            m_merge.resolve(i, Resolution::TakeTheirs);
    }
    refresh();
}

void ConflictDialog::takeAllMine()
{
    for (int i = 0; i < m_merge.changes().size(); ++i) {
        if (m_merge.changes().at(i).changedByMe)
            m_merge.resolve(i, Resolution::TakeMine);
    }
    refresh();
}

void ConflictDialog::rebaseMine()
{
    // Their changes stay where I did not touch the field; mine win everywhere else.
    m_merge.resolveConflicts(Resolution::TakeMine);
    for (int i = 0; i < m_merge.changes().size(); ++i) {
        const FieldChange &change = m_merge.changes().at(i);
        if (change.changedByMe)
            m_merge.resolve(i, Resolution::TakeMine);
        else
            m_merge.resolve(i, Resolution::TakeTheirs);
    }
    refresh();
}

void ConflictDialog::refresh()
{
    const auto &changes = m_merge.changes();
    int mine = 0;
    for (int i = 0; i < changes.size(); ++i) {
        const FieldChange &change = changes.at(i);
        QWidget *take = m_changes->itemWidget(m_changes->topLevelItem(i), TakeColumn);
        if (!take)
            continue;
        auto theirs = take->findChild<QRadioButton *>(QStringLiteral("theirs%1").arg(i));
        auto mineButton = take->findChild<QRadioButton *>(QStringLiteral("mine%1").arg(i));
        const QSignalBlocker b1(theirs);
        const QSignalBlocker b2(mineButton);
        theirs->setChecked(change.resolution == Resolution::TakeTheirs);
        mineButton->setChecked(change.resolution == Resolution::TakeMine);
        if (change.resolution == Resolution::TakeMine && change.changedByMe)
            ++mine;
    }
    m_summary->setText(tr("%n conflict(s); ", nullptr, m_merge.conflictCount())
                       + tr("%n change(s) of yours kept", nullptr, mine));
    m_preview->setDiff(md::apply::diffObjects(m_info.live, m_merge.result()));
}

} // namespace md::ui
