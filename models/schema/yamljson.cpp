#include "schema/yamljson.h"

#include "schema/yamltree_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace md::schema {

namespace {

struct JsonTree
{
    using Value = QJsonValue;
    using Object = QJsonObject;
    using Array = QJsonArray;

    static Value scalar(const QByteArray &text, const QByteArray &tag)
    {
        return yamlScalarValue(text, tag);
    }
    static Value fromObject(Object &&o) { return QJsonValue(std::move(o)); }
    static Value fromArray(Array &&a) { return QJsonValue(std::move(a)); }
    static bool isObject(const Value &v) { return v.isObject(); }
    static bool isArray(const Value &v) { return v.isArray(); }
    static bool isNull(const Value &v) { return v.isNull() || v.isUndefined(); }
    static QString keyText(const Value &v, const QByteArray &raw)
    {
        return v.isNull() ? QStringLiteral("null") : QString::fromUtf8(raw);
    }
    static bool contains(const Object &o, const QString &key) { return o.contains(key); }
    static void insert(Object &o, const QString &key, const Value &v) { o.insert(key, v); }
    static void append(Array &a, const Value &v) { a.append(v); }
    template<typename F> static bool forEachMergeSource(const Value &v, F f)
    {
        const QJsonArray sources = v.isArray() ? v.toArray() : QJsonArray {v};
        for (const QJsonValue &s : sources) {
            if (!s.isObject())
                return false;
        }
        for (const QJsonValue &s : sources) {
            const QJsonObject o = s.toObject();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it)
                f(it.key(), it.value());
        }
        return true;
    }
};

void writeObject(QByteArray &out, const QJsonObject &object, int column, bool firstInline);
void writeArray(QByteArray &out, const QJsonArray &array, int column, bool firstInline);

bool isEmptyContainer(const QJsonValue &v)
{
    return (v.isObject() && v.toObject().isEmpty()) || (v.isArray() && v.toArray().isEmpty());
}

// Writes the value of a mapping key that starts at `keyColumn` ("key:" is already out).
void writeMapValue(QByteArray &out, const QJsonValue &value, int keyColumn)
{
    if (value.isObject() && !isEmptyContainer(value)) {
        out += '\n';
        writeObject(out, value.toObject(), keyColumn + 2, false);
    } else if (value.isArray() && !isEmptyContainer(value)) {
        out += '\n';
        writeArray(out, value.toArray(), keyColumn, false);
    } else {
        out += ' ';
        out += yamlScalarText(value, keyColumn + 2);
        out += '\n';
    }
}

void writeObject(QByteArray &out, const QJsonObject &object, int column, bool firstInline)
{
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!(first && firstInline))
            out += QByteArray(column, ' ');
        first = false;
        const QByteArray key = yamlScalarText(QJsonValue(it.key()), 0, false);
        if (key.size() > 1000) { // implicit keys are limited to 1024 characters
            out += "? " + key + '\n' + QByteArray(column, ' ') + ':';
        } else {
            out += key + ':';
        }
        writeMapValue(out, it.value(), column);
    }
}

void writeArray(QByteArray &out, const QJsonArray &array, int column, bool firstInline)
{
    bool first = true;
    for (const QJsonValue &item : array) {
        if (!(first && firstInline))
            out += QByteArray(column, ' ');
        first = false;
        out += "- ";
        if (item.isObject() && !isEmptyContainer(item)) {
            writeObject(out, item.toObject(), column + 2, true);
        } else if (item.isArray() && !isEmptyContainer(item)) {
            writeArray(out, item.toArray(), column + 2, true);
        } else {
            out += yamlScalarText(item, column + 2);
            out += '\n';
        }
    }
}

} // namespace

Result<QList<YamlDocument>> parseYamlStream(const QByteArray &data, const QString &source)
{
    QList<YamlDocument> documents;
    // JSON (what API clients send) takes the fast path; it also reads escaped surrogate
    // pairs ("\ud83d\ude00"), which yaml-cpp rejects. Anything else goes to the YAML parser.
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
        if (error.error == QJsonParseError::NoError) {
            documents.append(YamlDocument {
                doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), 0, 1});
            return documents;
        }
    }
    const auto parsed = detail::parseYamlTree<JsonTree>(
        data, source, [&documents](QJsonValue &&value, int index, int line) {
            documents.append(YamlDocument {std::move(value), index, line});
        });
    if (!parsed)
        return unexpected(parsed.error());
    return documents;
}

QByteArray toYaml(const QJsonValue &value)
{
    QByteArray out;
    if (value.isObject() && !isEmptyContainer(value)) {
        writeObject(out, value.toObject(), 0, false);
    } else if (value.isArray() && !isEmptyContainer(value)) {
        writeArray(out, value.toArray(), 0, false);
    } else {
        out += yamlScalarText(value, 2);
        out += '\n';
    }
    return out;
}

} // namespace md::schema
