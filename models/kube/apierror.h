#pragma once

// Errors of the Kubernetes API client: transport failures and the API server's `Status`
// objects, parsed into one typed value (reason, code, message, field causes).

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace md::kube {

struct StatusCause
{
    QString reason; // "FieldValueInvalid", "FieldValueRequired", ...
    QString message;
    QString field; // "spec.http[0].route[0].weight"

    bool operator==(const StatusCause &) const = default;
};

struct ApiError
{
    enum class Kind {
        Network, // connection refused, reset, timeout, DNS
        Tls, // certificate verification or handshake
        Status, // the server answered with an error code (and usually a Status body)
        Decode, // the answer could not be read (malformed JSON, unexpected shape)
        Auth, // credentials could not be obtained (exec plugin, token file)
    };

    Kind kind = Kind::Network;
    int code = 0; // HTTP status (0 when no answer)
    QString reason; // Status.reason: "NotFound", "Conflict", "Invalid", "Forbidden", ...
    QString message; // Status.message or the transport's text
    QList<StatusCause> causes;
    QString group; // Status.details.group
    QString resource; // Status.details.kind (the resource, e.g. "virtualservices")
    QString name; // Status.details.name
    std::optional<int> retryAfterSeconds; // Retry-After header or details.retryAfterSeconds
    QString url; // the request, without query secrets

    bool isNotFound() const { return code == 404; }
    bool isConflict() const { return code == 409 && reason == QLatin1String("Conflict"); }
    bool isAlreadyExists() const { return code == 409 && reason == QLatin1String("AlreadyExists"); }
    bool isInvalid() const { return code == 422; }
    bool isUnauthorized() const { return code == 401; }
    bool isForbidden() const { return code == 403; }
    bool isGone() const { return code == 410; }
    bool isTooManyRequests() const { return code == 429; }
    bool isServerError() const { return code >= 500; }
    // Worth retrying with backoff (network trouble, 429, 5xx).
    bool isRetriable() const;

    // One line for a status bar or a log; causes follow on further lines in detail().
    QString summary() const;
    QString detail() const;
};

// Reads an error answer: a `Status` object when the body is one, otherwise the HTTP code
// with the body's first line as the message. Never fails.
ApiError parseStatus(int httpStatus, const QByteArray &body, const QString &url = {},
                     const QByteArray &retryAfterHeader = {});

// True when `body` is a Status object whose status is "Failure" (also sent inside watch
// streams as an ERROR event's object).
bool isFailureStatus(const QByteArray &body);

} // namespace md::kube
