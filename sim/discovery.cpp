#include "discovery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QJsonArray strings(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QString gvPath(const QString &group, const QString &version)
{
    return group.isEmpty() ? u"api/"_s + version : u"apis/"_s + group + u'/' + version;
}

// The reversed-domain schema name the API server uses: io.istio.networking.v1.VirtualService.
QString schemaName(const ResourceType &t, const QString &version)
{
    if (t.group.isEmpty())
        return u"io.k8s.api.core."_s + version + u'.' + t.kind;
    QStringList parts = t.group.split(u'.');
    std::reverse(parts.begin(), parts.end());
    return parts.join(u'.') + u'.' + version + u'.' + t.kind;
}

QJsonObject gvk(const ResourceType &t, const QString &version)
{
    return QJsonObject {{u"group"_s, t.group}, {u"version"_s, version}, {u"kind"_s, t.kind}};
}

QJsonObject queryParam(const QString &name)
{
    return QJsonObject {
        {u"name"_s, name},
        {u"in"_s, u"query"_s},
        {u"schema"_s, QJsonObject {{u"type"_s, u"string"_s}, {u"uniqueItems"_s, true}}}};
}

QJsonObject operation(const ResourceType &t, const QString &version, const QString &action,
                      const QString &id, const QStringList &params, bool withBody)
{
    QJsonArray parameters;
    for (const QString &p : params)
        parameters.append(queryParam(p));
    const QString ref = u"#/components/schemas/"_s + schemaName(t, version);
    QJsonObject op {
        {u"operationId"_s, id + t.kind},
        {u"x-kubernetes-action"_s, action},
        {u"x-kubernetes-group-version-kind"_s, gvk(t, version)},
        {u"parameters"_s, parameters},
        {u"responses"_s,
         QJsonObject {
             {u"200"_s,
              QJsonObject {{u"description"_s, u"OK"_s},
                           {u"content"_s,
                            QJsonObject {{u"application/json"_s,
                                          QJsonObject {{u"schema"_s,
                                                        QJsonObject {{u"$ref"_s, ref}}}}}}}}}}}};
    if (withBody) {
        QJsonObject content;
        const QStringList types = action == u"patch"_s
            ? QStringList {u"application/json-patch+json"_s, u"application/merge-patch+json"_s,
                           u"application/apply-patch+yaml"_s}
            : QStringList {u"application/json"_s};
        for (const QString &ct : types)
            content.insert(ct, QJsonObject {{u"schema"_s, QJsonObject {{u"$ref"_s, ref}}}});
        op.insert(u"requestBody"_s, QJsonObject {{u"content"_s, content}, {u"required"_s, true}});
    }
    return op;
}

QJsonObject objectMeta()
{
    return QJsonObject {{u"type"_s, u"object"_s},
                        {u"x-kubernetes-preserve-unknown-fields"_s, true}};
}

} // namespace

QJsonObject versionInfo()
{
    return QJsonObject {{u"major"_s, u"1"_s},
                        {u"minor"_s, u"32"_s},
                        {u"gitVersion"_s, u"v1.32.0-meshsim"_s},
                        {u"gitCommit"_s, u"0000000000000000000000000000000000000000"_s},
                        {u"gitTreeState"_s, u"clean"_s},
                        {u"buildDate"_s, u"2026-01-01T00:00:00Z"_s},
                        {u"goVersion"_s, u"go1.23.0"_s},
                        {u"compiler"_s, u"gc"_s},
                        {u"platform"_s, u"linux/amd64"_s}};
}

QJsonObject coreApiVersions(const QString &serverAddress)
{
    return QJsonObject {{u"kind"_s, u"APIVersions"_s},
                        {u"versions"_s, QJsonArray {u"v1"_s}},
                        {u"serverAddressByClientCIDRs"_s,
                         QJsonArray {QJsonObject {{u"clientCIDR"_s, u"0.0.0.0/0"_s},
                                                  {u"serverAddress"_s, serverAddress}}}}};
}

std::optional<QJsonObject> apiGroup(const Registry &registry, const QString &group)
{
    const QStringList versions = registry.versionsOf(group);
    if (group.isEmpty() || versions.isEmpty())
        return std::nullopt;
    QJsonArray list;
    for (const QString &v : versions)
        list.append(QJsonObject {{u"groupVersion"_s, group + u'/' + v}, {u"version"_s, v}});
    return QJsonObject {{u"kind"_s, u"APIGroup"_s},
                        {u"apiVersion"_s, u"v1"_s},
                        {u"name"_s, group},
                        {u"versions"_s, list},
                        {u"preferredVersion"_s, list.first()}};
}

QJsonObject apiGroupList(const Registry &registry)
{
    QJsonArray groups;
    for (const QString &g : registry.groups()) {
        if (g.isEmpty())
            continue;
        if (auto group = apiGroup(registry, g)) {
            group->remove(u"kind"_s);
            group->remove(u"apiVersion"_s);
            groups.append(*group);
        }
    }
    return QJsonObject {
        {u"kind"_s, u"APIGroupList"_s}, {u"apiVersion"_s, u"v1"_s}, {u"groups"_s, groups}};
}

