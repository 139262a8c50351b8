#include "kube/apierror.h"

#include "kube/kubetr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace md::kube {

namespace {

QString reasonForCode(int code)
{
    switch (code) {
    case 400:
        return QStringLiteral("BadRequest");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("NotFound");
    case 405:
        return QStringLiteral("MethodNotAllowed");
    case 406:
        return QStringLiteral("NotAcceptable");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Expired");
    case 413:
        return QStringLiteral("RequestEntityTooLarge");
    case 415:
        return QStringLiteral("UnsupportedMediaType");
    case 422:
        return QStringLiteral("Invalid");
    case 429:
        return QStringLiteral("TooManyRequests");
    case 500:
        return QStringLiteral("InternalError");
    case 503:
        return QStringLiteral("ServiceUnavailable");
    case 504:
        return QStringLiteral("Timeout");
    default:
        return code >= 500 ? QStringLiteral("InternalError") : QStringLiteral("Unknown");
    }
}

} // namespace

bool ApiError::isRetriable() const
{
    switch (kind) {
    case Kind::Network:
        return true;
    case Kind::Status:
        return code == 429 || code >= 500 || (code == 0);
    default:
        return false;
    }
}

QString ApiError::summary() const
{
    switch (kind) {
    case Kind::Network:
        return Tr::tr("Cannot reach the API server: %1").arg(message);
    case Kind::Tls:
        return Tr::tr("TLS error: %1").arg(message);
    case Kind::Decode:
        return Tr::tr("Unreadable answer from the API server: %1").arg(message);
    case Kind::Auth:
        return Tr::tr("Cannot get credentials: %1").arg(message);
    case Kind::Status:
        break;
    }
    if (message.isEmpty())
        return Tr::tr("%1 (HTTP %2)").arg(reason).arg(code);
    return Tr::tr("%1 (HTTP %2): %3").arg(reason).arg(code).arg(message);
}

QString ApiError::detail() const
{
    QString text = summary();
    for (const StatusCause &cause : causes) {
        text += QLatin1Char('\n');
        text += cause.field.isEmpty() ? cause.message
                                      : Tr::tr("%1: %2").arg(cause.field, cause.message);
    }
    return text;
}

bool isFailureStatus(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    return o.value(QLatin1String("kind")).toString() == QLatin1String("Status")
        && o.value(QLatin1String("status")).toString() == QLatin1String("Failure");
}

ApiError parseStatus(int httpStatus, const QByteArray &body, const QString &url,
                     const QByteArray &retryAfterHeader)
{
    ApiError e;
    e.kind = ApiError::Kind::Status;
    e.code = httpStatus;
    e.url = url;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject o = doc.object();
    if (parseError.error == QJsonParseError::NoError
        && o.value(QLatin1String("kind")).toString() == QLatin1String("Status")) {
        e.reason = o.value(QLatin1String("reason")).toString();
        e.message = o.value(QLatin1String("message")).toString();
        const int statusCode = o.value(QLatin1String("code")).toInt();
        if (statusCode > 0 && httpStatus == 0)
            e.code = statusCode;
        const QJsonObject details = o.value(QLatin1String("details")).toObject();
        e.group = details.value(QLatin1String("group")).toString();
        e.resource = details.value(QLatin1String("kind")).toString();
        e.name = details.value(QLatin1String("name")).toString();
        if (details.contains(QLatin1String("retryAfterSeconds")))
            e.retryAfterSeconds = details.value(QLatin1String("retryAfterSeconds")).toInt();
        const QJsonArray causes = details.value(QLatin1String("causes")).toArray();
        for (const QJsonValue &c : causes) {
            const QJsonObject co = c.toObject();
            e.causes.append({co.value(QLatin1String("reason")).toString(),
                             co.value(QLatin1String("message")).toString(),
                             co.value(QLatin1String("field")).toString()});
        }
    } else {
        const qsizetype newline = body.indexOf('\n');
        const QByteArray firstLine = (newline < 0 ? body : body.left(newline)).trimmed().left(300);
        e.message = QString::fromUtf8(firstLine);
    }
    if (e.reason.isEmpty())
        e.reason = reasonForCode(e.code);
    if (!retryAfterHeader.isEmpty()) {
        bool ok = false;
        const int seconds = retryAfterHeader.trimmed().toInt(&ok);
        if (ok && seconds >= 0)
            e.retryAfterSeconds = seconds;
    }
    return e;
}

} // namespace md::kube
