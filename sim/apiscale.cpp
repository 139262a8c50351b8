// ApiHandler: the scale subresource of Deployments, ReplicaSets and StatefulSets (autoscaling/v1
// Scale), which `kubectl scale` patches.

#include "apihandler.h"

#include "cluster.h"
#include "patch.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QJsonObject scaleOf(const QJsonObject &object)
{
    const QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject scaleMeta;
    for (const QString &k :
         {u"name"_s, u"namespace"_s, u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s})
        scaleMeta.insert(k, meta.value(k));
    QStringList selector;
    const QJsonObject match = object.value(u"spec"_s)
                                  .toObject()
                                  .value(u"selector"_s)
                                  .toObject()
                                  .value(u"matchLabels"_s)
                                  .toObject();
    for (auto it = match.begin(); it != match.end(); ++it)
        selector << it.key() + u'=' + it.value().toString();
    const QJsonObject spec = object.value(u"spec"_s).toObject();
    const QJsonObject status = object.value(u"status"_s).toObject();
    return QJsonObject {
        {u"apiVersion"_s, u"autoscaling/v1"_s},
        {u"kind"_s, u"Scale"_s},
        {u"metadata"_s, scaleMeta},
        {u"spec"_s, QJsonObject {{u"replicas"_s, spec.value(u"replicas"_s).toInt(1)}}},
        {u"status"_s,
         QJsonObject {{u"replicas"_s, status.value(u"replicas"_s).toInt()},
                      {u"selector"_s, selector.join(u',')}}}};
}

} // namespace

HttpResponse ApiHandler::scale(const HttpRequest &request, const Caller &caller, const Target &t)
{
    const auto object = m_cluster->store().get(t.type->key(), t.ns, t.name);
    if (!object)
        return errorResponse(ApiError::notFound(t.type->plural, t.type->group, t.name));
    const QJsonObject current = scaleOf(*object);
    if (request.method == "GET")
        return jsonResponse(200, current);
    if (request.method != "PUT" && request.method != "PATCH")
        return errorResponse(ApiError::methodNotAllowed(
            u"the server does not allow this method on the requested resource"_s));
    if (!caller.admin)
        return errorResponse(
            ApiError::forbidden(caller.user, request.method == "PUT" ? u"update"_s : u"patch"_s,
                                t.type->plural + u"/scale"_s, t.type->group, t.ns));
    QJsonObject wanted;
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return errorResponse(
            ApiError::badRequest(u"error decoding body: "_s + error.errorString()));
    const QByteArray ct = request.header("content-type").split(';').first().trimmed();
    if (request.method == "PUT") {
        wanted = doc.object();
    } else if (ct == "application/json-patch+json") {
        auto patched = applyJsonPatch(current, doc.array());
        if (!patched)
            return errorResponse(ApiError::badRequest(patched.error().message));
        wanted = patched->toObject();
    } else if (ct == "application/merge-patch+json"
               || ct == "application/strategic-merge-patch+json") {
        wanted = applyMergePatch(current, doc.object()).toObject();
    } else {
        return errorResponse(ApiError::unsupportedMediaType());
    }
    const QString rv
        = wanted.value(u"metadata"_s).toObject().value(u"resourceVersion"_s).toString();
    QJsonObject next = Cluster::asVersion(*t.type, t.version, *object);
    QJsonObject spec = next.value(u"spec"_s).toObject();
    const QJsonValue replicas = wanted.value(u"spec"_s).toObject().value(u"replicas"_s);
    if (!replicas.isDouble() || replicas.toInt() < 0)
        return errorResponse(
            ApiError::invalid(u"Scale"_s, u"autoscaling"_s, t.name,
                              {StatusCause {u"FieldValueInvalid"_s,
                                            u"Invalid value: must be greater than or equal to 0"_s,
                                            u"spec.replicas"_s}}));
    spec.insert(u"replicas"_s, replicas.toInt());
    next.insert(u"spec"_s, spec);
    QJsonObject meta = next.value(u"metadata"_s).toObject();
    if (!rv.isEmpty())
        meta.insert(u"resourceVersion"_s, rv);
    next.insert(u"metadata"_s, meta);
    WriteOptions options;
    options.validation = FieldValidation::Ignore;
    options.dryRun = request.queryValue(u"dryRun"_s) == u"All"_s;
    options.fieldManager = request.queryValue(u"fieldManager"_s);
    if (options.fieldManager.isEmpty())
        options.fieldManager = QString::fromUtf8(request.header("user-agent").split('/').first());
    auto updated = m_cluster->updateObject(*t.type, t.version, t.ns, t.name, next, options);
    if (!updated)
        return errorResponse(updated.error());
    return jsonResponse(200, scaleOf(*updated));
}

} // namespace md::sim
