#include "resources/metadatadialog.h"

#include "istio/document.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace md::ui {

using md::istio::Value;
using md::resources::KeyValues;

namespace {

KeyValues readMap(const Value &map)
{
    KeyValues items;
    for (qsizetype i = 0; i < map.size() && map.isObject(); ++i) {
        const Value &value = map.valueAt(i);
        items.append({map.keyAt(i),
                      value.isString() ? value.toString()
                                       : QString::fromUtf8(md::istio::toJson(value, false))});
    }
    return items;
}

KeyValues readTable(const QTableWidget *table)
{
    KeyValues items;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QTableWidgetItem *key = table->item(row, 0);
        const QTableWidgetItem *value = table->item(row, 1);
        const QString k = key ? key->text().trimmed() : QString();
        const QString v = value ? value->text() : QString();
        if (k.isEmpty() && v.isEmpty())
            continue; // a row added and left blank
        items.append({k, v});
    }
    return items;
}

void fillTable(QTableWidget *table, const KeyValues &items)
{
    table->setRowCount(0);
    for (const auto &[key, value] : items) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(key));
        table->setItem(row, 1, new QTableWidgetItem(value));
    }
}

Value toMap(const KeyValues &items)
{
    Value map = Value::object();
    for (const auto &[key, value] : items)
        map.insert(key, Value(value));
    return map;
}

} // namespace

MetadataDialog::MetadataDialog(const Value &object, QWidget *parent)
    : QDialog(parent)
    , m_object(object)
    , m_labels(new QTableWidget(0, 2, this))
    , m_annotations(new QTableWidget(0, 2, this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("metadataDialog"));
    const md::istio::ObjectId id = md::istio::ObjectId::of(object);
    setWindowTitle(tr("Labels and annotations of %1").arg(id.displayName()));
    m_labels->setObjectName(QStringLiteral("labelsTable"));
    m_annotations->setObjectName(QStringLiteral("annotationsTable"));
    for (QTableWidget *table : {m_labels, m_annotations}) {
        table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
        table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
        table->horizontalHeader()->setStretchLastSection(true);
        table->setColumnWidth(0, 260);
        table->verticalHeader()->hide();
        connect(table, &QTableWidget::itemChanged, this, &MetadataDialog::validate);
    }
    m_problem->setObjectName(QStringLiteral("metadataProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    QPalette palette = m_problem->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_problem->setPalette(palette);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Review…"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(section(tr("Labels"), m_labels, tr("Add label")), 1);
    layout->addWidget(section(tr("Annotations"), m_annotations, tr("Add annotation")), 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    const Value &metadata = object.value(QStringLiteral("metadata"));
    setLabels(readMap(metadata.value(QStringLiteral("labels"))));
    setAnnotations(readMap(metadata.value(QStringLiteral("annotations"))));
    resize(720, 560);
}

QWidget *MetadataDialog::section(const QString &title, QTableWidget *table, const QString &addText)
{
    auto box = new QWidget(this);
    auto heading = new QLabel(title, box);
    QFont font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    auto add = new QPushButton(addText, box);
    add->setObjectName(table->objectName() + QStringLiteral("Add"));
    auto remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(table->objectName() + QStringLiteral("Remove"));
    connect(add, &QPushButton::clicked, this, [this, table] {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem);
        table->setItem(row, 1, new QTableWidgetItem);
        table->setCurrentCell(row, 0);
        table->editItem(table->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this, table] {
        const int row = table->currentRow();
        if (row >= 0)
            table->removeRow(row);
        validate();
    });
    auto top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(add);
    top->addWidget(remove);
    auto layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(table);
    return box;
}

KeyValues MetadataDialog::labels() const
{
    return readTable(m_labels);
}

KeyValues MetadataDialog::annotations() const
{
    return readTable(m_annotations);
}

void MetadataDialog::setLabels(const KeyValues &labels)
{
    const QSignalBlocker blocker(m_labels);
    fillTable(m_labels, labels);
    validate();
}

void MetadataDialog::setAnnotations(const KeyValues &annotations)
{
    const QSignalBlocker blocker(m_annotations);
    fillTable(m_annotations, annotations);
    validate();
}

QString MetadataDialog::problem() const
{
    if (auto checked = md::resources::checkLabels(labels()); !checked)
        return checked.error().toString();
    if (auto checked = md::resources::checkAnnotations(annotations()); !checked)
        return checked.error().toString();
    return {};
}

void MetadataDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

Value MetadataDialog::editedObject() const
{
    Value object = m_object;
    object.remove(QStringLiteral("status"));
    Value &metadata = object.member(QStringLiteral("metadata"));
    if (metadata.isNull())
        metadata = Value::object();
    metadata.remove(QStringLiteral("managedFields"));
    const KeyValues l = labels();
    const KeyValues a = annotations();
    if (l.isEmpty())
        metadata.remove(QStringLiteral("labels"));
    else
        metadata.insert(QStringLiteral("labels"), toMap(l));
    if (a.isEmpty())
        metadata.remove(QStringLiteral("annotations"));
    else
        metadata.insert(QStringLiteral("annotations"), toMap(a));
    return object;
}

} // namespace md::ui
