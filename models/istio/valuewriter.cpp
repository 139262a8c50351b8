// YAML and JSON writers for Value: block-style YAML (the quoting rules of
// schema::yamlScalarText) and JSON, both in the Value's own key order.

#include "istio/document.h"

#include "schema/yamljson.h"

#include <QRegularExpression>

#include <cmath>

namespace md::istio {

namespace {

bool isEmptyContainer(const Value &v)
{
    return (v.isObject() || v.isArray()) && v.isEmpty();
}

QByteArray scalarYaml(const Value &v, int indent, bool allowBlock = true)
{
    if (!v.plainText().isEmpty())
        return v.plainText().toUtf8(); // came from a plain scalar, so it reads back the same
    if (v.isArray())
        return "[]";
    if (v.isObject())
        return "{}";
    return schema::yamlScalarText(v.toJson(), indent, allowBlock);
}

void writeObject(QByteArray &out, const Value &object, int column, bool firstInline);
void writeArray(QByteArray &out, const Value &array, int column, bool firstInline);

void writeMapValue(QByteArray &out, const Value &value, int keyColumn)
{
    if (value.isObject() && !isEmptyContainer(value)) {
        out += '\n';
        writeObject(out, value, keyColumn + 2, false);
    } else if (value.isArray() && !isEmptyContainer(value)) {
        out += '\n';
        writeArray(out, value, keyColumn, false);
    } else {
        out += ' ';
        out += scalarYaml(value, keyColumn + 2);
        out += '\n';
    }
}

void writeObject(QByteArray &out, const Value &object, int column, bool firstInline)
{
    for (qsizetype i = 0; i < object.size(); ++i) {
        if (!(i == 0 && firstInline))
            out += QByteArray(column, ' ');
        const QByteArray key = schema::yamlScalarText(QJsonValue(object.keyAt(i)), 0, false);
        if (key.size() > 1000) // implicit keys are limited to 1024 characters
            out += "? " + key + '\n' + QByteArray(column, ' ') + ':';
        else
            out += key + ':';
        writeMapValue(out, object.valueAt(i), column);
    }
}

void writeArray(QByteArray &out, const Value &array, int column, bool firstInline)
{
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!(i == 0 && firstInline))
            out += QByteArray(column, ' ');
        out += "- ";
        const Value &item = array.at(i);
        if (item.isObject() && !isEmptyContainer(item))
            writeObject(out, item, column + 2, true);
        else if (item.isArray() && !isEmptyContainer(item))
            writeArray(out, item, column + 2, true);
        else
            out += scalarYaml(item, column + 2) + '\n';
    }
}

void jsonString(QByteArray &out, const QString &s)
{
    out += '"';
    QString run; // plain characters, converted together so that surrogate pairs stay intact
    const auto flush = [&] {
        out += run.toUtf8();
        run.clear();
    };
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        const char *escape = nullptr;
        switch (u) {
        case u'"':
            escape = "\\\"";
            break;
        case u'\\':
            escape = "\\\\";
            break;
        case u'\n':
            escape = "\\n";
            break;
        case u'\r':
            escape = "\\r";
            break;
        case u'\t':
            escape = "\\t";
            break;
        case u'\b':
            escape = "\\b";
            break;
        case u'\f':
            escape = "\\f";
            break;
        default:
            break;
        }
        if (escape) {
            flush();
            out += escape;
        } else if (u < 0x20 || u == 0x2028 || u == 0x2029) {
            flush();
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        } else {
            run += c;
        }
    }
    flush();
    out += '"';
}

bool isJsonNumber(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    return re.match(text).hasMatch();
}

void writeJson(QByteArray &out, const Value &v, int indent, int depth)
{
    const auto newline = [&](int level) {
        if (indent > 0) {
            out += '\n';
            out += QByteArray(level * indent, ' ');
        }
    };
    switch (v.type()) {
    case Value::Type::Null:
        out += "null";
        break;
    case Value::Type::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case Value::Type::Integer:
        out += isJsonNumber(v.numberText()) ? v.numberText().toUtf8()
                                            : QByteArray::number(v.toInteger());
        break;
    case Value::Type::Double: {
        const double d = v.toDouble();
        if (!std::isfinite(d))
            out += "null";
        else if (isJsonNumber(v.numberText()))
            out += v.numberText().toUtf8();
        else
            out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        break;
    }
    case Value::Type::String:
        jsonString(out, v.toString());
        break;
    case Value::Type::Array:
        out += '[';
        for (qsizetype i = 0; i < v.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(depth + 1);
            writeJson(out, v.at(i), indent, depth + 1);
        }
        if (v.size() > 0)
            newline(depth);
        out += ']';
        break;
    case Value::Type::Object:
        out += '{';
        for (qsizetype i = 0; i < v.size(); ++i) {
            if (i > 0)
                out += ',';
            newline(depth + 1);
            jsonString(out, v.keyAt(i));
            out += indent > 0 ? ": " : ":";
            writeJson(out, v.valueAt(i), indent, depth + 1);
        }
        if (v.size() > 0)
            newline(depth);
        out += '}';
        break;
    }
}

} // namespace

QByteArray toYaml(const Value &value)
{
    QByteArray out;
    if (value.isObject() && !value.isEmpty())
        writeObject(out, value, 0, false);
    else if (value.isArray() && !value.isEmpty())
        writeArray(out, value, 0, false);
    else
        out += scalarYaml(value, 2) + '\n';
    return out;
}

QByteArray toJson(const Value &value, bool indented)
{
    QByteArray out;
    writeJson(out, value, indented ? 2 : 0, 0);
    if (indented)
        out += '\n';
    return out;
}

} // namespace md::istio
