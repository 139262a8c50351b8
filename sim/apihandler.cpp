#include "apihandler.h"

#include "cluster.h"
#include "discovery.h"
#include "oidcissuer.h"
#include "selectors.h"
#include "tables.h"
#include "watchhub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

constexpr char kContinueTooOld[]
    = "The provided continue parameter is too old to display a consistent list result. You can "
      "start a new list without the continue parameter.";

QString nsOf(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject().value(u"namespace"_s).toString();
}

QByteArray encodeContinue(qint64 rv, const QString &key)
{
    return QJsonDocument(QJsonObject {{u"rv"_s, QString::number(rv)}, {u"start"_s, key}})
        .toJson(QJsonDocument::Compact)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.setHeader("Content-Type", "application/json");
    return r;
}

HttpResponse errorResponse(const ApiError &error)
{
    HttpResponse r = jsonResponse(error.code, error.toStatus());
    if (error.retryAfterSeconds > 0)
        r.setHeader("Retry-After", QByteArray::number(error.retryAfterSeconds));
    return r;
}

ApiHandler::ApiHandler(Cluster *cluster)
    : m_cluster(cluster)
{ }

HttpResponse ApiHandler::handle(const HttpRequest &request)
{
    static const bool trace = qEnvironmentVariableIsSet("MESHSIM_TRACE");
    HttpResponse response = authenticated(request);
    if (trace)
        qInfo("meshsim %s: %s %s?%s [%s] -> %d", qPrintable(m_cluster->name()),
              request.method.constData(), qPrintable(request.path),
              qPrintable(request.query.toString()), request.header("content-type").constData(),
              response.status);
    return response;
}

HttpResponse ApiHandler::authenticated(const HttpRequest &request)
{
    const QString path = request.path;
    if (path == u"/healthz"_s || path == u"/livez"_s || path == u"/readyz"_s) {
        HttpResponse r;
        r.body = "ok";
        r.setHeader("Content-Type", "text/plain");
        return r;
    }
    OidcIssuer *issuer = m_cluster->oidcIssuer();
    if (issuer && m_cluster->servesOidcIssuer() && OidcIssuer::isIssuerPath(path))
        return issuer->handle(request); // the identity provider: no bearer token
    const QByteArray auth = request.header("authorization");
    Caller caller;
    if (auth.startsWith("Bearer ")) {
        const QString token = QString::fromLatin1(auth.mid(7).trimmed());
        if (token == m_cluster->adminToken()) {
            caller = Caller {u"meshsim-admin"_s, true};
        } else if (token == m_cluster->viewerToken()) {
            caller = Caller {u"meshsim-viewer"_s, false};
        } else if (issuer) {
            // Like an API server started with --oidc-issuer-url, --oidc-client-id and
            // --oidc-username-prefix=oidc: ; the group system:masters makes an admin.
            if (const auto identity = issuer->verify(token))
                caller = Caller {u"oidc:"_s + identity->user,
                                 identity->groups.contains(u"system:masters"_s), true};
        }
    }
    if (caller.user.isEmpty())
        return errorResponse(ApiError::unauthorized());
    if (path == u"/meshsim/faults"_s)
        return faultsEndpoint(request, caller);
    if (path == u"/meshsim/oidc"_s || path.startsWith(u"/meshsim/oidc/"_s)) {
        if (!caller.admin)
            return errorResponse(
                ApiError::forbidden(caller.user, u"update"_s, u"oidc"_s, u"meshsim"_s, {}));
        if (!issuer)
            return errorResponse(
                ApiError {404, u"NotFound"_s, u"meshsim runs without --oidc-issuer"_s});
        return issuer->admin(request);
    }
    const FaultConfig &faults = m_cluster->faults();
    if (!caller.oidc && faults.revokedTokens.contains(caller.admin ? u"admin"_s : u"viewer"_s))
        return errorResponse(ApiError::unauthorized());
    HttpResponse response;
    const double dice = QRandomGenerator::global()->generateDouble();
    if (dice < faults.errorRate) {
        response = errorResponse(ApiError::internal(u"meshsim: injected server error"_s));
    } else if (dice < faults.errorRate + faults.throttleRate) {
        ApiError e {429, u"TooManyRequests"_s,
                    u"meshsim: injected throttling, please try again later"_s};
        e.retryAfterSeconds = qMax(1, faults.retryAfterSeconds);
        response = errorResponse(e);
    } else {
        response = route(request, caller);
    }
    response.delayMs = faults.latencyMs;
    return response;
}

