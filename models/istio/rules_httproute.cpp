// Webhook checks of one VirtualService HTTP route: actions, redirect, rewrite, fault,
// retries, mirrors, CORS and header operations.

#include "istio/webhookrules_p.h"

#include <QSet>

namespace md::istio::webhook {

namespace {

void checkHeaderOps(const Value &ops, const QString &path, Findings &f)
{
    for (const char *op : {"set", "add"}) {
        const Value &map = ops.value(QString::fromLatin1(op));
        for (qsizetype i = 0; i < map.size() && map.isObject(); ++i) {
            const QString name = map.keyAt(i);
            const QString entry = joinPath(path, QString::fromLatin1(op)) + u'[' + name + u']';
            if (name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0
                || (name.startsWith(u':') && name != QLatin1String(":authority"))) {
                f.error(codes::HeaderOperation, entry,
                        Tr::tr("invalid header %1: Host and pseudo-headers cannot be changed")
                            .arg(name));
            } else if (name != QLatin1String(":authority") && !isHeaderName(name)) {
                f.error(codes::HeaderOperation, entry,
                        Tr::tr("header name \"%1\" is not valid").arg(name));
            }
            const QString value = map.valueAt(i).toString();
            for (const QChar c : value) {
                if (c.unicode() < 0x20 && c != u'\t') {
                    f.error(codes::HeaderOperation, entry,
                            Tr::tr("header value contains control characters"));
                    break;
                }
            }
        }
    }
    const Value &remove = ops.value(QStringLiteral("remove"));
    for (qsizetype i = 0; i < remove.size(); ++i) {
        const QString name = remove.at(i).toString();
        if (name.compare(QLatin1String("host"), Qt::CaseInsensitive) == 0 || name.startsWith(u':'))
            f.error(
                codes::HeaderOperation, itemPath(joinPath(path, QStringLiteral("remove")), i),
                Tr::tr("invalid header %1: Host and pseudo-headers cannot be removed").arg(name));
    }
}

void checkRedirect(const Value &redirect, const QString &path, Findings &f)
{
    if (!redirect.isObject())
        return;
    if (!has(redirect, QStringLiteral("uri")) && !has(redirect, QStringLiteral("authority"))
        && !has(redirect, QStringLiteral("scheme")) && !has(redirect, QStringLiteral("port"))
        && !has(redirect, QStringLiteral("derivePort")))
        f.error(codes::RedirectRewrite, path,
                Tr::tr("redirect must specify URI, authority, scheme, or port"));
    if (has(redirect, QStringLiteral("port")) && has(redirect, QStringLiteral("derivePort")))
        f.error(codes::RedirectRewrite, path,
                Tr::tr("redirect may set only one of port or derivePort"));
    checkPort(redirect.value(QStringLiteral("port")), joinPath(path, QStringLiteral("port")), f,
              codes::RedirectRewrite);
    const Value &code = redirect.value(QStringLiteral("redirectCode"));
    if (code.isNumber() && (code.toInteger() < 300 || code.toInteger() > 399))
        f.error(codes::RedirectRewrite, joinPath(path, QStringLiteral("redirectCode")),
                Tr::tr("%1 is not a valid redirect code, must be 3xx").arg(code.toInteger()));
    const QString scheme = redirect.value(QStringLiteral("scheme")).toString();
    if (!scheme.isEmpty() && scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        f.error(codes::RedirectRewrite, joinPath(path, QStringLiteral("scheme")),
                Tr::tr("redirect scheme must be http or https, not \"%1\"").arg(scheme));
}

void checkRewrite(const Value &rewrite, const QString &path, Findings &f)
{
    if (!rewrite.isObject())
        return;
    const Value &regex = rewrite.value(QStringLiteral("uriRegexRewrite"));
    if (has(rewrite, QStringLiteral("uri")) && regex.isObject())
        f.error(codes::RedirectRewrite, path,
                Tr::tr("rewrite may set only one of uri or uriRegexRewrite"));
    if (!has(rewrite, QStringLiteral("uri")) && !has(rewrite, QStringLiteral("authority"))
        && !regex.isObject())
        f.error(codes::RedirectRewrite, path,
                Tr::tr("rewrite must specify uri, authority or uriRegexRewrite"));
    if (regex.isObject()
        && (regex.value(QStringLiteral("match")).toString().isEmpty()
            || !has(regex, QStringLiteral("rewrite"))))
        f.error(codes::RedirectRewrite, joinPath(path, QStringLiteral("uriRegexRewrite")),
                Tr::tr("uriRegexRewrite needs both match and rewrite"));
}

void checkFault(const Value &fault, const QString &path, Findings &f)
{
    if (!fault.isObject())
        return;
    const Value &abort = fault.value(QStringLiteral("abort"));
    const Value &delay = fault.value(QStringLiteral("delay"));
    if (!abort.isObject() && !delay.isObject())
        f.error(codes::FaultRetryMirror, path, Tr::tr("fault must have an abort or delay"));
    const auto percent = [&](const Value &section, const QString &sectionPath) {
        const Value &p = section.value(QStringLiteral("percentage")).value(QStringLiteral("value"));
        const double v = p.toDouble();
        if (p.isNumber() && (v < 0 || v > 100 || (v > 0 && v < 0.0001)))
            f.error(codes::FaultRetryMirror,
                    joinPath(sectionPath, QStringLiteral("percentage.value")),
                    Tr::tr("percentage %1 is out of range: 0 or 0.0001 to 100").arg(v));
    };
    if (abort.isObject()) {
        const QString abortPath = joinPath(path, QStringLiteral("abort"));
        percent(abort, abortPath);
        const Value &status = abort.value(QStringLiteral("httpStatus"));
        if (status.isNumber() && (status.toInteger() < 200 || status.toInteger() > 599))
            f.error(codes::FaultRetryMirror, joinPath(abortPath, QStringLiteral("httpStatus")),
                    Tr::tr("invalid abort http status %1").arg(status.toInteger()));
        if (has(abort, QStringLiteral("http2Error")))
            f.error(codes::FaultRetryMirror, joinPath(abortPath, QStringLiteral("http2Error")),
                    Tr::tr("HTTP/2 abort fault injection is not supported"));
        static const QSet<QString> grpc = {QStringLiteral("OK"),
                                           QStringLiteral("CANCELLED"),
                                           QStringLiteral("UNKNOWN"),
                                           QStringLiteral("INVALID_ARGUMENT"),
                                           QStringLiteral("DEADLINE_EXCEEDED"),
                                           QStringLiteral("NOT_FOUND"),
                                           QStringLiteral("ALREADY_EXISTS"),
                                           QStringLiteral("PERMISSION_DENIED"),
                                           QStringLiteral("RESOURCE_EXHAUSTED"),
                                           QStringLiteral("FAILED_PRECONDITION"),
                                           QStringLiteral("ABORTED"),
                                           QStringLiteral("OUT_OF_RANGE"),
                                           QStringLiteral("UNIMPLEMENTED"),
                                           QStringLiteral("INTERNAL"),
                                           QStringLiteral("UNAVAILABLE"),
                                           QStringLiteral("DATA_LOSS"),
                                           QStringLiteral("UNAUTHENTICATED")};
        const QString grpcStatus = abort.value(QStringLiteral("grpcStatus")).toString();
        if (!grpcStatus.isEmpty() && !grpc.contains(grpcStatus))
            f.error(codes::FaultRetryMirror, joinPath(abortPath, QStringLiteral("grpcStatus")),
                    Tr::tr("\"%1\" is not a valid gRPC status code").arg(grpcStatus));
    }
    if (delay.isObject()) {
        const QString delayPath = joinPath(path, QStringLiteral("delay"));
        percent(delay, delayPath);
        checkDurationPrecision(delay.value(QStringLiteral("fixedDelay")),
                               joinPath(delayPath, QStringLiteral("fixedDelay")), f);
        if (has(delay, QStringLiteral("exponentialDelay")))
            f.error(codes::FaultRetryMirror,
                    joinPath(delayPath, QStringLiteral("exponentialDelay")),
                    Tr::tr("exponentialDelay is not supported"));
    }
}

void checkRetries(const Value &retries, const QString &path, Findings &f)
{
    if (!retries.isObject())
        return;
    const Value &attempts = retries.value(QStringLiteral("attempts"));
    if (attempts.isNumber() && attempts.toDouble() < 0)
        f.error(codes::FaultRetryMirror, joinPath(path, QStringLiteral("attempts")),
                Tr::tr("attempts cannot be negative"));
    if (attempts.isNumber() && attempts.toDouble() == 0 && retries.size() > 1)
        f.error(codes::FaultRetryMirror, path,
                Tr::tr("http retry policy configured when attempts are set to 0 (disabled)"));
    checkDurationPrecision(retries.value(QStringLiteral("perTryTimeout")),
                           joinPath(path, QStringLiteral("perTryTimeout")), f);
    static const QSet<QString> policies = {QStringLiteral("5xx"),
                                           QStringLiteral("gateway-error"),
                                           QStringLiteral("reset"),
                                           QStringLiteral("reset-before-request"),
                                           QStringLiteral("connect-failure"),
                                           QStringLiteral("retriable-4xx"),
                                           QStringLiteral("refused-stream"),
                                           QStringLiteral("retriable-status-codes"),
                                           QStringLiteral("retriable-headers"),
                                           QStringLiteral("envoy-ratelimited"),
                                           QStringLiteral("http3-post-connect-failure"),
                                           QStringLiteral("cancelled"),
                                           QStringLiteral("deadline-exceeded"),
                                           QStringLiteral("internal"),
                                           QStringLiteral("resource-exhausted"),
                                           QStringLiteral("unavailable")};
    const QString retryOn = retries.value(QStringLiteral("retryOn")).toString();
    for (const QString &policy : retryOn.split(u',', Qt::SkipEmptyParts)) {
        const QString p = policy.trimmed();
        bool numeric = false;
        const int code = p.toInt(&numeric);
        if (!(numeric ? code >= 100 && code <= 599 : policies.contains(p)))
            f.error(codes::FaultRetryMirror, joinPath(path, QStringLiteral("retryOn")),
                    Tr::tr("\"%1\" is not a valid retryOn policy").arg(p));
    }
}

void checkCors(const Value &cors, const QString &path, Findings &f)
{
    if (!cors.isObject())
        return;
    const Value &origins = cors.value(QStringLiteral("allowOrigins"));
    for (qsizetype i = 0; i < origins.size(); ++i) {
        const Value &o = origins.at(i);
        bool empty = true;
        for (qsizetype k = 0; k < o.size() && o.isObject(); ++k)
            empty = empty && o.valueAt(k).toString().isEmpty()
                && o.keyAt(k) != QLatin1String("prefix");
        if (empty)
            f.error(codes::FaultRetryMirror,
                    itemPath(joinPath(path, QStringLiteral("allowOrigins")), i),
                    Tr::tr("allowOrigins entry must not be empty"));
    }
    static const QSet<QString> methods
        = {QStringLiteral("GET"),     QStringLiteral("HEAD"),   QStringLiteral("POST"),
           QStringLiteral("PUT"),     QStringLiteral("DELETE"), QStringLiteral("CONNECT"),
           QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),  QStringLiteral("PATCH"),
           QStringLiteral("*")};
    const Value &allow = cors.value(QStringLiteral("allowMethods"));
    for (qsizetype i = 0; i < allow.size(); ++i) {
        if (!methods.contains(allow.at(i).toString()))
            f.error(codes::FaultRetryMirror,
                    itemPath(joinPath(path, QStringLiteral("allowMethods")), i),
                    Tr::tr("\"%1\" is not a valid HTTP method").arg(allow.at(i).toString()));
    }
    const auto maxAge = parseDuration(cors.value(QStringLiteral("maxAge")).toString());
    if (maxAge && *maxAge % 1'000'000'000 != 0)
        f.error(codes::FaultRetryMirror, joinPath(path, QStringLiteral("maxAge")),
                Tr::tr("max_age duration is accurate only to seconds precision"));
}

} // namespace

void checkHttpRoute(const Value &route, const QString &path, bool gatewayBound, Findings &f)
{
    if (!route.isObject())
        return;
    const bool hasRoute = !route.value(QStringLiteral("route")).isEmpty();
    const bool redirect = has(route, QStringLiteral("redirect"));
    const bool direct = has(route, QStringLiteral("directResponse"));
    const bool delegate = has(route, QStringLiteral("delegate"));
    const int actions = int(hasRoute) + int(redirect) + int(direct);
    if (actions == 0 && !delegate)
        f.error(codes::RouteStructure, path,
                Tr::tr("HTTP route, redirect or direct response is required"));
    else if (actions > 1)
        f.error(codes::RouteStructure, path,
                Tr::tr("HTTP route may have only one of route, redirect or directResponse"));
    if (delegate && (hasRoute || redirect))
        f.error(codes::RouteStructure, path,
                Tr::tr("HTTP route with delegate cannot have route or redirect"));
    if (redirect && has(route, QStringLiteral("fault")))
        f.error(codes::RedirectRewrite, path,
                Tr::tr("HTTP route cannot contain both fault and redirect"));
    if (redirect && has(route, QStringLiteral("rewrite")))
        f.error(codes::RedirectRewrite, path,
                Tr::tr("HTTP route rule cannot contain both rewrite and redirect"));
    if (has(route, QStringLiteral("mirror")) && has(route, QStringLiteral("mirrors")))
        f.error(codes::FaultRetryMirror, path,
                Tr::tr("HTTP route cannot contain both mirror and mirrors"));
    const Value &matches = route.value(QStringLiteral("match"));
    for (qsizetype i = 0; i < matches.size(); ++i)
        checkHttpMatch(matches.at(i), itemPath(joinPath(path, QStringLiteral("match")), i),
                       gatewayBound, f);
    checkRouteDestinations(route.value(QStringLiteral("route")),
                           joinPath(path, QStringLiteral("route")), f);
    const Value &routes = route.value(QStringLiteral("route"));
    for (qsizetype i = 0; i < routes.size(); ++i)
        checkHeaderOps(
            routes.at(i).value(QStringLiteral("headers")).value(QStringLiteral("request")),
            itemPath(joinPath(path, QStringLiteral("route")), i)
                + QStringLiteral(".headers.request"),
            f);
    const Value &headers = route.value(QStringLiteral("headers"));
    checkHeaderOps(headers.value(QStringLiteral("request")),
                   joinPath(path, QStringLiteral("headers.request")), f);
    checkHeaderOps(headers.value(QStringLiteral("response")),
                   joinPath(path, QStringLiteral("headers.response")), f);
    checkRedirect(route.value(QStringLiteral("redirect")),
                  joinPath(path, QStringLiteral("redirect")), f);
    checkRewrite(route.value(QStringLiteral("rewrite")), joinPath(path, QStringLiteral("rewrite")),
                 f);
    checkFault(route.value(QStringLiteral("fault")), joinPath(path, QStringLiteral("fault")), f);
    checkRetries(route.value(QStringLiteral("retries")), joinPath(path, QStringLiteral("retries")),
                 f);
    checkCors(route.value(QStringLiteral("corsPolicy")),
              joinPath(path, QStringLiteral("corsPolicy")), f);
    checkDurationPrecision(route.value(QStringLiteral("timeout")),
                           joinPath(path, QStringLiteral("timeout")), f);
    const Value &response = route.value(QStringLiteral("directResponse"));
    if (response.isObject()) {
        const Value &status = response.value(QStringLiteral("status"));
        if (status.isNumber() && (status.toInteger() < 200 || status.toInteger() > 599))
            f.error(codes::RouteStructure, joinPath(path, QStringLiteral("directResponse.status")),
                    Tr::tr("directResponse status %1 must be in the range 200..599")
                        .arg(status.toInteger()));
        const Value &body = response.value(QStringLiteral("body"));
        const qsizetype size = body.value(QStringLiteral("string")).toString().toUtf8().size()
            + body.value(QStringLiteral("bytes")).toString().size() * 3 / 4;
        if (size > 1024 * 1024)
            f.error(codes::RouteStructure, joinPath(path, QStringLiteral("directResponse.body")),
                    Tr::tr("directResponse body is larger than 1 MB"));
        else if (size > 100 * 1024)
            f.warning(codes::RouteStructure, joinPath(path, QStringLiteral("directResponse.body")),
                      Tr::tr("directResponse body is larger than 100 KB; large bodies slow down "
                             "configuration"));
    }
    if (const Value &mirror = route.value(QStringLiteral("mirror")); mirror.isObject())
        checkMirrorDestination(mirror, joinPath(path, QStringLiteral("mirror")), f);
    checkPercent(route.value(QStringLiteral("mirrorPercentage")).value(QStringLiteral("value")),
                 joinPath(path, QStringLiteral("mirrorPercentage.value")), f,
                 codes::FaultRetryMirror);
    const Value &mirrors = route.value(QStringLiteral("mirrors"));
    for (qsizetype i = 0; i < mirrors.size(); ++i) {
        const QString item = itemPath(joinPath(path, QStringLiteral("mirrors")), i);
        checkMirrorDestination(mirrors.at(i).value(QStringLiteral("destination")),
                               joinPath(item, QStringLiteral("destination")), f);
        checkPercent(
            mirrors.at(i).value(QStringLiteral("percentage")).value(QStringLiteral("value")),
            joinPath(item, QStringLiteral("percentage.value")), f, codes::FaultRetryMirror);
    }
}

} // namespace md::istio::webhook
