// Validation and pruning of JSON values against a compiled structural schema, following
// the Kubernetes API server (apiextensions-apiserver + kube-openapi) semantics and wording.

#include "schema/structuralschema.h"
#include "schema/schemanode.h"
#include "schema/schematr.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <cmath>
#include <vector>

namespace md::schema {

namespace {

using Node = StructuralSchema::Node;
using Kind = Violation::Kind;

bool isMetaField(const QString &key)
{
    return key == QLatin1String("apiVersion") || key == QLatin1String("kind")
        || key == QLatin1String("metadata");
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::trunc(d) == d;
}

QString numberText(double d)
{
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e18)
        return QString::number(qint64(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return isInteger(v) ? QStringLiteral("integer") : QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

// A value as the API server prints it in "Invalid value: ..." (strings quoted).
QString display(const QJsonValue &v)
{
    QString text;
    switch (v.type()) {
    case QJsonValue::String:
        text = v.toString();
        if (text.size() > 120)
            text = text.left(117) + QStringLiteral("...");
        text.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        return u'"' + text + u'"';
    case QJsonValue::Double:
        return numberText(v.toDouble());
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        break;
    default:
        return QStringLiteral("null");
    }
    return text.size() > 120 ? text.left(117) + QStringLiteral("...") : text;
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = s.size();
    for (const QChar c : s) {
        if (c.isLowSurrogate())
            --n;
    }
    return n;
}

bool matchesType(const Node &n, const QJsonValue &v)
{
    if (n.intOrString)
        return v.isString() || isInteger(v);
    switch (n.type) {
    case Node::Type::Any:
        return true;
    case Node::Type::Object:
        return v.isObject();
    case Node::Type::Array:
        return v.isArray();
    case Node::Type::String:
        return v.isString();
    case Node::Type::Integer:
        return isInteger(v);
    case Node::Type::Number:
        return v.isDouble();
    case Node::Type::Boolean:
        return v.isBool();
    }
    return true;
}

bool validDateTime(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}[Tt "
                       "]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?$"));
    return re.match(s).hasMatch();
}

bool validDate(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return re.match(s).hasMatch();
}

bool validBase64(const QString &s)
{
    QString t = s;
    t.remove(u'\n').remove(u'\r');
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9+/]*={0,2}$"));
    return t.size() % 4 == 0 && re.match(t).hasMatch();
}

// One validation run. In probe mode (out == nullptr) it only answers "valid or not" and
// stops at the first problem, which keeps oneOf/anyOf/not evaluation cheap.
class Validator
{
public:
    Validator(QList<Violation> *out, bool reportUnknown)
        : m_out(out)
        , m_reportUnknown(reportUnknown)
    { }

    bool validate(const Node &n, const QJsonValue &v, bool isRoot = false)
    {
        if (v.isNull() && (n.nullable || n.type == Node::Type::Any))
            return true;
        if (!matchesType(n, v)) {
            const QString expected
                = n.intOrString ? QStringLiteral("integer,string") : Node::typeName(n.type);
            report(Kind::Type, [&] {
                return Tr::tr("Invalid value: \"%1\": %2 must be of type %3")
                    .arg(jsonTypeName(v), inBody(), expected);
            });
            if (m_out)
                m_out->last().expectedType = expected;
            return false;
        }
        bool ok = true;
        if (!n.enumValues.isEmpty() && !n.enumValues.contains(v))
            ok = reportEnum(n, v) && ok;
        if (v.isString())
            ok = validateString(n, v.toString()) && ok;
        else if (v.isDouble())
            ok = validateNumber(n, v.toDouble()) && ok;
        else if (v.isObject())
            ok = validateObject(n, v.toObject(), isRoot) && ok;
        else if (v.isArray())
            ok = validateArray(n, v.toArray()) && ok;
        if (!ok && probe())
            return false;
        return validateComposition(n, v) && ok;
    }

private:
    struct Segment
    {
        QString name;
        qsizetype index = -1;
    };

    bool probe() const { return m_out == nullptr; }

    QString pathText() const
    {
        QString text;
        for (const Segment &s : m_path) {
            if (s.index >= 0) {
                text += u'[' + QString::number(s.index) + u']';
            } else {
                if (!text.isEmpty())
                    text += u'.';
                text += s.name;
            }
        }
        return text;
    }

