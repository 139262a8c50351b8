#include "istio/validator.h"

#include "istio/celrules.h"
#include "istio/webhookrules_p.h"
#include "schema/structuralschema.h"

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
