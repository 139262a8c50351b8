// Compiles an openAPIV3Schema (JSON) into the StructuralSchema::Node tree.

#include "schema/schemanode.h"
#include "schema/schematr.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace md::schema {

namespace {

using Node = StructuralSchema::Node;

struct Compiler
{
    std::optional<Error> error;

    void fail(const QString &where, const QString &message)
    {
        if (!error)
            error = Error {QStringLiteral("schema.invalid"), message, where};
    }

    std::optional<qint64> count(const QJsonObject &o, QLatin1String key, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble() || v.toDouble() < 0) {
            fail(where + u'.' + key, Tr::tr("must be a non-negative integer"));
            return std::nullopt;
        }
        return qint64(v.toDouble());
    }

    std::optional<double> number(const QJsonObject &o, QLatin1String key, const QString &where)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isDouble()) {
            fail(where + u'.' + key, Tr::tr("must be a number"));
            return std::nullopt;
        }
        return v.toDouble();
    }

    std::shared_ptr<const Node> branch(const QJsonValue &v, const QString &where)
    {
        if (!v.isObject()) {
            fail(where, Tr::tr("must be a schema object"));
            return std::make_shared<Node>();
        }
        return compile(v.toObject(), where);
    }

    std::vector<std::shared_ptr<const Node>> branches(const QJsonObject &o, QLatin1String key,
                                                      const QString &where)
    {
        std::vector<std::shared_ptr<const Node>> result;
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return result;
        if (!v.isArray()) {
            fail(where + u'.' + key, Tr::tr("must be a list of schemas"));
            return result;
        }
        const QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            result.push_back(
                branch(list.at(i), where + u'.' + key + u'[' + QString::number(i) + u']'));
        return result;
    }

    void compileType(Node &n, const QJsonObject &o, const QString &where)
    {
        const QString type = o.value(QLatin1String("type")).toString();
        static const QHash<QString, Node::Type> types = {
            {QStringLiteral("object"), Node::Type::Object},
            {QStringLiteral("array"), Node::Type::Array},
            {QStringLiteral("string"), Node::Type::String},
            {QStringLiteral("integer"), Node::Type::Integer},
            {QStringLiteral("number"), Node::Type::Number},
            {QStringLiteral("boolean"), Node::Type::Boolean},
        };
        if (!type.isEmpty()) {
            const auto it = types.constFind(type);
            if (it == types.constEnd())
                fail(where + QStringLiteral(".type"), Tr::tr("unknown type \"%1\"").arg(type));
            else
                n.type = *it;
        }
        n.formatName = o.value(QLatin1String("format")).toString();
        static const QHash<QString, Node::Format> formats = {
            {QStringLiteral("int32"), Node::Format::Int32},
            {QStringLiteral("int64"), Node::Format::Int64},
            {QStringLiteral("float"), Node::Format::Float},
            {QStringLiteral("double"), Node::Format::Double},
            {QStringLiteral("date-time"), Node::Format::DateTime},
            {QStringLiteral("date"), Node::Format::Date},
            {QStringLiteral("byte"), Node::Format::Byte},
        };
        if (!n.formatName.isEmpty())
            n.format = formats.value(n.formatName, Node::Format::Other);
    }

    void compileBounds(Node &n, const QJsonObject &o, const QString &where)
    {
        n.minimum = number(o, QLatin1String("minimum"), where);
        n.maximum = number(o, QLatin1String("maximum"), where);
        // OpenAPI 3.0 spells exclusive bounds as booleans; 3.1 as numbers.
        const QJsonValue exMin = o.value(QLatin1String("exclusiveMinimum"));
        const QJsonValue exMax = o.value(QLatin1String("exclusiveMaximum"));
        if (exMin.isDouble()) {
            n.minimum = exMin.toDouble();
            n.exclusiveMinimum = true;
        } else {
            n.exclusiveMinimum = exMin.toBool();
        }
        if (exMax.isDouble()) {
            n.maximum = exMax.toDouble();
            n.exclusiveMaximum = true;
        } else {
            n.exclusiveMaximum = exMax.toBool();
        }
        n.minLength = count(o, QLatin1String("minLength"), where);
        n.maxLength = count(o, QLatin1String("maxLength"), where);
        n.minItems = count(o, QLatin1String("minItems"), where);
        n.maxItems = count(o, QLatin1String("maxItems"), where);
        n.minProperties = count(o, QLatin1String("minProperties"), where);
        n.maxProperties = count(o, QLatin1String("maxProperties"), where);
        n.uniqueItems = o.value(QLatin1String("uniqueItems")).toBool();
    }

    void compileStrings(Node &n, const QJsonObject &o)
    {
        n.description = o.value(QLatin1String("description")).toString();
        n.defaultValue = o.value(QLatin1String("default"));
        n.enumValues = o.value(QLatin1String("enum")).toArray();
        n.pattern = o.value(QLatin1String("pattern")).toString();
        if (!n.pattern.isEmpty()) {
            QRegularExpression re(n.pattern);
            if (re.isValid()) { // a pattern PCRE cannot read is skipped, not fatal
                re.optimize();
                n.regex = std::move(re);
            }
        }
        for (const QJsonValue &r : o.value(QLatin1String("required")).toArray())
            n.required.append(r.toString());
    }

    void compileChildren(Node &n, const QJsonObject &o, const QString &where)
    {
        const QJsonObject props = o.value(QLatin1String("properties")).toObject();
        n.properties.reserve(props.size());
        for (auto it = props.constBegin(); it != props.constEnd(); ++it) {
            n.propertyOrder.append(it.key());
            n.properties.insert(it.key(), branch(it.value(), where + u'.' + it.key()));
        }
        const QJsonValue additional = o.value(QLatin1String("additionalProperties"));
        if (additional.isObject()) {
            n.additionalProperties = compile(additional.toObject(), where + QStringLiteral("[*]"));
        } else if (additional.isBool()) {
            n.additionalPropertiesAllowed = additional.toBool();
            if (additional.toBool()) {
                auto any = std::make_shared<Node>();
                any->preserveUnknown = true;
                n.additionalProperties = std::move(any);
            }
        }
        const QJsonValue items = o.value(QLatin1String("items"));
        if (items.isObject())
            n.items = compile(items.toObject(), where + QStringLiteral("[]"));
        else if (!items.isUndefined())
            fail(where + QStringLiteral(".items"), Tr::tr("must be a single schema object"));
        n.allOf = branches(o, QLatin1String("allOf"), where);
        n.anyOf = branches(o, QLatin1String("anyOf"), where);
        n.oneOf = branches(o, QLatin1String("oneOf"), where);
        if (o.contains(QLatin1String("not")))
            n.notSchema = branch(o.value(QLatin1String("not")), where + QStringLiteral(".not"));
    }

    std::shared_ptr<const Node> compile(const QJsonObject &o, const QString &where)
    {
        auto n = std::make_shared<Node>();
        compileType(*n, o, where);
        compileBounds(*n, o, where);
        compileStrings(*n, o);
        n->nullable = o.value(QLatin1String("nullable")).toBool();
        n->intOrString = o.value(QLatin1String("x-kubernetes-int-or-string")).toBool();
        n->preserveUnknown
            = o.value(QLatin1String("x-kubernetes-preserve-unknown-fields")).toBool();
        n->embeddedResource = o.value(QLatin1String("x-kubernetes-embedded-resource")).toBool();
        const QString listType = o.value(QLatin1String("x-kubernetes-list-type")).toString();
        if (listType == QLatin1String("set"))
            n->listType = Node::ListType::Set;
        else if (listType == QLatin1String("map"))
            n->listType = Node::ListType::Map;
        for (const QJsonValue &k : o.value(QLatin1String("x-kubernetes-list-map-keys")).toArray())
            n->listMapKeys.append(k.toString());
        compileChildren(*n, o, where);
        return n;
    }
};

} // namespace

