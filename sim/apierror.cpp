#include "apierror.h"

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QString qualified(const QString &resource, const QString &group)
{
    return group.isEmpty() ? resource : resource + u'.' + group;
}

} // namespace

QJsonObject ApiError::toStatus() const
{
    QJsonObject details;
    if (!name.isEmpty())
        details.insert(u"name"_s, name);
    if (!group.isEmpty())
        details.insert(u"group"_s, group);
    if (!kind.isEmpty())
        details.insert(u"kind"_s, kind);
    if (!causes.isEmpty()) {
        QJsonArray list;
        for (const StatusCause &c : causes) {
            QJsonObject o {{u"reason"_s, c.reason}, {u"message"_s, c.message}};
            if (!c.field.isEmpty())
                o.insert(u"field"_s, c.field);
            list.append(o);
        }
        details.insert(u"causes"_s, list);
    }
    if (retryAfterSeconds > 0)
        details.insert(u"retryAfterSeconds"_s, retryAfterSeconds);
    QJsonObject status {{u"kind"_s, u"Status"_s},
                        {u"apiVersion"_s, u"v1"_s},
                        {u"metadata"_s, QJsonObject {}},
                        {u"status"_s, u"Failure"_s},
                        {u"message"_s, message},
                        {u"reason"_s, reason},
                        {u"code"_s, code}};
    if (!details.isEmpty())
        status.insert(u"details"_s, details);
    return status;
}

ApiError ApiError::notFound(const QString &resource, const QString &group, const QString &name)
{
    ApiError e {404, u"NotFound"_s,
                qualified(resource, group) + u" \""_s + name + u"\" not found"_s};
    e.name = name;
    e.group = group;
    e.kind = resource;
    return e;
}

ApiError ApiError::alreadyExists(const QString &resource, const QString &group, const QString &name)
{
    ApiError e {409, u"AlreadyExists"_s,
                qualified(resource, group) + u" \""_s + name + u"\" already exists"_s};
    e.name = name;
    e.group = group;
    e.kind = resource;
    return e;
}

ApiError ApiError::conflict(const QString &resource, const QString &group, const QString &name,
                            const QString &why)
{
    ApiError e {409, u"Conflict"_s,
                u"Operation cannot be fulfilled on "_s + qualified(resource, group) + u" \""_s
                    + name + u"\": "_s + why};
    e.name = name;
    e.group = group;
    e.kind = resource;
    return e;
}

ApiError ApiError::badRequest(const QString &message)
{
    return ApiError {400, u"BadRequest"_s, message};
}

ApiError ApiError::invalid(const QString &kind, const QString &group, const QString &name,
                           const QList<StatusCause> &causes)
{
    QStringList parts;
    for (const StatusCause &c : causes)
        parts << (c.field.isEmpty() ? c.message : c.field + u": "_s + c.message);
    QString list = parts.size() == 1 ? parts.first() : u'[' + parts.join(u", "_s) + u']';
    ApiError e {422, u"Invalid"_s,
                qualified(kind, group) + u" \""_s + name + u"\" is invalid: "_s + list};
    e.name = name;
    e.group = group;
    e.kind = kind;
    e.causes = causes;
    return e;
}

ApiError ApiError::forbidden(const QString &user, const QString &verb, const QString &resource,
                             const QString &group, const QString &ns)
{
    QString msg = resource + (group.isEmpty() ? QString() : u'.' + group)
        + u" is forbidden: User \""_s + user + u"\" cannot "_s + verb + u" resource \""_s + resource
        + u"\" in API group \""_s + group + u'"';
    msg += ns.isEmpty() ? u" at the cluster scope"_s : u" in the namespace \""_s + ns + u'"';
    ApiError e {403, u"Forbidden"_s, msg};
    e.group = group;
    e.kind = resource;
    return e;
}

ApiError ApiError::unauthorized()
{
    return ApiError {401, u"Unauthorized"_s, u"Unauthorized"_s};
}

ApiError ApiError::expired(const QString &message)
{
    return ApiError {410, u"Expired"_s, message};
}

ApiError ApiError::methodNotAllowed(const QString &message)
{
    return ApiError {405, u"MethodNotAllowed"_s, message};
}

ApiError ApiError::unsupportedMediaType()
{
    return ApiError {415, u"UnsupportedMediaType"_s,
                     u"the body of the request was in an unknown format - accepted media types "
                     "include: application/json-patch+json, application/merge-patch+json, "
                     "application/apply-patch+yaml"_s};
}

ApiError ApiError::internal(const QString &message)
{
    return ApiError {500, u"InternalError"_s, message};
}

QJsonObject successStatus(const QString &resource, const QString &group, const QString &name,
                          const QString &uid)
{
    QJsonObject details {{u"name"_s, name}, {u"kind"_s, resource}, {u"uid"_s, uid}};
    if (!group.isEmpty())
        details.insert(u"group"_s, group);
    return QJsonObject {{u"kind"_s, u"Status"_s},
                        {u"apiVersion"_s, u"v1"_s},
                        {u"metadata"_s, QJsonObject {}},
                        {u"status"_s, u"Success"_s},
                        {u"details"_s, details}};
}

} // namespace md::sim
