#include "istio/validator.h"

#include "istio/celrules.h"
#include "istio/webhookrules_p.h"
#include "schema/structuralschema.h"

#include <optional>

namespace md::istio {

Validator::Validator(QList<schema::Crd> crds)
    : m_crds(std::move(crds))
{ }

Result<Validator> Validator::fromCrdFile(const QString &path)
{
    auto crds = schema::loadCrdFile(path);
    if (!crds)
        return unexpected(crds.error());
    return Validator(std::move(*crds));
}

const schema::StructuralSchema *Validator::schemaFor(const QString &apiVersion,
                                                     const QString &kind) const
{
    const QString group = apiVersion.contains(u'/') ? apiVersion.section(u'/', 0, 0) : QString();
    const QString version = apiVersion.section(u'/', -1);
    for (const schema::Crd &crd : m_crds) {
        if (crd.group == group && crd.kind == kind) {
            const schema::CrdVersion *v = crd.version(version);
            return v && v->served ? v->schema.get() : nullptr;
        }
    }
    return nullptr;
}

namespace {

// The value at a field path as the API server prints it ("spec.http[0].match[0].uri.exact";
// map keys may themselves contain dots, so the longest key that fits is taken).
const Value *valueAtPath(const Value &root, QStringView path)
{
    const Value *v = &root;
    while (!path.isEmpty()) {
        if (path.startsWith(u'[')) {
            const qsizetype close = path.indexOf(u']');
            bool ok = false;
            const qsizetype i = close > 0 ? path.sliced(1, close - 1).toLongLong(&ok) : -1;
            if (!ok || !v->isArray() || i < 0 || i >= v->size())
                return nullptr;
            v = &v->at(i);
            path = path.sliced(close + 1);
            continue;
        }
        if (path.startsWith(u'.'))
            path = path.sliced(1);
        if (!v->isObject())
            return nullptr;
        qsizetype best = -1;
        qsizetype bestLength = -1;
        for (qsizetype k = 0; k < v->size(); ++k) {
            const QString &key = v->keyAt(k);
            if (key.size() > bestLength && path.startsWith(key)
                && (path.size() == key.size() || path.at(key.size()) == u'.'
                    || path.at(key.size()) == u'[')) {
                best = k;
                bestLength = key.size();
            }
        }
        if (best < 0)
            return nullptr;
        v = &v->valueAt(best);
        path = path.sliced(bestLength);
    }
    return v;
}

// A string field given a plain scalar that kubectl reads as a boolean or a number (`on`,
// `yes`, a version such as `1.10` that becomes 1.1): what was probably meant, and how to
// write it so.
std::optional<Message> quotingHint(const Value &object, const QString &path)
{
    const Value *value = valueAtPath(object, path);
    if (!value || value->plainText().isEmpty())
        return std::nullopt;
    const QString written = value->plainText();
    const QString read = value->isBool()
        ? Tr::tr("the boolean %1")
              .arg(value->toBool() ? QStringLiteral("true") : QStringLiteral("false"))
        : Tr::tr("the number %1").arg(QString::fromUtf8(toJson(*value, false)));
    return Message {QString::fromLatin1(codes::YamlTyped),
                    Severity::Warning,
                    path,
                    Tr::tr("%1 is read as %2, as kubectl reads YAML (YAML 1.1), but this field "
                           "takes a string: write \"%1\" in quotes")
                        .arg(written, read),
                    {},
                    {},
                    0};
}

} // namespace

QList<Message> Validator::validateSchema(const Value &object) const
{
    QList<Message> messages;
    if (m_crds.isEmpty())
        return messages;
    const ObjectId id = ObjectId::of(object);
    const schema::StructuralSchema *schema = schemaFor(id.apiVersion, id.kind);
    if (!schema) {
        if (id.group().endsWith(QLatin1String("istio.io"))) {
            messages.append(Message {
                QString::fromLatin1(codes::UnknownKind),
                Severity::Error,
                QString(),
                Tr::tr("no matches for kind \"%1\" in version \"%2\"").arg(id.kind, id.apiVersion),
                {},
                {},
                0});
        }
        return messages;
    }
    const QList<schema::Violation> violations = schema->validate(object.toJson(), true);
    for (const schema::Violation &v : violations) {
        if (v.kind == schema::Violation::Kind::Type && v.expectedType.contains(u"string")) {
            if (std::optional<Message> hint = quotingHint(object, v.path))
                messages.append(*hint);
        }
        const bool unknown = v.kind == schema::Violation::Kind::UnknownField;
        const Severity severity = unknown && !m_strict ? Severity::Warning : Severity::Error;
        messages.append(
            Message {QString::fromLatin1(unknown ? codes::SchemaWarning : codes::SchemaError),
                     severity,
                     v.path,
                     v.message,
                     {},
                     {},
                     0});
    }
    return messages;
}

QList<Message> Validator::validateRules(const Value &object)
{
    Findings findings;
    if (!object.isObject())
        return findings.messages;
    checkCelRules(object, findings);
    webhook::checkObject(object, findings);
    return findings.messages;
}

QList<Message> Validator::validate(const Value &object) const
{
    QList<Message> messages = validateSchema(object);
    messages += validateRules(object);
    return messages;
}

QList<Message> Validator::validate(const DocumentStream &stream) const
{
    QList<Message> all;
    for (const ObjectRef &ref : stream.objects()) {
        const Value &object = stream.object(ref);
        const QString name = ObjectId::of(object).displayName();
        for (Message m : validate(object)) {
            m.object = name;
            m.source = stream.source;
            m.line = stream.line(ref);
            all.append(std::move(m));
        }
    }
    return all;
}

} // namespace md::istio