StructuralSchema::StructuralSchema() = default;
StructuralSchema::~StructuralSchema() = default;

Result<std::shared_ptr<const StructuralSchema>>
StructuralSchema::fromJson(const QJsonObject &openAPIV3Schema)
{
    Compiler compiler;
    std::shared_ptr<const Node> root
        = compiler.compile(openAPIV3Schema, QStringLiteral("openAPIV3Schema"));
    if (compiler.error)
        return unexpected(*compiler.error);
    std::shared_ptr<StructuralSchema> schema(new StructuralSchema);
    // The tree is shared; the schema owns a copy of the root node that refers to it.
    schema->m_root = std::make_unique<Node>(*root);
    return std::shared_ptr<const StructuralSchema>(std::move(schema));
}

const StructuralSchema::Node &StructuralSchema::root() const
{
    return *m_root;
}

const StructuralSchema::Node *StructuralSchema::Node::find(const QString &dottedPath) const
{
    const Node *node = this;
    for (const QString &part : dottedPath.split(u'.', Qt::SkipEmptyParts)) {
        while (node && node->type == Type::Array && node->items)
            node = node->items.get();
        node = node ? node->child(part) : nullptr;
        if (!node)
            return nullptr;
    }
    return node;
}

QString StructuralSchema::Node::typeName(Type type)
{
    switch (type) {
    case Type::Object:
        return QStringLiteral("object");
    case Type::Array:
        return QStringLiteral("array");
    case Type::String:
        return QStringLiteral("string");
    case Type::Integer:
        return QStringLiteral("integer");
    case Type::Number:
        return QStringLiteral("number");
    case Type::Boolean:
        return QStringLiteral("boolean");
    case Type::Any:
        break;
    }
    return QString();
}

} // namespace md::schema