    QString inBody() const
    {
        const QString p = pathText();
        return p.isEmpty() ? QStringLiteral("body") : p + QStringLiteral(" in body");
    }

    template<typename MessageFn> bool report(Kind kind, MessageFn &&message)
    {
        if (m_out)
            m_out->append(Violation {kind, pathText(), message()});
        return false;
    }

    bool reportEnum(const Node &n, const QJsonValue &v)
    {
        return report(Kind::Enum, [&] {
            QStringList values;
            for (const QJsonValue &e : n.enumValues)
                values.append(display(e));
            return Tr::tr("Unsupported value: %1: supported values: %2")
                .arg(display(v), values.join(QStringLiteral(", ")));
        });
    }

    bool validateString(const Node &n, const QString &s)
    {
        bool ok = true;
        if (n.minLength || n.maxLength) {
            const qsizetype length = codePoints(s);
            if (n.minLength && length < *n.minLength) {
                ok = report(Kind::Range, [&] {
                    return Tr::tr("Invalid value: %1: %2 should be at least %3 chars long")
                        .arg(display(s), inBody(), QString::number(*n.minLength));
                });
            }
            if (n.maxLength && length > *n.maxLength) {
                ok = report(Kind::Range, [&] {
                    return Tr::tr("Too long: may not be longer than %1").arg(*n.maxLength);
                });
            }
        }
        if (n.regex && !n.regex->match(s).hasMatch()) {
            ok = report(Kind::Pattern, [&] {
                return Tr::tr("Invalid value: %1: %2 should match '%3'")
                    .arg(display(s), inBody(), n.pattern);
            });
        }
        const bool badFormat = (n.format == Node::Format::DateTime && !validDateTime(s))
            || (n.format == Node::Format::Date && !validDate(s))
            || (n.format == Node::Format::Byte && !validBase64(s));
        if (badFormat) {
            ok = report(Kind::Format, [&] {
                return Tr::tr("Invalid value: %1: %2 must be of type %3: %1")
                    .arg(display(s), inBody(), n.formatName);
            });
        }
        return ok;
    }

    bool validateNumber(const Node &n, double d)
    {
        bool ok = true;
        if (n.minimum && (n.exclusiveMinimum ? d <= *n.minimum : d < *n.minimum)) {
            ok = report(Kind::Range, [&] {
                return (n.exclusiveMinimum
                            ? Tr::tr("Invalid value: %1: %2 should be greater than %3")
                            : Tr::tr("Invalid value: %1: %2 should be greater than or equal to %3"))
                    .arg(numberText(d), inBody(), numberText(*n.minimum));
            });
        }
        if (n.maximum && (n.exclusiveMaximum ? d >= *n.maximum : d > *n.maximum)) {
            ok = report(Kind::Range, [&] {
                return (n.exclusiveMaximum
                            ? Tr::tr("Invalid value: %1: %2 should be less than %3")
                            : Tr::tr("Invalid value: %1: %2 should be less than or equal to %3"))
                    .arg(numberText(d), inBody(), numberText(*n.maximum));
            });
        }
        const bool outOfRange
            = (n.format == Node::Format::Int32 && (d < -2147483648.0 || d > 2147483647.0))
            || (n.format == Node::Format::Int64
                && (d < -9223372036854775808.0 || d >= 9223372036854775808.0));
        if (outOfRange) {
            ok = report(Kind::Format, [&] {
                return Tr::tr("Invalid value: %1: %2 must be of type %3")
                    .arg(numberText(d), inBody(), n.formatName);
            });
        }
        return ok;
    }

    // A field counts as absent when it is null and its schema is not nullable: the API
    // server drops such nulls before it validates.
    static bool isPrunedNull(const Node &n, const QString &key, const QJsonValue &v)
    {
        if (!v.isNull())
            return false;
        const Node *child = n.child(key);
        return child == nullptr || !child->nullable;
    }

