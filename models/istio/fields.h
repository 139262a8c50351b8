#pragma once

// Typed views over lossless documents. A view struct declares its fields once:
//
//     struct Destination {
//         QString host; QString subset; std::optional<qint64> port;
//         template<typename V> void fields(V &v) { v("host", host); v("subset", subset);
//         v("port.number", port); } bool operator==(const Destination &) const = default;
//     };
//
// readView<T>(value) fills the struct from the tree; writeView(value, t) writes it back and
// touches only the fields whose typed value changed, so fields the view does not know,
// the key order and number spellings all survive. A field equal to its default (empty
// string, nullopt, empty list, default struct) is removed when it changes to that value.

#include "istio/value.h"

#include <QMap>
#include <QStringList>

#include <optional>

namespace md::istio {

class FieldReader;

template<typename T>
concept ViewStruct = requires(T &t, FieldReader &r)
{
    t.fields(r);
};

class FieldReader
{
public:
    explicit FieldReader(const Value &object)
        : m_object(object)
    { }

    template<typename T> void operator()(const char *key, T &out)
    {
        out = T {};
        read(lookup(m_object, QString::fromLatin1(key)), out);
    }

    static const Value &lookup(const Value &object, const QString &dotted)
    {
        const Value *v = &object;
        for (const QString &part : dotted.split(u'.')) {
            v = v->find(part);
            if (!v) {
                static const Value null {};
                return null;
            }
        }
        return *v;
    }

    static void read(const Value &v, QString &out) { out = v.toString(); }
    static void read(const Value &v, bool &out) { out = v.toBool(); }
    static void read(const Value &v, qint64 &out) { out = v.toInteger(qint64(v.toDouble())); }
    static void read(const Value &v, std::optional<bool> &out)
    {
        out = v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
    }
    static void read(const Value &v, std::optional<qint64> &out)
    {
        out = v.isNumber() ? std::optional<qint64>(v.toInteger(qint64(v.toDouble())))
                           : std::nullopt;
    }
    static void read(const Value &v, std::optional<double> &out)
    {
        out = v.isNumber() ? std::optional<double>(v.toDouble()) : std::nullopt;
    }
    static void read(const Value &v, Value &out) { out = v; }
    template<ViewStruct T> static void read(const Value &v, T &out)
    {
        out = T {};
        FieldReader r(v);
        out.fields(r);
    }
    template<ViewStruct T> static void read(const Value &v, std::optional<T> &out)
    {
        out.reset();
        if (v.isObject()) {
            T t;
            read(v, t);
            out = std::move(t);
        }
    }
    template<typename T> static void read(const Value &v, QList<T> &out)
    {
        out.clear();
        for (qsizetype i = 0; i < v.size() && v.isArray(); ++i) {
            T item {};
            read(v.at(i), item);
            out.append(std::move(item));
        }
    }
    template<typename T> static void read(const Value &v, QMap<QString, T> &out)
    {
        out.clear();
        for (qsizetype i = 0; i < v.size() && v.isObject(); ++i) {
            T item {};
            read(v.valueAt(i), item);
            out.insert(v.keyAt(i), std::move(item));
        }
    }

private:
    const Value &m_object;
};

class FieldWriter
{
public:
    explicit FieldWriter(Value &object)
        : m_object(object)
    { }

    template<typename T> void operator()(const char *key, T &value)
    {
        writeField(m_object, QString::fromLatin1(key), value);
    }

    template<typename T>
    static void writeField(Value &object, const QString &dotted, const T &value)
    {
        const qsizetype dot = dotted.indexOf(u'.');
        if (dot >= 0) {
            const QString head = dotted.left(dot);
            const bool existed = object.contains(head);
            if (!existed && value == T {})
                return;
            Value &child = object.member(head);
            if (!child.isObject())
                child = Value::object();
            writeField(child, dotted.mid(dot + 1), value);
            if (!existed && child.isEmpty())
                object.remove(head);
            return;
        }
        const Value *current = object.find(dotted);
        T old {};
        if (current)
            FieldReader::read(*current, old);
        if (current && old == value)
            return;
        if (value == T {}) {
            object.remove(dotted);
            return;
        }
        write(object.member(dotted), value);
    }