HttpResponse ApiHandler::faultsEndpoint(const HttpRequest &request, const Caller &caller)
{
    // Controlled with the admin token, even while it is "revoked" for the API.
    if (!caller.admin)
        return errorResponse(
            ApiError::forbidden(caller.user, u"update"_s, u"faults"_s, u"meshsim"_s, {}));
    if (request.method == "GET")
        return jsonResponse(200, m_cluster->faults().toJson());
    if (request.method != "PUT" && request.method != "PATCH" && request.method != "POST")
        return errorResponse(ApiError::methodNotAllowed(u"use GET or PATCH"_s));
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return errorResponse(ApiError::badRequest(u"expected a JSON object"_s));
    const FaultConfig base = request.method == "PUT" ? FaultConfig {} : m_cluster->faults();
    auto next = base.merged(doc.object());
    if (!next)
        return errorResponse(ApiError::badRequest(next.error().toString()));
    m_cluster->setFaults(*next);
    return jsonResponse(200, next->toJson());
}

HttpResponse ApiHandler::route(const HttpRequest &request, const Caller &caller)
{
    const Registry &registry = m_cluster->registry();
    const QStringList parts = request.path.split(u'/', Qt::SkipEmptyParts);
    const bool get = request.method == "GET";
    if (get && parts == QStringList {u"version"_s})
        return jsonResponse(200, versionInfo());
    if (get && parts == QStringList {u"api"_s})
        return jsonResponse(200,
                            coreApiVersions(u"127.0.0.1:"_s + QString::number(m_cluster->port())));
    if (get && parts == QStringList {u"apis"_s})
        return jsonResponse(200, apiGroupList(registry));
    if (get && parts.size() >= 2 && parts[0] == u"openapi"_s) {
        if (parts[1] == u"v3"_s && parts.size() == 2)
            return jsonResponse(200, openApiIndex(registry));
        if (parts[1] == u"v3"_s) {
            if (auto doc = openApiDocument(registry, parts.mid(2).join(u'/')))
                return jsonResponse(200, *doc);
        }
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    }
    if (parts.size() >= 2 && parts[0] == u"api"_s) {
        if (parts[1] != u"v1"_s)
            return errorResponse(ApiError {404, u"NotFound"_s,
                                           u"the server could not find the requested resource"_s});
        if (parts.size() == 2 && get)
            return jsonResponse(200, *apiResourceList(registry, {}, u"v1"_s));
        return resourceRequest(request, caller, {}, parts[1], parts.mid(2));
    }
    if (parts.size() >= 2 && parts[0] == u"apis"_s) {
        if (parts.size() == 2 && get) {
            if (auto g = apiGroup(registry, parts[1]))
                return jsonResponse(200, *g);
        } else if (parts.size() == 3 && get) {
            if (auto list = apiResourceList(registry, parts[1], parts[2]))
                return jsonResponse(200, *list);
        } else if (parts.size() > 3) {
            return resourceRequest(request, caller, parts[1], parts[2], parts.mid(3));
        }
    }
    return errorResponse(
        ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
}

HttpResponse ApiHandler::resourceRequest(const HttpRequest &request, const Caller &caller,
                                         const QString &group, const QString &version,
                                         const QStringList &rest)
{
    Target t;
    t.version = version;
    QStringList r = rest;
    if (r.size() >= 3 && r[0] == u"namespaces"_s) {
        t.ns = r[1];
        r = r.mid(2);
    }
    if (r.isEmpty() || r.size() > 3)
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    t.type = m_cluster->registry().find(group, version, r[0]);
    if (!t.type)
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    if (!t.ns.isEmpty() && !t.type->namespaced)
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    t.name = r.value(1);
    t.subresource = r.value(2);
    const bool scalable = !t.type->custom
        && (t.type->kind == u"Deployment"_s || t.type->kind == u"StatefulSet"_s
            || t.type->kind == u"ReplicaSet"_s);
    if (!t.subresource.isEmpty()
        && !((t.subresource == u"status"_s && t.type->hasStatus)
             || (t.subresource == u"scale"_s && scalable)))
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    if (t.subresource == u"scale"_s)
        return scale(request, caller, t);
    if (t.type->namespaced && !t.name.isEmpty() && t.ns.isEmpty())
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});

    if (t.type->createOnly)
        return review(request, caller, t);
    const QByteArray method = request.method;
    if (method == "GET") {
        if (t.name.isEmpty()) {
            const QString w = request.queryValue(u"watch"_s);
            if (w == u"1"_s || w == u"true"_s)
                return watch(request, t);
            return list(request, t);
        }
        const auto object = m_cluster->store().get(t.type->key(), t.ns, t.name);
        if (!object)
            return errorResponse(ApiError::notFound(t.type->plural, t.type->group, t.name));
        const QJsonObject out = Cluster::asVersion(*t.type, t.version, *object);
        if (const auto table = acceptedTableVersion(request.header("accept")))
            return jsonResponse(
                200,
                makeTable(*t.type, *table, {out},
                          includeObjectFrom(request.queryValue(u"includeObject"_s))));
        return jsonResponse(200, out);
    }
    if (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE")
        return write(request, caller, t);
    return errorResponse(ApiError::methodNotAllowed(
        u"the server does not allow this method on the requested resource"_s));
}

