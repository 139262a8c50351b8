#include "editors/forms/fieldwidgets.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QRegularExpression>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <limits>

namespace md::ui::forms {

namespace {

QCompleter *makeCompleter(QObject *parent)
{
    auto completer = new QCompleter(new QStringListModel(parent), parent);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    return completer;
}

int clampInt(qint64 v)
{
    return int(qBound(qint64(std::numeric_limits<int>::min()), v,
                      qint64(std::numeric_limits<int>::max())));
}

} // namespace

TextField::TextField(const QString &placeholder, QWidget *parent)
    : QLineEdit(parent)
{
    setPlaceholderText(placeholder);
    setClearButtonEnabled(false);
    connect(this, &QLineEdit::textEdited, this, &TextField::changed);
}

void TextField::setValue(const QString &v)
{
    if (text() != v)
        setText(v);
}

void TextField::setSuggestions(Suggestions suggestions)
{
    m_suggestions = std::move(suggestions);
    if (!completer()) {
        setCompleter(makeCompleter(this));
        // Picking a completion is an edit.
        connect(completer(), qOverload<const QString &>(&QCompleter::activated), this,
                [this](const QString &) { emit changed(); });
    }
}

void TextField::focusInEvent(QFocusEvent *event)
{
    if (m_suggestions && completer()) {
        if (auto model = qobject_cast<QStringListModel *>(completer()->model()))
            model->setStringList(m_suggestions());
    }
    QLineEdit::focusInEvent(event);
}

DurationField::DurationField(QWidget *parent)
    : TextField(tr("e.g. 5s, 250ms, 1m30s"), parent)
{
    const auto check = [this] {
        const bool ok = value().isEmpty() || isDuration(value());
        setProperty("mdInvalid", !ok);
        setToolTip(ok ? QString() : tr("Not a duration: write a number and a unit (h, m, s, ms)"));
        setStyleSheet(ok ? QString() : QStringLiteral("QLineEdit { border: 1px solid #d0312d; }"));
    };
    connect(this, &QLineEdit::textChanged, this, check);
}

bool DurationField::isDuration(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^([0-9]+(\\.[0-9]+)?(h|m|s|ms|us|\u00b5s|ns))+$"));
    return re.match(text).hasMatch();
}

ChoiceField::ChoiceField(const QStringList &values, bool editable, QWidget *parent)
    : QComboBox(parent)
{
    setEditable(editable);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(8);
    refill(values);
    if (editable) {
        setInsertPolicy(QComboBox::NoInsert);
        completer()->setCaseSensitivity(Qt::CaseInsensitive);
        completer()->setFilterMode(Qt::MatchContains);
        completer()->setCompletionMode(QCompleter::PopupCompletion);
        connect(lineEdit(), &QLineEdit::textEdited, this, &ChoiceField::changed);
    }
    connect(this, &QComboBox::activated, this, [this] {
        if (!m_setting)
            emit changed();
    });
}

void ChoiceField::refill(const QStringList &values)
{
    const QString current = value();
    m_setting = true;
    clear();
    if (!isEditable())
        addItem(tr("(not set)"), QString());
    for (const QString &v : values)
        addItem(v, v);
    m_setting = false;
    setValue(current);
}

QString ChoiceField::value() const
{
    if (isEditable())
        return currentText().trimmed();
    return currentData().toString();
}

void ChoiceField::setValue(const QString &v)
{
    m_setting = true;
    if (isEditable()) {
        if (currentText() != v)
            setEditText(v);
    } else {
        int i = findData(v);
        if (i < 0) { // a value the form does not list: keep it visible and selectable
            addItem(v, v);
            i = count() - 1;
        }
        setCurrentIndex(i);
    }
    m_setting = false;
}

void ChoiceField::setSuggestions(Suggestions suggestions)
{
    m_suggestions = std::move(suggestions);
}

void ChoiceField::showPopup()
{
    if (m_suggestions) {
        const QString text = currentText();
        refill(m_suggestions());
        setEditText(text);
    }
    QComboBox::showPopup();
}

FlagField::FlagField(const QString &text, QWidget *parent)
    : QCheckBox(text, parent)
{
    connect(this, &QCheckBox::clicked, this, &FlagField::changed);
}

void FlagField::setValue(bool v)
{
    setChecked(v);
}

TriField::TriField(QWidget *parent)
    : QComboBox(parent)
{
    addItem(tr("(not set)"));
    addItem(tr("true"));
    addItem(tr("false"));
    connect(this, &QComboBox::activated, this, &TriField::changed);
}

std::optional<bool> TriField::value() const
{
    if (currentIndex() <= 0)
        return std::nullopt;
    return currentIndex() == 1;
}

void TriField::setValue(std::optional<bool> v)
{
    setCurrentIndex(v ? (*v ? 1 : 2) : 0);
}

IntField::IntField(qint64 min, qint64 max, QWidget *parent)
    : QSpinBox(parent)
{
    setRange(clampInt(min - 1), clampInt(max));
    setSpecialValueText(tr("not set"));
    setValue(std::nullopt);
    setAccelerated(true);
    connect(this, &QSpinBox::valueChanged, this, [this] {
        if (hasFocus() || underMouse())
            emit changed();
    });
    connect(this, &QSpinBox::editingFinished, this, &IntField::changed);
}

std::optional<qint64> IntField::value() const
{
    const int v = QSpinBox::value();
    return v == minimum() ? std::nullopt : std::optional<qint64>(v);
}

void IntField::setValue(std::optional<qint64> v)
{
    const QSignalBlocker block(this);
    QSpinBox::setValue(v ? clampInt(*v) : minimum());
}

RealField::RealField(double min, double max, const QString &suffix, QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(2);
    setRange(min - 1, max);
    setSuffix(suffix);
    setSpecialValueText(tr("not set"));
    setValue(std::nullopt);
    connect(this, &QDoubleSpinBox::valueChanged, this, [this] {
        if (hasFocus() || underMouse())
            emit changed();
    });
    connect(this, &QDoubleSpinBox::editingFinished, this, &RealField::changed);
}

std::optional<double> RealField::value() const
{
    const double v = QDoubleSpinBox::value();
    return v == minimum() ? std::nullopt : std::optional<double>(v);
}

void RealField::setValue(std::optional<double> v)
{
    const QSignalBlocker block(this);
    QDoubleSpinBox::setValue(v ? *v : minimum());
}

RowList::RowList(const QString &addText, QWidget *parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
    , m_add(new QToolButton(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(3);
    m_add->setText(QStringLiteral("+ ") + addText);
    m_add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_add->setAutoRaise(true);
    m_add->setObjectName(QStringLiteral("addRow"));
    m_footer = new QHBoxLayout;
    m_footer->setContentsMargins(0, 0, 0, 0);
    m_footer->addWidget(m_add);
    m_footer->addStretch(1);
    m_layout->addLayout(m_footer);
    connect(m_add, &QToolButton::clicked, this, [this] {
        addRow();
        if (!m_rows.isEmpty()) {
            if (auto first = m_rows.last()->findChild<QWidget *>(); first)
                first->setFocus();
        }
        emit changed();
    });
}

QWidget *RowList::appendRow(const QList<QWidget *> &editors, const QList<int> &stretch)
{
    auto row = new QWidget(this);
    auto layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (int i = 0; i < editors.size(); ++i)
        layout->addWidget(editors[i], i < stretch.size() ? stretch[i] : 1);
    auto remove = new QToolButton(row);
    remove->setText(QStringLiteral("\u2715"));
    remove->setToolTip(tr("Remove"));
    remove->setAutoRaise(true);
    remove->setObjectName(QStringLiteral("removeRow"));
    layout->addWidget(remove);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        m_rows.removeOne(row);
        row->deleteLater();
        row->hide();
        m_layout->removeWidget(row);
        emit changed();
    });
    m_layout->insertWidget(m_layout->count() - 1, row);
    m_rows.append(row);
    return row;
}

void RowList::clearRows()
{
    for (QWidget *row : std::as_const(m_rows)) {
        m_layout->removeWidget(row);
        delete row;
    }
    m_rows.clear();
}

StringListEdit::StringListEdit(const QString &placeholder, const QString &addText, QWidget *parent)
    : RowList(addText, parent)
    , m_placeholder(placeholder)
{ }

TextField *StringListEdit::add(const QString &text)
{
    auto field = new TextField(m_placeholder);
    field->setValue(text);
    if (m_suggestions)
        field->setSuggestions(m_suggestions);
    connect(field, &TextField::changed, this, &RowList::changed);
    appendRow({field});
    return field;
}

QStringList StringListEdit::value() const
{
    QStringList out;
    for (int i = 0; i < rowCount(); ++i) {
        const QString v = field(i)->value();
        if (!v.isEmpty())
            out.append(v);
    }
    return out;
}

void StringListEdit::setValue(const QStringList &v)
{
    if (value() == v && rowCount() == v.size())
        return;
    clearRows();
    for (const QString &s : v)
        add(s);
}

TextField *StringListEdit::field(int i) const
{
    return rowAt(i)->findChild<TextField *>();
}

KeyValueEdit::KeyValueEdit(const QString &keyPlaceholder, const QString &valuePlaceholder,
                           QWidget *parent)
    : RowList(tr("Add"), parent)
    , m_keyPlaceholder(keyPlaceholder)
    , m_valuePlaceholder(valuePlaceholder)
{ }

void KeyValueEdit::add(const QString &key, const QString &value)
{
    auto k = new TextField(m_keyPlaceholder);
    auto v = new TextField(m_valuePlaceholder);
    k->setObjectName(QStringLiteral("key"));
    v->setObjectName(QStringLiteral("value"));
    k->setValue(key);
    v->setValue(value);
    if (m_pairs) {
        const Suggestions pairs = m_pairs;
        k->setSuggestions([pairs] {
            QStringList keys;
            for (const QString &p : pairs())
                keys.append(p.section(u'=', 0, 0));
            keys.removeDuplicates();
            return keys;
        });
        v->setSuggestions([pairs, k] {
            QStringList values;
            const QString prefix = k->value() + u'=';
            for (const QString &p : pairs()) {
                if (p.startsWith(prefix))
                    values.append(p.mid(prefix.size()));
            }
            return values;
        });
    }
    connect(k, &TextField::changed, this, &RowList::changed);
    connect(v, &TextField::changed, this, &RowList::changed);
    appendRow({k, v}, {2, 3});
}

QMap<QString, QString> KeyValueEdit::value() const
{
    QMap<QString, QString> out;
    for (int i = 0; i < rowCount(); ++i) {
        if (!keyField(i)->value().isEmpty())
            out.insert(keyField(i)->value(), valueField(i)->text());
    }
    return out;
}

void KeyValueEdit::setValue(const QMap<QString, QString> &v)
{
    if (value() == v && rowCount() == v.size())
        return;
    clearRows();
    for (auto it = v.constBegin(); it != v.constEnd(); ++it)
        add(it.key(), it.value());
}

TextField *KeyValueEdit::keyField(int i) const
{
    return rowAt(i)->findChild<TextField *>(QStringLiteral("key"));
}

TextField *KeyValueEdit::valueField(int i) const
{
    return rowAt(i)->findChild<TextField *>(QStringLiteral("value"));
}

StringMatchEdit::StringMatchEdit(const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_kind(new QComboBox(this))
    , m_text(new TextField(placeholder, this))
{
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_kind->addItems({tr("exact"), tr("prefix"), tr("regex")});
    m_kind->setObjectName(QStringLiteral("matchKind"));
    layout->addWidget(m_kind);
    layout->addWidget(m_text, 1);
    connect(m_kind, &QComboBox::activated, this, &StringMatchEdit::changed);
    connect(m_text, &TextField::changed, this, &StringMatchEdit::changed);
}

md::istio::StringMatch StringMatchEdit::make(int kind, const QString &text)
{
    md::istio::StringMatch m;
    (kind == 1 ? m.prefix : kind == 2 ? m.regex : m.exact) = text;
    return m;
}

std::optional<md::istio::StringMatch> StringMatchEdit::value() const
{
    if (m_text->text().isEmpty())
        return std::nullopt;
    return make(m_kind->currentIndex(), m_text->text());
}

void StringMatchEdit::setValue(const std::optional<md::istio::StringMatch> &v)
{
    if (!v) {
        m_text->setValue({});
        return;
    }
    const int kind = !v->prefix.isEmpty() ? 1 : !v->regex.isEmpty() ? 2 : 0;
    m_kind->setCurrentIndex(kind);
    m_text->setValue(kind == 1 ? v->prefix : kind == 2 ? v->regex : v->exact);
}

MatchMapEdit::MatchMapEdit(const QString &namePlaceholder, QWidget *parent)
    : RowList(tr("Add"), parent)
    , m_placeholder(namePlaceholder)
{ }

void MatchMapEdit::add(const QString &name, const md::istio::StringMatch &match)
{
    auto key = new TextField(m_placeholder);
    key->setObjectName(QStringLiteral("key"));
    key->setValue(name);
    auto edit = new StringMatchEdit(tr("value (empty: present)"));
    edit->setValue(match);
    connect(key, &TextField::changed, this, &RowList::changed);
    connect(edit, &StringMatchEdit::changed, this, &RowList::changed);
    appendRow({key, edit}, {2, 3});
}

QMap<QString, md::istio::StringMatch> MatchMapEdit::value() const
{
    QMap<QString, md::istio::StringMatch> out;
    for (int i = 0; i < rowCount(); ++i) {
        const QString key = rowAt(i)->findChild<TextField *>(QStringLiteral("key"))->value();
        if (key.isEmpty())
            continue;
        // An empty value matches the header's presence: {} in Istio.
        out.insert(
            key,
            rowAt(i)->findChild<StringMatchEdit *>()->value().value_or(md::istio::StringMatch {}));
    }
    return out;
}

void MatchMapEdit::setValue(const QMap<QString, md::istio::StringMatch> &v)
{
    if (value() == v && rowCount() == v.size())
        return;
    clearRows();
    for (auto it = v.constBegin(); it != v.constEnd(); ++it)
        add(it.key(), it.value());
}

MatchListEdit::MatchListEdit(QWidget *parent)
    : RowList(tr("Add origin"), parent)
{ }

void MatchListEdit::add(const md::istio::StringMatch &match)
{
    auto edit = new StringMatchEdit(tr("https://example.com"));
    edit->setValue(match);
    connect(edit, &StringMatchEdit::changed, this, &RowList::changed);
    appendRow({edit});
}

QList<md::istio::StringMatch> MatchListEdit::value() const
{
    QList<md::istio::StringMatch> out;
    for (int i = 0; i < rowCount(); ++i) {
        if (auto v = rowAt(i)->findChild<StringMatchEdit *>()->value())
            out.append(*v);
    }
    return out;
}

void MatchListEdit::setValue(const QList<md::istio::StringMatch> &v)
{
    if (value() == v && rowCount() == v.size())
        return;
    clearRows();
    for (const auto &m : v)
        add(m);
}

} // namespace md::ui::forms
