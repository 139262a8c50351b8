#include "istio/value.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace md::istio {

namespace {

const Value &nullValue()
{
    static const Value null {};
    return null;
}

const QString &emptyKey()
{
    static const QString empty;
    return empty;
}

} // namespace

Value::Value(bool b)
    : m_type(Type::Bool)
{
    m_bool = b;
}

Value::Value(int i)
    : Value(qint64(i))
{ }

Value::Value(qint64 i)
    : m_type(Type::Integer)
{
    m_integer = i;
}

Value::Value(double d)
    : m_type(Type::Double)
{
    m_double = d;
}

Value::Value(const QString &s)
    : m_type(Type::String)
    , m_text(s)
{ }

Value Value::array()
{
    Value v;
    v.m_type = Type::Array;
    return v;
}

Value Value::object()
{
    Value v;
    v.m_type = Type::Object;
    return v;
}

Value Value::numberWithText(const Value &number, const QString &text)
{
    Value v = number;
    if (v.isNumber())
        v.m_text = text;
    return v;
}

Value Value::withPlainText(const Value &scalar, const QString &text)
{
    Value v = scalar;
    if (v.isNumber() || v.isBool())
        v.m_text = text;
    return v;
}

bool Value::toBool(bool fallback) const
{
    return m_type == Type::Bool ? m_bool : fallback;
}

qint64 Value::toInteger(qint64 fallback) const
{
    if (m_type == Type::Integer)
        return m_integer;
    if (m_type == Type::Double && std::isfinite(m_double) && std::trunc(m_double) == m_double
        && std::fabs(m_double) < 9.2e18)
        return qint64(m_double);
    return fallback;
}

double Value::toDouble(double fallback) const
{
    if (m_type == Type::Integer)
        return double(m_integer);
    return m_type == Type::Double ? m_double : fallback;
}

QString Value::toString(const QString &fallback) const
{
    return m_type == Type::String ? m_text : fallback;
}

qsizetype Value::size() const
{
    return m_container ? m_container->items.size() : 0;
}

Value::Container *Value::detach()
{
    if (!m_container)
        m_container.reset(new Container);
    else
        m_container.detach();
    return m_container.data();
}

const Value &Value::at(qsizetype i) const
{
    if (!m_container || i < 0 || i >= m_container->items.size())
        return nullValue();
    return m_container->items.at(i);
}

Value &Value::at(qsizetype i)
{
    Q_ASSERT(i >= 0 && i < size());
    return detach()->items[i];
}

void Value::append(const Value &v)
{
    if (m_type != Type::Array) {
        *this = array();
    }
    detach()->items.append(v);
}

void Value::insert(qsizetype i, const Value &v)
{
    if (m_type != Type::Array)
        *this = array();
    Container *c = detach();
    c->items.insert(std::clamp<qsizetype>(i, 0, c->items.size()), v);
}

void Value::removeAt(qsizetype i)
{
    if (i < 0 || i >= size())
        return;
    Container *c = detach();
    c->items.removeAt(i);
    if (m_type == Type::Object)
        c->removeKey(i);
}

void Value::resize(qsizetype n)
{
    if (m_type != Type::Array)
        *this = array();
    detach()->items.resize(n);
}

const QString &Value::keyAt(qsizetype i) const
{
    if (m_type != Type::Object || i < 0 || i >= size())
        return emptyKey();
    return m_container->keys.at(i);
}

const Value &Value::valueAt(qsizetype i) const
{
    return m_type == Type::Object ? at(i) : nullValue();
}

Value &Value::valueAt(qsizetype i)
{
    Q_ASSERT(m_type == Type::Object && i >= 0 && i < size());
    return detach()->items[i];
}

qsizetype Value::indexOf(const QString &key) const
{
    if (m_type != Type::Object || !m_container)
        return -1;
    return m_container->position(key);
}

const Value &Value::value(const QString &key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullValue() : m_container->items.at(i);
}