HttpResponse ApiHandler::list(const HttpRequest &request, const Target &t)
{
    auto labels = LabelSelector::parse(request.queryValue(u"labelSelector"_s));
    if (!labels)
        return errorResponse(ApiError::badRequest(labels.error().message));
    auto fields = FieldSelector::parse(request.queryValue(u"fieldSelector"_s), t.type->kind);
    if (!fields)
        return errorResponse(ApiError::badRequest(fields.error().message));
    const ObjectFilter filter {*labels, *fields};
    bool limitOk = true;
    const QString limitText = request.queryValue(u"limit"_s);
    const qint64 limit = limitText.isEmpty() ? 0 : limitText.toLongLong(&limitOk);
    if (!limitOk || limit < 0)
        return errorResponse(ApiError::badRequest(u"invalid limit: "_s + limitText));
    const Store &store = m_cluster->store();
    qint64 listVersion = store.resourceVersion();
    QString start;
    const QString token = request.queryValue(u"continue"_s);
    if (!token.isEmpty()) {
        const QJsonObject c
            = QJsonDocument::fromJson(
                  QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding))
                  .object();
        bool ok = false;
        listVersion = c.value(u"rv"_s).toString().toLongLong(&ok);
        if (!ok)
            return errorResponse(ApiError::badRequest(
                u"continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"_s));
        if (listVersion < store.oldestWatchableVersion())
            return errorResponse(ApiError::expired(QString::fromLatin1(kContinueTooOld)));
        start = c.value(u"start"_s).toString();
    }
    const QString apiVersion = t.type->apiVersion(t.version);
    QJsonArray items;
    QString lastKey;
    qint64 remaining = 0;
    const Store::Objects &objects = store.objects(t.type->key());
    auto it = start.isEmpty() ? objects.begin() : objects.upper_bound(start);
    for (; it != objects.end(); ++it) {
        const QJsonObject &o = it->second;
        if (!t.ns.isEmpty() && nsOf(o) != t.ns)
            continue;
        if (!filter.matches(o))
            continue;
        if (limit > 0 && items.size() >= limit) {
            ++remaining;
            continue;
        }
        QJsonObject item = o;
        item.insert(u"apiVersion"_s, apiVersion);
        items.append(item);
        lastKey = it->first;
    }
    QJsonObject meta {{u"resourceVersion"_s, QString::number(listVersion)}};
    if (remaining > 0) {
        meta.insert(u"continue"_s, QString::fromLatin1(encodeContinue(listVersion, lastKey)));
        meta.insert(u"remainingItemCount"_s, remaining);
    }
    if (const auto table = acceptedTableVersion(request.header("accept"))) {
        QList<QJsonObject> objects;
        for (const QJsonValue &v : items)
            objects << v.toObject();
        return jsonResponse(200,
                            makeTable(*t.type, *table, objects,
                                      includeObjectFrom(request.queryValue(u"includeObject"_s)),
                                      meta));
    }
    return jsonResponse(200,
                        QJsonObject {{u"kind"_s, t.type->listKind},
                                     {u"apiVersion"_s, apiVersion},
                                     {u"metadata"_s, meta},
                                     {u"items"_s, items}});
}

