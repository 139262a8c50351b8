#pragma once

// Kubernetes API errors as the API server reports them: a metav1.Status object with a
// reason, an HTTP code and, for validation failures, details.causes[].field.

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace md::sim {

struct StatusCause
{
    QString reason; // FieldValueInvalid, FieldValueRequired, FieldManagerConflict, ...
    QString message;
    QString field;
};

struct ApiError
{
    int code = 500;
    QString reason; // NotFound, AlreadyExists, Conflict, Invalid, Forbidden, ...
    QString message;
    QString name; // details.name
    QString group; // details.group
    QString kind; // details.kind (the resource, as the API server puts it)
    QList<StatusCause> causes;
    int retryAfterSeconds = 0;

    QJsonObject toStatus() const;

    static ApiError notFound(const QString &resource, const QString &group, const QString &name);
    static ApiError alreadyExists(const QString &resource, const QString &group,
                                  const QString &name);
    static ApiError conflict(const QString &resource, const QString &group, const QString &name,
                             const QString &why);
    static ApiError badRequest(const QString &message);
    static ApiError invalid(const QString &kind, const QString &group, const QString &name,
                            const QList<StatusCause> &causes);
    static ApiError forbidden(const QString &user, const QString &verb, const QString &resource,
                              const QString &group, const QString &ns);
    static ApiError unauthorized();
    static ApiError expired(const QString &message);
    static ApiError methodNotAllowed(const QString &message);
    static ApiError unsupportedMediaType();
    static ApiError internal(const QString &message);
};

// A successful metav1.Status (what DELETE of a custom resource returns).
QJsonObject successStatus(const QString &resource, const QString &group, const QString &name,
                          const QString &uid);

} // namespace md::sim
