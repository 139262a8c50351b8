#pragma once

// Small value widgets the seven policy forms are made of. Each has value() / setValue()
// and a changed() signal emitted only for the user's edits, so a form binds any of them to
// a field of its typed view the same way (FormBase::bind).

#include "istio/networking.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QWidget>

#include <functional>
#include <optional>

class QGridLayout;
class QHBoxLayout;
class QToolButton;
class QVBoxLayout;

namespace md::ui::forms {

// Suggestions for an editable field, asked for when it is shown (the mesh may change).
using Suggestions = std::function<QStringList()>;

class TextField : public QLineEdit
{
    Q_OBJECT
public:
    explicit TextField(const QString &placeholder = {}, QWidget *parent = nullptr);
    QString value() const { return text().trimmed(); }
    void setValue(const QString &v);
    // A completer over `suggestions`, refreshed when the field gets the focus.
    void setSuggestions(Suggestions suggestions);
signals:
    void changed();

protected:
    void focusInEvent(QFocusEvent *event) override;

private:
    Suggestions m_suggestions;
};

// A duration ("1.5s", "100ms", "1h30m"); shows itself invalid while the text is not one.
class DurationField : public TextField
{
    Q_OBJECT
public:
    explicit DurationField(QWidget *parent = nullptr);
    static bool isDuration(const QString &text);
};

// An enumeration: the first item "(not set)" stands for the empty string. Editable combos
// take any text (a picker with completion), the others only the given values.
class ChoiceField : public QComboBox
{
    Q_OBJECT
public:
    ChoiceField(const QStringList &values, bool editable, QWidget *parent = nullptr);
    QString value() const;
    void setValue(const QString &v);
    void setSuggestions(Suggestions suggestions); // editable combos: refilled on showPopup
    void showPopup() override;
signals:
    void changed();

private:
    void refill(const QStringList &values);
    Suggestions m_suggestions;
    bool m_setting = false;
};

class FlagField : public QCheckBox
{
    Q_OBJECT
public:
    explicit FlagField(const QString &text, QWidget *parent = nullptr);
    bool value() const { return isChecked(); }
    void setValue(bool v);
signals:
    void changed();
};

// An optional boolean: not set / true / false.
class TriField : public QComboBox
{
    Q_OBJECT
public:
    explicit TriField(QWidget *parent = nullptr);
    std::optional<bool> value() const;
    void setValue(std::optional<bool> v);
signals:
    void changed();
};

// An optional integer: the minimum shows as "not set".
class IntField : public QSpinBox
{
    Q_OBJECT
public:
    IntField(qint64 min, qint64 max, QWidget *parent = nullptr);
    std::optional<qint64> value() const;
    void setValue(std::optional<qint64> v);
signals:
    void changed();
};

// An optional percentage or other real number: the minimum shows as "not set".
class RealField : public QDoubleSpinBox
{
    Q_OBJECT
public:
    RealField(double min, double max, const QString &suffix, QWidget *parent = nullptr);
    std::optional<double> value() const;
    void setValue(std::optional<double> v);
signals:
    void changed();
};

// A list of rows with a remove button each and an "Add" button; the base of the list
// editors below.
class RowList : public QWidget
{
    Q_OBJECT
public:
    explicit RowList(const QString &addText, QWidget *parent = nullptr);
    int rowCount() const { return int(m_rows.size()); }
    QWidget *rowAt(int i) const { return m_rows.at(i); }
    QToolButton *addButton() const { return m_add; }
signals:
    void changed();

protected:
    // Appends a row holding `editors` side by side (stretch factors `stretch`).
    QWidget *appendRow(const QList<QWidget *> &editors, const QList<int> &stretch = {});
    void clearRows();
    virtual void addRow() = 0;
    QHBoxLayout *footer() const { return m_footer; }

private:
    QVBoxLayout *m_layout = nullptr;
    QHBoxLayout *m_footer = nullptr;
    QToolButton *m_add = nullptr;
    QList<QWidget *> m_rows;
};

// A list of strings (hosts, namespaces, methods, ...).
class StringListEdit : public RowList
{
    Q_OBJECT
public:
    StringListEdit(const QString &placeholder, const QString &addText, QWidget *parent = nullptr);
    QStringList value() const;
    void setValue(const QStringList &v);
    void setSuggestions(Suggestions suggestions) { m_suggestions = std::move(suggestions); }
    TextField *field(int i) const;

protected:
    void addRow() override { add({}); }

private:
    TextField *add(const QString &text);
    QString m_placeholder;
    Suggestions m_suggestions;
};

// A map of strings (labels, annotations, headers to set).
class KeyValueEdit : public RowList
{
    Q_OBJECT
public:
    KeyValueEdit(const QString &keyPlaceholder, const QString &valuePlaceholder,
                 QWidget *parent = nullptr);
    QMap<QString, QString> value() const;
    void setValue(const QMap<QString, QString> &v);
    // "key=value" suggestions (Pod labels): the key completes, then the value.
    void setSuggestions(Suggestions pairs) { m_pairs = std::move(pairs); }
    TextField *keyField(int i) const;
    TextField *valueField(int i) const;

protected:
    void addRow() override { add({}, {}); }

private:
    void add(const QString &key, const QString &value);
    QString m_keyPlaceholder, m_valuePlaceholder;
    Suggestions m_pairs;
};

// exact / prefix / regex and its text; empty text is "not set".
class StringMatchEdit : public QWidget
{
    Q_OBJECT
public:
    explicit StringMatchEdit(const QString &placeholder = {}, QWidget *parent = nullptr);
    std::optional<md::istio::StringMatch> value() const;
    void setValue(const std::optional<md::istio::StringMatch> &v);
    QComboBox *kindBox() const { return m_kind; }
    TextField *textField() const { return m_text; }
    static md::istio::StringMatch make(int kind, const QString &text);
signals:
    void changed();

private:
    QComboBox *m_kind = nullptr;
    TextField *m_text = nullptr;
};

// name -> StringMatch (headers, queryParams, withoutHeaders).
class MatchMapEdit : public RowList
{
    Q_OBJECT
public:
    MatchMapEdit(const QString &namePlaceholder, QWidget *parent = nullptr);
    QMap<QString, md::istio::StringMatch> value() const;
    void setValue(const QMap<QString, md::istio::StringMatch> &v);

protected:
    void addRow() override { add({}, {}); }

private:
    void add(const QString &name, const md::istio::StringMatch &match);
    QString m_placeholder;
};

// A list of StringMatch (CORS allowOrigins).
class MatchListEdit : public RowList
{
    Q_OBJECT
public:
    explicit MatchListEdit(QWidget *parent = nullptr);
    QList<md::istio::StringMatch> value() const;
    void setValue(const QList<md::istio::StringMatch> &v);

protected:
    void addRow() override { add({}); }

private:
    void add(const md::istio::StringMatch &match);
};

} // namespace md::ui::forms