    bool validateObject(const Node &n, const QJsonObject &o, bool isRoot)
    {
        bool ok = true;
        const bool resource = isRoot || n.embeddedResource;
        if (resource && !m_inBranch) {
            static const QStringList meta = {QStringLiteral("apiVersion"), QStringLiteral("kind"),
                                             QStringLiteral("metadata")};
            for (const QString &key : meta) {
                if (!isRoot && key == meta.last()) // embedded objects may omit metadata
                    continue;
                const QJsonValue field = o.value(key);
                if (field.isNull() || field.isUndefined()) {
                    m_path.push_back({key});
                    ok = report(Kind::Required, [] { return Tr::tr("Required value"); });
                    m_path.pop_back();
                }
            }
        }
        for (const QString &key : n.required) {
            const auto it = o.constFind(key);
            if (it == o.constEnd() || isPrunedNull(n, key, *it)) {
                m_path.push_back({key});
                ok = report(Kind::Required, [] { return Tr::tr("Required value"); });
                m_path.pop_back();
                if (!ok && probe())
                    return false;
            }
        }
        if (n.maxProperties && o.size() > *n.maxProperties) {
            ok = report(Kind::Range, [&] {
                return Tr::tr("Too many: %1: must have at most %2 items")
                    .arg(o.size())
                    .arg(*n.maxProperties);
            });
        }
        if (n.minProperties && o.size() < *n.minProperties) {
            ok = report(Kind::Range, [&] {
                return Tr::tr("Invalid value: %1: %2 should have at least %3 properties")
                    .arg(QString::number(o.size()), inBody(), QString::number(*n.minProperties));
            });
        }
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!ok && probe())
                return false;
            const QString key = it.key();
            if (resource && isMetaField(key))
                continue;
            if (isPrunedNull(n, key, it.value()))
                continue;
            const Node *child = n.child(key);
            m_path.push_back({key});
            if (child) {
                ok = validate(*child, it.value()) && ok;
            } else if (!n.preserveUnknown && m_reportUnknown && !m_inBranch && !probe()
                       && (n.type == Node::Type::Object || !n.properties.isEmpty())) {
                report(Kind::UnknownField,
                       [&] { return Tr::tr("unknown field \"%1\"").arg(pathText()); });
            }
            m_path.pop_back();
        }
        return ok;
    }

    bool checkDuplicates(const Node &n, const QJsonArray &a)
    {
        const bool byKeys = n.listType == Node::ListType::Map && !n.listMapKeys.isEmpty();
        if (!byKeys && n.listType != Node::ListType::Set && !n.uniqueItems)
            return true;
        bool ok = true;
        QSet<QByteArray> seen;
        for (qsizetype i = 0; i < a.size(); ++i) {
            QJsonValue key = a.at(i);
            if (byKeys) {
                QJsonObject keyObject;
                for (const QString &k : n.listMapKeys)
                    keyObject.insert(k, key.toObject().value(k));
                key = keyObject;
            }
            const QByteArray text = QJsonDocument(QJsonArray {key}).toJson(QJsonDocument::Compact);
            if (seen.contains(text)) {
                m_path.push_back({QString(), i});
                ok = report(Kind::Invalid,
                            [&] { return Tr::tr("Duplicate value: %1").arg(display(key)); });
                m_path.pop_back();
                if (probe())
                    return false;
            }
            seen.insert(text);
        }
        return ok;
    }

    bool validateArray(const Node &n, const QJsonArray &a)
    {
        bool ok = true;
        if (n.minItems && a.size() < *n.minItems) {
            ok = report(Kind::Range, [&] {
                return Tr::tr("Invalid value: %1: %2 should have at least %3 items")
                    .arg(QString::number(a.size()), inBody(), QString::number(*n.minItems));
            });
        }
        if (n.maxItems && a.size() > *n.maxItems) {
            ok = report(Kind::Range, [&] {
                return Tr::tr("Too many: %1: must have at most %2 items")
                    .arg(a.size())
                    .arg(*n.maxItems);
            });
        }
        if (!ok && probe())
            return false;
        ok = checkDuplicates(n, a) && ok;
        if (n.items) {
            for (qsizetype i = 0; i < a.size(); ++i) {
                m_path.push_back({QString(), i});
                ok = validate(*n.items, a.at(i)) && ok;
                m_path.pop_back();
                if (!ok && probe())
                    return false;
            }
        }
        return ok;
    }

    bool probeBranch(const Node &branch, const QJsonValue &v)
    {
        Validator inner(nullptr, false);
        inner.m_inBranch = true;
        return inner.validate(branch, v);
    }

    // Names of the fields a oneOf alternative requires, to say which fields conflict.
    static QStringList requiredNames(const Node &branch)
    {
        QStringList names;
        for (const QString &r : branch.required)
            names.append(u'"' + r + u'"');
        return names;
    }

    bool validateComposition(const Node &n, const QJsonValue &v)
    {
        bool ok = true;
        for (const auto &branch : n.allOf) {
            const bool saved = m_inBranch;
            m_inBranch = true;
            ok = validate(*branch, v) && ok;
            m_inBranch = saved;
            if (!ok && probe())
                return false;
        }
        if (!n.anyOf.empty() && !n.intOrString) {
            bool any = false;
            for (const auto &branch : n.anyOf) {
                if ((any = probeBranch(*branch, v)))
                    break;
            }
            if (!any) {
                ok = report(Kind::Invalid, [&] {
                    return Tr::
                        tr("Invalid value: \"%1\": %2 must validate at least one schema (anyOf)")
                            .arg(jsonTypeName(v), inBody());
                });
            }
        }
        if (!n.oneOf.empty()) {
            int matched = 0;
            QStringList conflicting;
            for (const auto &branch : n.oneOf) {
                if (probeBranch(*branch, v)) {
                    ++matched;
                    conflicting += requiredNames(*branch);
                    if (probe() && matched > 1)
                        break;
                }
            }
            if (matched != 1) {
                ok = report(Kind::Invalid, [&] {
                    QString text
                        = Tr::tr("Invalid value: \"%1\": %2 must validate one and only one schema "
                                 "(oneOf). Found %3 valid alternatives")
                              .arg(jsonTypeName(v), inBody())
                              .arg(matched);
                    if (matched > 1 && conflicting.size() > 1)
                        text += Tr::tr(" (only one of %1 may be set)")
                                    .arg(conflicting.join(QStringLiteral(", ")));
                    return text;
                });
            }
        }
        if (n.notSchema && probeBranch(*n.notSchema, v)) {
            ok = report(Kind::Invalid, [&] {
                return Tr::tr("Invalid value: \"%1\": %2 must not validate the schema (not)")
                    .arg(jsonTypeName(v), inBody());
            });
        }
        return ok;
    }

    QList<Violation> *m_out = nullptr;
    bool m_reportUnknown = false;
    bool m_inBranch = false;
    std::vector<Segment> m_path;
};