HttpResponse ApiHandler::watch(const HttpRequest &request, const Target &t)
{
    auto labels = LabelSelector::parse(request.queryValue(u"labelSelector"_s));
    if (!labels)
        return errorResponse(ApiError::badRequest(labels.error().message));
    auto fields = FieldSelector::parse(request.queryValue(u"fieldSelector"_s), t.type->kind);
    if (!fields)
        return errorResponse(ApiError::badRequest(fields.error().message));
    WatchSpec spec;
    spec.typeKey = t.type->key();
    spec.apiVersion = t.type->apiVersion(t.version);
    spec.kind = t.type->kind;
    spec.ns = t.ns;
    spec.filter = ObjectFilter {*labels, *fields};
    spec.tableVersion = acceptedTableVersion(request.header("accept")).value_or(QString());
    spec.include = includeObjectFrom(request.queryValue(u"includeObject"_s));
    const QString b = request.queryValue(u"allowWatchBookmarks"_s);
    spec.bookmarks = b == u"true"_s || b == u"1"_s;
    spec.timeoutSeconds = request.queryValue(u"timeoutSeconds"_s).toInt();
    const QString rv = request.queryValue(u"resourceVersion"_s);
    const Store &store = m_cluster->store();
    bool expired = false;
    const QString initial = request.queryValue(u"sendInitialEvents"_s);
    if (initial == u"true"_s) {
        // Streaming list (client-go's WatchList): the current state, then a BOOKMARK.
        if (!spec.bookmarks || request.queryValue(u"resourceVersionMatch"_s) != u"NotOlderThan"_s)
            return errorResponse(ApiError::invalid(
                u"ListOptions"_s, u"meta.k8s.io"_s, {},
                {StatusCause {u"FieldValueForbidden"_s,
                              u"Forbidden: sendInitialEvents requires allowWatchBookmarks=true "
                              "and resourceVersionMatch=NotOlderThan"_s,
                              u"sendInitialEvents"_s}}));
        spec.sendInitial = true;
        spec.initialEventsEnd = true;
    } else if (rv.isEmpty() || rv == u"0"_s) {
        spec.sendInitial = true;
    } else {
        bool ok = false;
        spec.fromVersion = rv.toLongLong(&ok);
        if (!ok)
            return errorResponse(ApiError::badRequest(u"invalid resource version: "_s + rv));
        expired = spec.fromVersion < store.oldestWatchableVersion()
            || m_cluster->faults().expireWatchResumes;
    }
    HttpResponse r;
    r.setHeader("Content-Type", "application/json");
    WatchHub *hub = m_cluster->watches();
    const qint64 oldest = store.oldestWatchableVersion();
    r.stream = [hub, spec, expired, oldest](HttpStream *stream) {
        if (expired) {
            // The API server answers 200 and sends the 410 as an ERROR event.
            stream->write(
                watchEventLine("ERROR",
                               ApiError::expired(u"too old resource version: "_s
                                                 + QString::number(spec.fromVersion) + u" ("_s
                                                 + QString::number(oldest + 1) + u')')
                                   .toStatus()));
            stream->finish();
            return;
        }
        hub->start(stream, spec);
    };
    return r;
}

} // namespace md::sim
