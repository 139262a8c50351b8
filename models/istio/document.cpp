#include "istio/document.h"

#include "istio/jsonreader_p.h"
#include "istio/message.h"

#include "schema/yamljson.h"
#include "schema/yamltree_p.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

namespace md::istio {

namespace {

// Value as a tree for the shared YAML event builder.
struct ValueTree
{
    using Value = istio::Value;
    using Object = istio::Value;
    using Array = istio::Value;

    static Value scalar(const QByteArray &text, const QByteArray &tag)
    {
        const QJsonValue json = schema::yamlScalarValue(text, tag);
        if (json.isBool() && tag == "?") // "on", "yes": kept as written
            return Value::withPlainText(Value(json.toBool()), QString::fromUtf8(text));
        if (json.isDouble()) {
            // Plain numbers keep their text so that "1.0" or "0x1F" are written back as is.
            const QString raw = tag == "?" ? QString::fromUtf8(text) : QString();
            const bool integral = json.toVariant().typeId() == QMetaType::LongLong;
            return Value::numberWithText(
                integral ? Value(json.toInteger()) : Value(json.toDouble()), raw);
        }
        return Value::fromJson(json);
    }
    static Value fromObject(Object &&o) { return o.isObject() ? std::move(o) : Value::object(); }
    static Value fromArray(Array &&a) { return a.isArray() ? std::move(a) : Value::array(); }
    static bool isObject(const Value &v) { return v.isObject(); }
    static bool isArray(const Value &v) { return v.isArray(); }
    static bool isNull(const Value &v) { return v.isNull(); }
    static QString keyText(const Value &v, const QByteArray &raw)
    {
        return v.isNull() ? QStringLiteral("null") : QString::fromUtf8(raw);
    }
    static bool contains(const Object &o, const QString &key) { return o.contains(key); }
    static void insert(Object &o, const QString &key, const Value &v) { o.insert(key, v); }
    static void append(Array &a, const Value &v) { a.append(v); }
    template<typename F> static bool forEachMergeSource(const Value &v, F f)
    {
        if (v.isObject()) {
            for (qsizetype i = 0; i < v.size(); ++i)
                f(v.keyAt(i), v.valueAt(i));
            return true;
        }
        if (!v.isArray())
            return false;
        for (qsizetype i = 0; i < v.size(); ++i) {
            if (!v.at(i).isObject())
                return false;
        }
        for (qsizetype i = 0; i < v.size(); ++i)
            forEachMergeSource(v.at(i), f);
        return true;
    }
};

bool isListDocument(const Value &v)
{
    return v.isObject()
        && v.value(QStringLiteral("kind")).toString().endsWith(QLatin1String("List"))
        && v.value(QStringLiteral("items")).isArray();
}

bool isKubernetesObject(const Value &v)
{
    return v.isObject() && v.value(QStringLiteral("kind")).isString();
}

} // namespace

QString ObjectId::displayName() const
{
    const QString qualified = namespace_.isEmpty() ? name : namespace_ + u'/' + name;
    return kind + u' ' + qualified;
}

ObjectId ObjectId::of(const Value &object)
{
    const Value &meta = object.value(QStringLiteral("metadata"));
    return ObjectId {object.value(QStringLiteral("apiVersion")).toString(),
                     object.value(QStringLiteral("kind")).toString(),
                     meta.value(QStringLiteral("namespace")).toString(),
                     meta.value(QStringLiteral("name")).toString()};
}

Result<Value> parseValue(const QByteArray &data, const QString &source)
{
    QList<Value> values;
    const auto parsed = schema::detail::parseYamlTree<ValueTree>(
        data, source, [&values](Value &&v, int, int) { values.append(std::move(v)); });
    if (!parsed)
        return unexpected(parsed.error());
    if (values.size() > 1) {
        return unexpected(QStringLiteral("yaml.parse"),
                          Tr::tr("expected one document, found %1").arg(values.size()), source);
    }
    return values.isEmpty() ? Value() : values.first();
}

Result<DocumentStream> DocumentStream::parse(const QByteArray &data, const QString &source)
{
    DocumentStream stream;
    stream.source = source;
    const QByteArray trimmed = data.trimmed();
    stream.format
        = (trimmed.startsWith('{') || trimmed.startsWith('[')) ? Format::Json : Format::Yaml;
    if (stream.format == Format::Json) {
        if (auto values = detail::readJsonStream(data)) {
            int index = 0;
            for (auto &[value, line] : *values) {
                if (!value.isNull())
                    stream.documents.append(Document {std::move(value), index, line});
                ++index;
            }
            return stream;
        }
    }
    const auto parsed = schema::detail::parseYamlTree<ValueTree>(
        data, source, [&stream](Value &&v, int index, int line) {
            stream.documents.append(Document {std::move(v), index, line});
        });
    if (!parsed)
        return unexpected(parsed.error());
    return stream;
}

QList<ObjectRef> DocumentStream::objects() const
{
    QList<ObjectRef> refs;
    for (int d = 0; d < documents.size(); ++d) {
        const Value &v = documents.at(d).value;
        if (isListDocument(v)) {
            const Value &items = v.value(QStringLiteral("items"));
            for (int i = 0; i < items.size(); ++i) {
                if (isKubernetesObject(items.at(i)))
                    refs.append(ObjectRef {d, i});
            }
        } else if (isKubernetesObject(v)) {
            refs.append(ObjectRef {d, -1});
        }
    }
    return refs;
}

const Value &DocumentStream::object(ObjectRef ref) const
{
    static const Value null {};
    if (ref.document < 0 || ref.document >= documents.size())
        return null;
    const Value &doc = documents.at(ref.document).value;
    return ref.item < 0 ? doc : doc.value(QStringLiteral("items")).at(ref.item);
}

Value &DocumentStream::object(ObjectRef ref)
{
    Value &doc = documents[ref.document].value;
    return ref.item < 0 ? doc : doc.find(QStringLiteral("items"))->at(ref.item);
}

QByteArray DocumentStream::toYaml() const
{
    QByteArray out;
    for (const Document &d : documents) {
        if (!out.isEmpty())
            out += "---\n";
        out += istio::toYaml(d.value);
    }
    return out;
}

QByteArray DocumentStream::toJson() const
{
    if (documents.size() == 1)
        return istio::toJson(documents.first().value);
    Value list = Value::object();
    list.insert(QStringLiteral("apiVersion"), Value(QStringLiteral("v1")));
    list.insert(QStringLiteral("kind"), Value(QStringLiteral("List")));
    Value items = Value::array();
    for (const Document &d : documents)
        items.append(d.value);
    list.insert(QStringLiteral("items"), items);
    return istio::toJson(list);
}

} // namespace md::istio
