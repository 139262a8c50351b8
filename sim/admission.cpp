#include "admission.h"

#include "schema/structuralschema.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

const QString kSubdomainRe = u"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"_s;
const QString kLabelRe = u"[a-z0-9]([-a-z0-9]*[a-z0-9])?"_s;

QString quoted(const QString &s)
{
    return u'"' + s + u'"';
}

StatusCause nameCause(const QString &name, bool label)
{
    if (label)
        return StatusCause {u"FieldValueInvalid"_s,
                            u"Invalid value: "_s + quoted(name)
                                + u": a lowercase RFC 1123 label must consist of lower case "
                                  "alphanumeric characters or '-', and must start and end with an "
                                  "alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
                                  "used for validation is '"_s
                                + kLabelRe + u"')"_s,
                            u"metadata.name"_s};
    return StatusCause {u"FieldValueInvalid"_s,
                        u"Invalid value: "_s + quoted(name)
                            + u": a lowercase RFC 1123 subdomain must consist of lower case "
                              "alphanumeric characters, '-' or '.', and must start and end with an "
                              "alphanumeric character (e.g. 'example.com', regex used for "
                              "validation is '"_s
                            + kSubdomainRe + u"')"_s,
                        u"metadata.name"_s};
}

QString causeReason(schema::Violation::Kind kind)
{
    switch (kind) {
    case schema::Violation::Kind::Type:
        return u"FieldValueTypeInvalid"_s;
    case schema::Violation::Kind::Enum:
        return u"FieldValueNotSupported"_s;
    case schema::Violation::Kind::Required:
        return u"FieldValueRequired"_s;
    case schema::Violation::Kind::UnknownField:
        return u"FieldValueInvalid"_s;
    default:
        return u"FieldValueInvalid"_s;
    }
}

} // namespace

QList<StatusCause> validateMetadata(const ResourceType &type, const QJsonObject &object)
{
    QList<StatusCause> causes;
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    const QString name = meta.value(u"name"_s).toString();
    if (name.isEmpty()) {
        causes << StatusCause {u"FieldValueRequired"_s,
                               u"Required value: name or generateName is required"_s,
                               u"metadata.name"_s};
    } else {
        const bool label = type.kind == u"Namespace"_s || type.kind == u"Service"_s;
        static const QRegularExpression subdomain(u"^"_s + kSubdomainRe + u"$"_s);
        static const QRegularExpression labelRe(u"^"_s + kLabelRe + u"$"_s);
        const bool ok = label ? labelRe.match(name).hasMatch() && name.size() <= 63
                              : subdomain.match(name).hasMatch() && name.size() <= 253;
        if (!ok)
            causes << nameCause(name, label);
    }
    static const QRegularExpression valueRe(u"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"_s);
    static const QRegularExpression keyRe(
        u"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
        "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"_s);
    const QJsonObject labels = meta.value(u"labels"_s).toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (!keyRe.match(it.key()).hasMatch())
            causes << StatusCause {u"FieldValueInvalid"_s,
                                   u"Invalid value: "_s + quoted(it.key())
                                       + u": name part must consist of alphanumeric characters, "
                                         "'-', '_' or '.', and must start and end with an "
                                         "alphanumeric character"_s,
                                   u"metadata.labels"_s};
        const QString v = it.value().toString();
        if (!it.value().isString() || v.size() > 63 || !valueRe.match(v).hasMatch())
            causes << StatusCause {u"FieldValueInvalid"_s,
                                   u"Invalid value: "_s + quoted(v)
                                       + u": a valid label must be an empty string or consist of "
                                         "alphanumeric characters, '-', '_' or '.', and must start "
                                         "and end with an alphanumeric character"_s,
                                   u"metadata.labels"_s};
    }
    return causes;
}

Result<QJsonObject, ApiError> admit(const ResourceType &type, const QString &version,
                                    const QJsonObject &object, FieldValidation validation,
                                    QStringList *warnings)
{
    const QString name = object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    QList<StatusCause> causes = validateMetadata(type, object);
    const auto schema = type.schemas.value(version);
    if (!schema) {
        if (!causes.isEmpty())
            return Unexpected<ApiError> {ApiError::invalid(type.kind, type.group, name, causes)};
        return object;
    }
    const QList<schema::Violation> violations
        = schema->validate(object, validation != FieldValidation::Ignore);
    QStringList unknown;
    for (const schema::Violation &v : violations) {
        if (v.kind == schema::Violation::Kind::UnknownField) {
            unknown << u"unknown field "_s + quoted(v.path);
            continue;
        }
        causes << StatusCause {causeReason(v.kind), v.message, v.path};
    }
    if (!unknown.isEmpty() && validation == FieldValidation::Strict) {
        ApiError e = ApiError::badRequest(type.kind + u" in version "_s + quoted(version)
                                          + u" cannot be handled as a "_s + type.kind
                                          + u": strict decoding error: "_s + unknown.join(u", "_s));
        return Unexpected<ApiError> {e};
    }
    if (!causes.isEmpty())
        return Unexpected<ApiError> {ApiError::invalid(type.kind, type.group, name, causes)};
    if (warnings && validation == FieldValidation::Warn)
        *warnings += unknown;
    // apiVersion, kind and metadata are never pruned, whatever the schema says.
    QJsonObject pruned = schema->prune(object).toObject();
    for (const QString &k : {u"apiVersion"_s, u"kind"_s, u"metadata"_s})
        pruned.insert(k, object.value(k));
    return pruned;
}

} // namespace md::sim