QJsonValue pruneValue(const Node &n, const QJsonValue &v, bool isRoot, const QString &path,
                      QStringList *pruned)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        QJsonObject result;
        const bool resource = isRoot || n.embeddedResource;
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            const QString key = it.key();
            const QString childPath = path.isEmpty() ? key : path + u'.' + key;
            const Node *child = n.child(key);
            if (resource && isMetaField(key)) {
                result.insert(key, it.value());
            } else if (it.value().isNull() && (child ? !child->nullable : !n.preserveUnknown)) {
                continue; // non-nullable nulls are dropped silently, as the API server does
            } else if (child) {
                result.insert(key, pruneValue(*child, it.value(), false, childPath, pruned));
            } else if (n.preserveUnknown) {
                result.insert(key, it.value());
            } else if (pruned) {
                pruned->append(childPath);
            }
        }
        return result;
    }
    if (v.isArray() && n.items) {
        const QJsonArray a = v.toArray();
        QJsonArray result;
        for (qsizetype i = 0; i < a.size(); ++i)
            result.append(pruneValue(*n.items, a.at(i), false,
                                     path + u'[' + QString::number(i) + u']', pruned));
        return result;
    }
    return v;
}

} // namespace

QList<Violation> StructuralSchema::validate(const QJsonValue &value, bool reportUnknown) const
{
    QList<Violation> violations;
    Validator validator(&violations, reportUnknown);
    validator.validate(*m_root, value, true);
    return violations;
}

QJsonValue StructuralSchema::prune(const QJsonValue &value, QStringList *pruned) const
{
    return pruneValue(*m_root, value, true, QString(), pruned);
}

} // namespace md::schema