std::optional<QJsonObject> apiResourceList(const Registry &registry, const QString &group,
                                           const QString &version)
{
    const QList<const ResourceType *> types = registry.typesIn(group, version);
    if (types.isEmpty())
        return std::nullopt;
    QJsonArray resources;
    for (const ResourceType *t : types) {
        QJsonObject r {{u"name"_s, t->plural},
                       {u"singularName"_s, t->singular},
                       {u"namespaced"_s, t->namespaced},
                       {u"kind"_s, t->kind},
                       {u"verbs"_s, strings(t->verbs())}};
        if (!t->shortNames.isEmpty())
            r.insert(u"shortNames"_s, strings(t->shortNames));
        if (!t->categories.isEmpty())
            r.insert(u"categories"_s, strings(t->categories));
        if (!t->createOnly)
            r.insert(u"storageVersionHash"_s,
                     QString::fromLatin1(
                         QCryptographicHash::hash(t->key().toUtf8(), QCryptographicHash::Sha256)
                             .toBase64()
                             .left(11)));
        resources.append(r);
        if (t->hasStatus && !t->createOnly)
            resources.append(
                QJsonObject {{u"name"_s, t->plural + u"/status"_s},
                             {u"singularName"_s, QString()},
                             {u"namespaced"_s, t->namespaced},
                             {u"kind"_s, t->kind},
                             {u"verbs"_s, QJsonArray {u"get"_s, u"patch"_s, u"update"_s}}});
        if (t->kind == u"Deployment"_s || t->kind == u"StatefulSet"_s || t->kind == u"ReplicaSet"_s)
            resources.append(
                QJsonObject {{u"name"_s, t->plural + u"/scale"_s},
                             {u"singularName"_s, QString()},
                             {u"namespaced"_s, true},
                             {u"group"_s, u"autoscaling"_s},
                             {u"version"_s, u"v1"_s},
                             {u"kind"_s, u"Scale"_s},
                             {u"verbs"_s, QJsonArray {u"get"_s, u"patch"_s, u"update"_s}}});
    }
    return QJsonObject {{u"kind"_s, u"APIResourceList"_s},
                        {u"apiVersion"_s, u"v1"_s},
                        {u"groupVersion"_s, group.isEmpty() ? version : group + u'/' + version},
                        {u"resources"_s, resources}};
}

std::optional<QJsonObject> openApiDocument(const Registry &registry, const QString &path)
{
    QString group;
    QString version;
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    if (parts.size() == 2 && parts[0] == u"api"_s) {
        version = parts[1];
    } else if (parts.size() == 3 && parts[0] == u"apis"_s) {
        group = parts[1];
        version = parts[2];
    } else {
        return std::nullopt;
    }
    const QList<const ResourceType *> types = registry.typesIn(group, version);
    if (types.isEmpty())
        return std::nullopt;
    const QString prefix = u'/' + gvPath(group, version);
    const QStringList writeParams = {u"dryRun"_s, u"fieldManager"_s, u"fieldValidation"_s};
    QJsonObject paths;
    QJsonObject schemas;
    for (const ResourceType *t : types) {
        if (t->createOnly) {
            paths.insert(
                prefix + u'/' + t->plural,
                QJsonObject {{u"post"_s,
                              operation(*t, version, u"post"_s, u"create"_s, writeParams, true)}});
        } else {
            const QString collection = t->namespaced
                ? prefix + u"/namespaces/{namespace}/"_s + t->plural
                : prefix + u'/' + t->plural;
            paths.insert(
                collection,
                QJsonObject {{u"get"_s,
                              operation(*t, version, u"list"_s, u"list"_s,
                                        {u"labelSelector"_s, u"fieldSelector"_s, u"limit"_s,
                                         u"continue"_s, u"watch"_s, u"resourceVersion"_s},
                                        false)},
                             {u"post"_s,
                              operation(*t, version, u"post"_s, u"create"_s, writeParams, true)}});
            paths.insert(
                collection + u"/{name}"_s,
                QJsonObject {
                    {u"get"_s, operation(*t, version, u"get"_s, u"read"_s, {}, false)},
                    {u"put"_s, operation(*t, version, u"put"_s, u"replace"_s, writeParams, true)},
                    {u"patch"_s,
                     operation(*t, version, u"patch"_s, u"patch"_s,
                               writeParams + QStringList {u"force"_s}, true)},
                    {u"delete"_s,
                     operation(*t, version, u"delete"_s, u"delete"_s, {u"dryRun"_s}, false)}});
        }
        QJsonObject schema = t->openApiSchemas.value(version);
        QJsonObject properties = schema.value(u"properties"_s).toObject();
        properties.insert(u"apiVersion"_s, QJsonObject {{u"type"_s, u"string"_s}});
        properties.insert(u"kind"_s, QJsonObject {{u"type"_s, u"string"_s}});
        properties.insert(u"metadata"_s, objectMeta());
        schema.insert(u"properties"_s, properties);
        schema.insert(u"type"_s, u"object"_s);
        schema.insert(u"x-kubernetes-group-version-kind"_s, QJsonArray {gvk(*t, version)});
        schemas.insert(schemaName(*t, version), schema);
    }
    return QJsonObject {
        {u"openapi"_s, u"3.0.0"_s},
        {u"info"_s, QJsonObject {{u"title"_s, u"Kubernetes"_s}, {u"version"_s, u"v1.32.0"_s}}},
        {u"paths"_s, paths},
        {u"components"_s, QJsonObject {{u"schemas"_s, schemas}}}};
}

QJsonObject openApiIndex(const Registry &registry)
{
    QJsonObject paths;
    for (const QString &g : registry.groups()) {
        for (const QString &v : registry.versionsOf(g)) {
            const QString p = gvPath(g, v);
            const auto doc = openApiDocument(registry, p);
            if (!doc)
                continue;
            const QByteArray hash
                = QCryptographicHash::hash(QJsonDocument(*doc).toJson(QJsonDocument::Compact),
                                           QCryptographicHash::Sha512)
                      .toHex()
                      .toUpper()
                      .left(128);
            paths.insert(
                p,
                QJsonObject {{u"serverRelativeURL"_s,
                              u"/openapi/v3/"_s + p + u"?hash="_s + QString::fromLatin1(hash)}});
        }
    }
    return QJsonObject {{u"paths"_s, paths}};
}

} // namespace md::sim
