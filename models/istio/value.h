#pragma once

// md::istio::Value: an ordered JSON-like tree. Unlike QJsonObject it keeps the order of
// keys as written, and numbers keep the text they were written with ("1.0", "0x1F"), so a
// document read from YAML or JSON is written back without losing or reordering anything.
// Containers are implicitly shared (copy-on-write), so copies are cheap.

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QSharedData>
#include <QString>
#include <QStringList>

namespace md::istio {

class Value
{
public:
    enum class Type : quint8 { Null, Bool, Integer, Double, String, Array, Object };

    Value() = default;
    Value(std::nullptr_t) { }
    Value(bool b);
    Value(int i);
    Value(qint64 i);
    Value(double d);
    Value(const QString &s);
    static Value array();
    static Value object();

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInteger() const { return m_type == Type::Integer; }
    bool isNumber() const { return m_type == Type::Integer || m_type == Type::Double; }
    bool isString() const { return m_type == Type::String; }
    bool isArray() const { return m_type == Type::Array; }
    bool isObject() const { return m_type == Type::Object; }
    bool isScalar() const { return !isArray() && !isObject(); }

    bool toBool(bool fallback = false) const;
    qint64 toInteger(qint64 fallback = 0) const; // doubles with an integral value count too
    double toDouble(double fallback = 0) const;
    QString toString(const QString &fallback = {}) const; // strings only
    // The number as written in the source ("0x1F", "1.50"); empty when it was set in code.
    QString numberText() const { return isNumber() ? m_text : QString(); }
    static Value numberWithText(const Value &number, const QString &text);
    // A number or boolean read from a plain scalar keeps its spelling ("0777", "on", "1.10"):
    // written back as is, and checks can say how a value the user wrote was read.
    QString plainText() const { return isNumber() || isBool() ? m_text : QString(); }
    static Value withPlainText(const Value &scalar, const QString &text);

    // Arrays and objects: size() is the number of items or members.
    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }

    // Arrays
    const Value &at(qsizetype i) const;
    Value &at(qsizetype i); // detaches
    void append(const Value &v);
    void insert(qsizetype i, const Value &v);
    void removeAt(qsizetype i);
    void resize(qsizetype n); // pads with nulls

    // Objects (members keep their order)
    const QString &keyAt(qsizetype i) const;
    const Value &valueAt(qsizetype i) const;
    Value &valueAt(qsizetype i); // detaches
    qsizetype indexOf(const QString &key) const; // -1 when absent
    bool contains(const QString &key) const { return indexOf(key) >= 0; }
    const Value &value(const QString &key) const; // a null Value when absent
    const Value *find(const QString &key) const;
    Value *find(const QString &key); // detaches
    Value &insert(const QString &key, const Value &v); // replaces in place, or appends
    Value &member(const QString &key); // get or append (as null)
    bool remove(const QString &key);
    QStringList keys() const;

    const Value &operator[](const QString &key) const { return value(key); }
    const Value &operator[](qsizetype i) const { return at(i); }

    // Value equality as JSON sees it: numbers by value, object members regardless of order.
    bool operator==(const Value &other) const;
    bool operator!=(const Value &other) const { return !(*this == other); }
    // Like == but object members must also be in the same order.
    bool identical(const Value &other) const;

    QJsonValue toJson() const;
    static Value fromJson(const QJsonValue &json); // QJsonObject order is alphabetical

private:
    struct Container;
    const Container *container() const { return m_container.data(); }

    Type m_type = Type::Null;
    union {
        bool m_bool;
        qint64 m_integer;
        double m_double = 0;
    };
    QString m_text; // string value, or a number's or boolean's source text
    QExplicitlySharedDataPointer<Container> m_container;
    Container *detach();
};

struct Value::Container : QSharedData
{
    QList<Value> items; // array items, or object member values
    QStringList keys; // object member keys (parallel to items); empty for arrays
    // Key -> position, kept once an object has more than kIndexFrom members, so that
    // building or looking up a large mapping (a ConfigMap of 20,000 keys) stays linear.
    QHash<QString, qsizetype> index;
    static constexpr qsizetype kIndexFrom = 16;

    qsizetype position(const QString &key) const
    {
        if (keys.size() <= kIndexFrom)
            return keys.indexOf(key);
        const auto it = index.constFind(key);
        return it == index.cend() ? -1 : *it;
    }
    void appendKey(const QString &key)
    {
        keys.append(key);
        if (keys.size() == kIndexFrom + 1)
            reindex();
        else if (keys.size() > kIndexFrom + 1)
            index.insert(key, keys.size() - 1);
    }
    void removeKey(qsizetype i)
    {
        keys.removeAt(i);
        reindex();
    }
    void reindex()
    {
        index.clear();
        if (keys.size() <= kIndexFrom)
            return;
        index.reserve(keys.size());
        for (qsizetype i = 0; i < keys.size(); ++i)
            index.insert(keys.at(i), i);
    }
};

} // namespace md::istio
