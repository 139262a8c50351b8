#include "schema/yamljson.h"

#include "schema/yamltree_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <utility>
#include <vector>

namespace md::schema {

namespace {

// The members of a mapping being read. A QJsonObject keeps its keys sorted, so one built key
// by key in the order of the text costs O(n²): members are collected here and go into the
// QJsonObject sorted, each at its end.
class JsonMembers
{
public:
    qsizetype indexOf(const QString &key) const
    {
        if (!m_index.isEmpty())
            return m_index.value(key, -1);
        for (qsizetype i = 0; i < qsizetype(m_members.size()); ++i) {
            if (m_members[size_t(i)].first == key)
                return i;
        }
        return -1;
    }

    void insert(const QString &key, const QJsonValue &value)
    {
        if (const qsizetype i = indexOf(key); i >= 0) {
            m_members[size_t(i)].second = value;
            return;
        }
        m_members.emplace_back(key, value);
        if (!m_index.isEmpty()) {
            m_index.insert(key, qsizetype(m_members.size()) - 1);
        } else if (m_members.size() == kIndexFrom) {
            for (qsizetype i = 0; i < qsizetype(m_members.size()); ++i)
                m_index.insert(m_members[size_t(i)].first, i);
        }
    }

    QJsonObject toObject()
    {
        std::sort(m_members.begin(), m_members.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        QJsonObject object;
        for (const auto &[key, value] : m_members)
            object.insert(key, value);
        return object;
    }

private:
    static constexpr size_t kIndexFrom = 16; // members looked up by a hash from here on
    std::vector<std::pair<QString, QJsonValue>> m_members;
    QHash<QString, qsizetype> m_index;
};

struct JsonTree
{
    using Value = QJsonValue;
    using Object = JsonMembers;
    using Array = QJsonArray;

    static Value scalar(const QByteArray &text, const QByteArray &tag)
    {
        return yamlScalarValue(text, tag);
    }
    static Value fromObject(Object &&o) { return QJsonValue(o.toObject()); }
    static Value fromArray(Array &&a) { return QJsonValue(std::move(a)); }
    static bool isObject(const Value &v) { return v.isObject(); }
    static bool isArray(const Value &v) { return v.isArray(); }
    static bool isNull(const Value &v) { return v.isNull() || v.isUndefined(); }
    static bool contains(const Object &o, const QString &key) { return o.indexOf(key) >= 0; }
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

// True when brackets of a JSON text may nest deeper than the YAML reader reads (Qt's JSON
// parser reads more). Such a text goes to the YAML reader, which reads it or says where not.
bool nestsTooDeep(const QByteArray &json)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > detail::kMaxNesting)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// Reads a text of JSON objects and arrays, one or a stream of them ("{...}\n{...}" as
// `jq -c` writes it), with Qt's JSON parser; false when the text is anything else.
bool readJsonStream(const QByteArray &data, QList<YamlDocument> &documents)
{
    // Qt's JSON parser loses a U+FEFF that starts a string; the YAML reader keeps it.
    if (nestsTooDeep(data) || data.contains("\xef\xbb\xbf"))
        return false;
    qsizetype pos = 0;
    int line = 1;
    const auto skip = [&data, &pos, &line](qsizetype end) {
        for (; pos < end; ++pos) {
            const char c = data.at(pos);
            if (c == '\n')
                ++line;
            else if (c != ' ' && c != '\t' && c != '\r')
                return;
        }
    };
    for (int index = 0;; ++index) {
        skip(data.size());
        if (pos == data.size())
            return true;
        if (data.at(pos) != '{' && data.at(pos) != '[')
            return false;
        QByteArray rest = QByteArray::fromRawData(data.constData() + pos, data.size() - pos);
        QJsonParseError error;
        QJsonDocument doc = QJsonDocument::fromJson(rest, &error);
        if (error.error == QJsonParseError::GarbageAtEnd && error.offset > 0) {
            rest = QByteArray::fromRawData(rest.constData(), error.offset);
            doc = QJsonDocument::fromJson(rest, &error);
        }
        if (error.error != QJsonParseError::NoError)
            return false;
        documents.append(YamlDocument {
            doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), index, line});
        const qsizetype end = pos + rest.size();
        line += int(std::count(data.constData() + pos, data.constData() + end, '\n'));
        pos = end;
    }
}

} // namespace

Result<QList<YamlDocument>> parseYamlStream(const QByteArray &data, const QString &source)
{
    QList<YamlDocument> documents;
    // JSON (what API clients send) takes the fast path; it also reads escaped surrogate
    // pairs ("\ud83d\ude00"), which YAML parsers reject. Anything else goes to the YAML parser.
    const QByteArray trimmed = data.trimmed();
    if ((trimmed.startsWith('{') || trimmed.startsWith('[')) && readJsonStream(data, documents))
        return documents;
    documents.clear();
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
