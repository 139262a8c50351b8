// ApiHandler's write verbs (POST, PUT, PATCH, DELETE) and the self-review kinds kubectl
// auth uses.

#include "apihandler.h"

#include "cluster.h"
#include "protobuf.h"
#include "schema/yamljson.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

Result<QJsonObject, ApiError> parseObject(const HttpRequest &request)
{
    const QByteArray ct = request.header("content-type").toLower();
    if (ct.startsWith("application/vnd.kubernetes.protobuf")) {
        auto decoded = decodeKubernetesProtobuf(request.body);
        if (decoded)
            return *decoded;
        return Unexpected<ApiError> {
            ApiError {415, u"UnsupportedMediaType"_s, decoded.error().message}};
    }
    if (ct.contains("protobuf") || ct.contains("cbor"))
        return Unexpected<ApiError> {
            ApiError {415, u"UnsupportedMediaType"_s,
                      u"the body of the request was in an unknown format - "
                      "accepted media types include: application/json, "
                      "application/yaml"_s}};
    if (ct.contains("yaml")) {
        auto docs = schema::parseYamlStream(request.body, u"request body"_s);
        if (!docs || docs->size() != 1 || !docs->first().value.isObject())
            return Unexpected<ApiError> {ApiError::badRequest(
                u"error decoding YAML: "_s
                + (docs ? u"expected exactly one object"_s : docs.error().toString()))};
        return docs->first().value.toObject();
    }
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Unexpected<ApiError> {
            ApiError::badRequest(u"couldn't get version/kind; json parse error: "_s
                                 + (error.error != QJsonParseError::NoError ? error.errorString()
                                                                            : u"not an object"_s))};
    return doc.object();
}

QString verbOf(const QByteArray &method)
{
    if (method == "POST")
        return u"create"_s;
    if (method == "PUT")
        return u"update"_s;
    if (method == "PATCH")
        return u"patch"_s;
    return u"delete"_s;
}

QByteArray quoteWarning(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return "299 - \"" + escaped.toUtf8() + '"';
}

// The default field manager, as the API server derives it from the user agent.
QString managerFromAgent(const QByteArray &agent)
{
    const QByteArray first = agent.split('/').first().trimmed();
    return first.isEmpty() ? u"unknown"_s : QString::fromUtf8(first);
}

} // namespace

HttpResponse ApiHandler::write(const HttpRequest &request, const Caller &caller, const Target &t)
{
    const Registry &registry = m_cluster->registry();
    Q_UNUSED(registry);
    const QByteArray method = request.method;
    if ((method == "POST") != t.name.isEmpty())
        return errorResponse(ApiError::methodNotAllowed(
            u"the server does not allow this method on the requested resource"_s));
    if (method == "POST" && t.type->namespaced && t.ns.isEmpty())
        return errorResponse(
            ApiError {404, u"NotFound"_s, u"the server could not find the requested resource"_s});
    if (!caller.admin)
        return errorResponse(
            ApiError::forbidden(caller.user, verbOf(method), t.type->plural, t.type->group, t.ns));
    WriteOptions options;
    QStringList warnings;
    options.warnings = &warnings;
    const QString dryRun = request.queryValue(u"dryRun"_s);
    if (!dryRun.isEmpty() && dryRun != u"All"_s)
        return errorResponse(ApiError::badRequest(u"Invalid value: \""_s + dryRun
                                                  + u"\": supported values: \"All\""_s));
    options.dryRun = dryRun == u"All"_s;
    const QString validation = request.queryValue(u"fieldValidation"_s);
    if (validation.isEmpty() || validation == u"Warn"_s)
        options.validation = FieldValidation::Warn;
    else if (validation == u"Strict"_s)
        options.validation = FieldValidation::Strict;
    else if (validation == u"Ignore"_s)
        options.validation = FieldValidation::Ignore;
    else
        return errorResponse(
            ApiError::badRequest(u"fieldValidation parameter unsupported: "_s + validation));
    options.fieldManager = request.queryValue(u"fieldManager"_s);
    const bool isApply
        = request.header("content-type").toLower().startsWith("application/apply-patch");
    if (options.fieldManager.isEmpty() && !isApply)
        options.fieldManager = managerFromAgent(request.header("user-agent"));

    ObjectResult result = Unexpected<ApiError> {ApiError::internal(u"unhandled"_s)};
    int status = 200;
    if (method == "POST") {
        auto body = parseObject(request);
        if (!body)
            return errorResponse(body.error());
        result = m_cluster->createObject(*t.type, t.version, t.ns, *body, options);
        status = 201;
    } else if (method == "PUT") {
        auto body = parseObject(request);
        if (!body)
            return errorResponse(body.error());
        result = m_cluster->updateObject(*t.type, t.version, t.ns, t.name, *body, options,
                                         t.subresource);
    } else if (method == "PATCH") {
        const QString force = request.queryValue(u"force"_s);
        bool created = false;
        result = m_cluster->patchObject(
            *t.type, t.version, t.ns, t.name, request.header("content-type"), request.body, options,
            force == u"true"_s || force == u"1"_s, t.subresource, &created);
        status = created ? 201 : 200;
    } else {
        QJsonObject deleteOptions;
        if (!request.body.trimmed().isEmpty()) {
            auto body = parseObject(request);
            if (!body)
                return errorResponse(body.error());
            deleteOptions = *body;
            if (deleteOptions.value(u"dryRun"_s).toArray().contains(u"All"_s))
                options.dryRun = true;
        }
        result = m_cluster->deleteObject(*t.type, t.ns, t.name, options, deleteOptions);
    }
    if (!result)
        return errorResponse(result.error());
    HttpResponse r = jsonResponse(status, *result);
    for (const QString &w : warnings)
        r.headers.append({"Warning", quoteWarning(w)});
    return r;
}

HttpResponse ApiHandler::review(const HttpRequest &request, const Caller &caller, const Target &t)
{
    if (request.method != "POST" || !t.name.isEmpty())
        return errorResponse(ApiError::methodNotAllowed(
            u"the server does not allow this method on the requested resource"_s));
    auto body = parseObject(request);
    if (!body)
        return errorResponse(body.error());
    QJsonObject out = *body;
    out.insert(u"apiVersion"_s, t.type->apiVersion(t.version));
    out.insert(u"kind"_s, t.type->kind);
    const QJsonObject user {{u"username"_s, caller.user},
                            {u"groups"_s,
                             QJsonArray {caller.admin ? u"system:masters"_s : u"meshsim:viewers"_s,
                                         u"system:authenticated"_s}}};
    if (t.type->kind == u"SelfSubjectReview"_s) {
        out.insert(u"status"_s, QJsonObject {{u"userInfo"_s, user}});
        return jsonResponse(201, out);
    }
    const QJsonObject spec = body->value(u"spec"_s).toObject();
    const QString verb = spec.value(u"resourceAttributes"_s).toObject().value(u"verb"_s).toString();
    const bool readVerb = verb == u"get"_s || verb == u"list"_s || verb == u"watch"_s;
    const bool allowed = caller.admin || readVerb
        || spec.value(u"nonResourceAttributes"_s).toObject().value(u"verb"_s) == u"get"_s;
    QJsonObject status {{u"allowed"_s, allowed}};
    if (allowed)
        status.insert(u"reason"_s,
                      caller.admin ? u"meshsim: admin token"_s
                                   : u"meshsim: viewer token may read"_s);
    else
        status.insert(u"reason"_s, u"meshsim: viewer token is read-only"_s);
    out.insert(u"status"_s, status);
    return jsonResponse(201, out);
}

} // namespace md::sim