    static void write(Value &slot, const QString &v) { slot = Value(v); }
    static void write(Value &slot, bool v) { slot = Value(v); }
    static void write(Value &slot, qint64 v) { slot = Value(v); }
    static void write(Value &slot, const std::optional<bool> &v) { slot = v ? Value(*v) : Value(); }
    static void write(Value &slot, const std::optional<qint64> &v)
    {
        slot = v ? Value(*v) : Value();
    }
    static void write(Value &slot, const std::optional<double> &v)
    {
        slot = v ? Value(*v) : Value();
    }
    static void write(Value &slot, const Value &v) { slot = v; }
    template<ViewStruct T> static void write(Value &slot, const T &v)
    {
        if (!slot.isObject())
            slot = Value::object();
        FieldWriter w(slot);
        const_cast<T &>(v).fields(w); // fields() only reads through a writer
    }
    template<ViewStruct T> static void write(Value &slot, const std::optional<T> &v)
    {
        if (v)
            write(slot, *v);
        else
            slot = Value();
    }
    // Items are matched to the existing ones so that each keeps its unknown fields when items
    // are removed, reordered or edited: by value first, then by "name" (an edited item of a
    // named list such as subsets), then by position when neither item has a name.
    template<typename T> static void write(Value &slot, const QList<T> &list)
    {
        const Value old = slot.isArray() ? slot : Value::array();
        QList<T> oldItems(old.size());
        for (qsizetype i = 0; i < old.size(); ++i)
            FieldReader::read(old.at(i), oldItems[i]);
        QList<bool> used(old.size(), false);
        QList<qsizetype> source(list.size(), -1);
        const auto claim = [&](qsizetype j, auto &&matches) {
            if (source[j] >= 0)
                return;
            if (j < old.size() && !used[j] && matches(j)) {
                source[j] = j;
                used[j] = true;
                return;
            }
            for (qsizetype i = 0; i < old.size(); ++i) {
                if (!used[i] && matches(i)) {
                    source[j] = i;
                    used[i] = true;
                    return;
                }
            }
        };
        for (qsizetype j = 0; j < list.size(); ++j)
            claim(j, [&](qsizetype i) { return oldItems[i] == list[j]; });
        const auto nameOf
            = [](const Value &item) { return item.value(QStringLiteral("name")).toString(); };
        QStringList newNames(list.size());
        for (qsizetype j = 0; j < list.size(); ++j) {
            Value scratch;
            write(scratch, list[j]);
            newNames[j] = nameOf(scratch);
            if (!newNames[j].isEmpty())
                claim(j, [&](qsizetype i) { return nameOf(old.at(i)) == newNames[j]; });
        }
        for (qsizetype j = 0; j < list.size(); ++j) {
            claim(j, [&](qsizetype i) {
                return i == j && newNames[j].isEmpty() && nameOf(old.at(i)).isEmpty();
            });
        }
        Value result = Value::array();
        for (qsizetype j = 0; j < list.size(); ++j) {
            Value item = source[j] >= 0 ? old.at(source[j]) : Value();
            if (source[j] < 0 || !(oldItems[source[j]] == list[j]))
                write(item, list[j]);
            result.append(item);
        }
        slot = result;
    }
    template<typename T> static void write(Value &slot, const QMap<QString, T> &map)
    {
        if (!slot.isObject())
            slot = Value::object();
        for (const QString &key : slot.keys()) {
            if (!map.contains(key))
                slot.remove(key);
        }
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            Value *current = slot.find(it.key());
            T old {};
            if (current)
                FieldReader::read(*current, old);
            if (!current || !(old == it.value()))
                write(slot.member(it.key()), it.value());
        }
    }

private:
    Value &m_object;
};

template<ViewStruct T> T readView(const Value &object)
{
    T t;
    FieldReader::read(object, t);
    return t;
}

template<ViewStruct T> void writeView(Value &object, const T &view)
{
    FieldWriter::write(object, view);
}

} // namespace md::istio