const Value *Value::find(const QString &key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &m_container->items.at(i);
}

Value *Value::find(const QString &key)
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &detach()->items[i];
}

Value &Value::insert(const QString &key, const Value &v)
{
    if (m_type != Type::Object)
        *this = object();
    const qsizetype i = indexOf(key);
    Container *c = detach();
    if (i >= 0) {
        c->items[i] = v;
        return c->items[i];
    }
    c->appendKey(key);
    c->items.append(v);
    return c->items.last();
}

Value &Value::member(const QString &key)
{
    if (Value *v = find(key))
        return *v;
    return insert(key, Value());
}

bool Value::remove(const QString &key)
{
    const qsizetype i = indexOf(key);
    if (i < 0)
        return false;
    removeAt(i);
    return true;
}

QStringList Value::keys() const
{
    return m_type == Type::Object && m_container ? m_container->keys : QStringList();
}

bool Value::operator==(const Value &other) const
{
    if (isNumber() && other.isNumber()) {
        if (m_type == Type::Integer && other.m_type == Type::Integer)
            return m_integer == other.m_integer;
        return toDouble() == other.toDouble();
    }
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Type::Null:
        return true;
    case Type::Bool:
        return m_bool == other.m_bool;
    case Type::String:
        return m_text == other.m_text;
    case Type::Array:
        if (size() != other.size())
            return false;
        for (qsizetype i = 0; i < size(); ++i) {
            if (at(i) != other.at(i))
                return false;
        }
        return true;
    case Type::Object:
        if (size() != other.size())
            return false;
        for (qsizetype i = 0; i < size(); ++i) {
            const Value *o = other.find(keyAt(i));
            if (!o || *o != valueAt(i))
                return false;
        }
        return true;
    default:
        break;
    }
    return false;
}

bool Value::identical(const Value &other) const
{
    if (isNumber() && other.isNumber())
        return *this == other;
    if (m_type != other.m_type || size() != other.size())
        return false;
    if (m_type == Type::Object) {
        for (qsizetype i = 0; i < size(); ++i) {
            if (keyAt(i) != other.keyAt(i) || !valueAt(i).identical(other.valueAt(i)))
                return false;
        }
        return true;
    }
    if (m_type == Type::Array) {
        for (qsizetype i = 0; i < size(); ++i) {
            if (!at(i).identical(other.at(i)))
                return false;
        }
        return true;
    }
    return *this == other;
}

QJsonValue Value::toJson() const
{
    switch (m_type) {
    case Type::Null:
        return QJsonValue(QJsonValue::Null);
    case Type::Bool:
        return QJsonValue(m_bool);
    case Type::Integer:
        return QJsonValue(m_integer);
    case Type::Double:
        return QJsonValue(m_double);
    case Type::String:
        return QJsonValue(m_text);
    case Type::Array: {
        QJsonArray a;
        for (qsizetype i = 0; i < size(); ++i)
            a.append(at(i).toJson());
        return a;
    }
    case Type::Object: {
        QJsonObject o;
        for (qsizetype i = 0; i < size(); ++i)
            o.insert(keyAt(i), valueAt(i).toJson());
        return o;
    }
    }
    return QJsonValue();
}

Value Value::fromJson(const QJsonValue &json)
{
    switch (json.type()) {
    case QJsonValue::Bool:
        return Value(json.toBool());
    case QJsonValue::Double: {
        const double d = json.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9.2e18)
            return Value(qint64(json.toInteger(qint64(d))));
        return Value(d);
    }
    case QJsonValue::String:
        return Value(json.toString());
    case QJsonValue::Array: {
        Value v = array();
        for (const QJsonValue &item : json.toArray())
            v.append(fromJson(item));
        return v;
    }
    case QJsonValue::Object: {
        Value v = object();
        const QJsonObject o = json.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            v.insert(it.key(), fromJson(it.value()));
        return v;
    }
    default:
        break;
    }
    return Value();
}

} // namespace md::istio
