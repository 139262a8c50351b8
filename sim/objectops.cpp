// Cluster's object operations: create, update, patch, delete with the API server's
// semantics (system metadata, generation, optimistic concurrency, managedFields,
// dryRun, CRD registration, namespace and owner cascades).

#include "cluster.h"

#include "controllers.h"
#include "managedfields.h"
#include "patch.h"
#include "schema/crd.h"
#include "schema/yamljson.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

void setMeta(QJsonObject &o, const QString &key, const QJsonValue &value)
{
    QJsonObject m = meta(o);
    if (value.isUndefined())
        m.remove(key);
    else
        m.insert(key, value);
    o.insert(u"metadata"_s, m);
}

QString randomSuffix(int n)
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString s;
    for (int i = 0; i < n; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(int(sizeof alphabet - 1))]);
    return s;
}

// Everything but metadata and status: what bumps metadata.generation when it changes.
QJsonObject specPart(QJsonObject o)
{
    o.remove(u"metadata"_s);
    o.remove(u"status"_s);
    o.remove(u"apiVersion"_s);
    o.remove(u"kind"_s);
    return o;
}

bool hasGeneration(const ResourceType &t)
{
    static const QStringList without
        = {u"ConfigMap"_s, u"Secret"_s, u"ServiceAccount"_s, u"Endpoints"_s,
           u"Namespace"_s, u"Node"_s,   u"Event"_s,          u"ControllerRevision"_s};
    return !without.contains(t.kind) || t.custom;
}

Unexpected<ApiError> fail(ApiError e)
{
    return Unexpected<ApiError> {std::move(e)};
}

// The API server's message: one conflict in a line, several grouped by manager.
ApiError applyConflictError(const QList<ApplyConflict> &conflicts)
{
    QList<StatusCause> causes;
    QStringList managers;
    QHash<QString, QStringList> paths;
    for (const ApplyConflict &c : conflicts) {
        const QString who = u"\""_s + c.manager + u"\" using "_s + c.apiVersion;
        causes << StatusCause {u"FieldManagerConflict"_s, u"conflict with "_s + who, c.path};
        if (!managers.contains(who))
            managers << who;
        paths[who] << c.path;
    }
    QString message;
    if (conflicts.size() == 1) {
        message = u"Apply failed with 1 conflict: conflict with "_s + managers.first() + u": "_s
            + conflicts.first().path;
    } else {
        std::sort(managers.begin(), managers.end());
        QStringList lines;
        for (const QString &who : managers) {
            lines << u"conflicts with "_s + who + u':';
            for (const QString &p : paths.value(who))
                lines << u"- "_s + p;
        }
        message = u"Apply failed with "_s + QString::number(conflicts.size()) + u" conflicts: "_s
            + lines.join(u'\n');
    }
    ApiError e {409, u"Conflict"_s, message};
    e.causes = causes;
    return e;
}

QString defaultManager(const WriteOptions &o)
{
    return o.fieldManager.isEmpty() ? u"unknown"_s : o.fieldManager;
}

} // namespace

QJsonObject Cluster::asVersion(const ResourceType &type, const QString &version, QJsonObject object)
{
    object.insert(u"apiVersion"_s, type.apiVersion(version));
    object.insert(u"kind"_s, type.kind);
    return object;
}

std::optional<QJsonObject> Cluster::namespaceObject(const QString &name) const
{
    return m_store.get(u"namespaces"_s, {}, name);
}

ObjectResult Cluster::createObject(const ResourceType &type, const QString &version,
                                   const QString &ns, QJsonObject object,
                                   const WriteOptions &options)
{
    if (object.value(u"kind"_s).toString() != type.kind
        || object.value(u"apiVersion"_s).toString() != type.apiVersion(version))
        return fail(ApiError::badRequest(
            u"the API version in the data ("_s + object.value(u"apiVersion"_s).toString()
            + u") does not match the expected API version ("_s + type.apiVersion(version)
            + u") or the kind ("_s + object.value(u"kind"_s).toString() + u") is not "_s
            + type.kind));
    const QString bodyNs = meta(object).value(u"namespace"_s).toString();
    if (type.namespaced) {
        if (!bodyNs.isEmpty() && bodyNs != ns)
            return fail(ApiError::badRequest(
                u"the namespace of the provided object does not match the namespace sent on "
                "the request"_s));
        setMeta(object, u"namespace"_s, ns);
        if (!namespaceObject(ns))
            return fail(ApiError::notFound(u"namespaces"_s, {}, ns));
    } else {
        setMeta(object, u"namespace"_s, QJsonValue::Undefined);
    }
    if (meta(object).value(u"name"_s).toString().isEmpty()
        && !meta(object).value(u"generateName"_s).toString().isEmpty())
        setMeta(object, u"name"_s,
                meta(object).value(u"generateName"_s).toString() + randomSuffix(5));
    const QString name = meta(object).value(u"name"_s).toString();
    if (!name.isEmpty() && m_store.get(type.key(), ns, name))
        return fail(ApiError::alreadyExists(type.plural, type.group, name));
    if (type.hasStatus)
        object.remove(u"status"_s);
    // System fields a client cannot set on create.
    for (const QString &k : {u"uid"_s, u"resourceVersion"_s, u"creationTimestamp"_s,
                             u"generation"_s, u"deletionTimestamp"_s, u"managedFields"_s})
        setMeta(object, k, QJsonValue::Undefined);
    return commit(type, version, std::nullopt, object, options, true, {});
}

ObjectResult Cluster::updateObject(const ResourceType &type, const QString &version,
                                   const QString &ns, const QString &name, QJsonObject object,
                                   const WriteOptions &options, const QString &subresource)
{
    const auto existing = m_store.get(type.key(), type.namespaced ? ns : QString(), name);
    if (!existing)
        return fail(ApiError::notFound(type.plural, type.group, name));
    const QString bodyName = meta(object).value(u"name"_s).toString();
    if (bodyName != name)
        return fail(ApiError::badRequest(u"the name of the object ("_s + bodyName
                                         + u") does not match the name on the URL ("_s + name
                                         + u')'));
    if (object.value(u"kind"_s).toString() != type.kind)
        return fail(ApiError::badRequest(u"kind "_s + object.value(u"kind"_s).toString()
                                         + u" does not match "_s + type.kind));
    const QString rv = meta(object).value(u"resourceVersion"_s).toString();
    const QString currentRv = meta(*existing).value(u"resourceVersion"_s).toString();
    if (!rv.isEmpty() && rv != currentRv)
        return fail(ApiError::conflict(type.plural, type.group, name,
                                       u"the object has been modified; please apply your "
                                       "changes to the latest version and try again"_s));
    const QJsonObject old = *existing;
    QJsonObject next;
    if (subresource == u"status"_s) {
        next = old;
        next.insert(u"status"_s, object.value(u"status"_s));
    } else {
        next = object;
        if (type.hasStatus) {
            if (old.contains(u"status"_s))
                next.insert(u"status"_s, old.value(u"status"_s));
            else
                next.remove(u"status"_s);
        }
        QJsonObject m = meta(next);
        const QJsonObject om = meta(old);
        for (const QString &k : {u"uid"_s, u"creationTimestamp"_s, u"generation"_s, u"namespace"_s,
                                 u"deletionTimestamp"_s})
            if (om.contains(k))
                m.insert(k, om.value(k));
            else
                m.remove(k);
        if (!m.contains(u"managedFields"_s) && om.contains(u"managedFields"_s))
            m.insert(u"managedFields"_s, om.value(u"managedFields"_s));
        next.insert(u"metadata"_s, m);
    }
    return commit(type, version, old, next, options, true, subresource);
}

ObjectResult Cluster::commit(const ResourceType &type, const QString &version,
                             const std::optional<QJsonObject> &existing, QJsonObject object,
                             const WriteOptions &options, bool trackFields,
                             const QString &subresource)
{
    auto admitted = admit(type, version, asVersion(type, version, object), options.validation,
                          options.warnings);
    if (!admitted)
        return admitted;
    object = *admitted;
    // Empty maps are omitted, as Go's omitempty does in the API server's encoding.
    for (const QString &k : {u"labels"_s, u"annotations"_s})
        if (meta(object).value(k).isObject() && meta(object).value(k).toObject().isEmpty())
            setMeta(object, k, QJsonValue::Undefined);
    if (type.kind == u"CustomResourceDefinition"_s) {
        auto crd = schema::crdFromJson(object);
        if (!crd)
            return fail(ApiError::invalid(
                type.kind, type.group, meta(object).value(u"name"_s).toString(),
                {StatusCause {u"FieldValueInvalid"_s, crd.error().message,
                              crd.error().where.isEmpty() ? u"spec"_s : crd.error().where}}));
        if (crd->name != meta(object).value(u"name"_s).toString())
            return fail(ApiError::invalid(
                type.kind, type.group, meta(object).value(u"name"_s).toString(),
                {StatusCause {u"FieldValueInvalid"_s,
                              u"Invalid value: \""_s + meta(object).value(u"name"_s).toString()
                                  + u"\": must be spec.names.plural+\".\"+spec.group"_s,
                              u"metadata.name"_s}}));
    }
    const QString nowText = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (!existing) {
        setMeta(object, u"uid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
        setMeta(object, u"creationTimestamp"_s, nowText);
        if (hasGeneration(type))
            setMeta(object, u"generation"_s, 1);
        applyDefaults(type, object);
        if (type.kind == u"Pod"_s) {
            const QString failure = m_controllers->injectionFailure(object);
            if (!failure.isEmpty())
                return fail(ApiError {500, u"InternalError"_s, failure});
            m_controllers->admitPod(object);
        }
    } else if (hasGeneration(type)) {
        const qint64 gen = meta(*existing).value(u"generation"_s).toInteger(1);
        setMeta(object, u"generation"_s, specPart(object) != specPart(*existing) ? gen + 1 : gen);
    }
    if (trackFields)
        trackUpdate(existing.value_or(QJsonObject {}), object, defaultManager(options),
                    type.apiVersion(version), FieldType::of(type, version), type.hasStatus,
                    subresource);
    if (existing) {
        QJsonObject a = object;
        QJsonObject b = *existing;
        setMeta(a, u"resourceVersion"_s, QJsonValue::Undefined);
        setMeta(b, u"resourceVersion"_s, QJsonValue::Undefined);
        // An unchanged object (managedFields included: an apply of the same values by
        // another manager makes it a co-owner) is not written again.
        a.remove(u"apiVersion"_s);
        b.remove(u"apiVersion"_s);
        if (a == b)
            return asVersion(type, version, *existing);
    }
    if (options.dryRun)
        return asVersion(type, version, object);
    object.insert(u"apiVersion"_s, type.apiVersion(type.storageVersion));
    if (type.kind == u"CustomResourceDefinition"_s) {
        auto crd = schema::crdFromJson(object);
        QJsonObject status {
            {u"conditions"_s,
             QJsonArray {QJsonObject {{u"type"_s, u"NamesAccepted"_s},
                                      {u"status"_s, u"True"_s},
                                      {u"reason"_s, u"NoConflicts"_s},
                                      {u"lastTransitionTime"_s, nowText}},
                         QJsonObject {{u"type"_s, u"Established"_s},
                                      {u"status"_s, u"True"_s},
                                      {u"reason"_s, u"InitialNamesAccepted"_s},
                                      {u"lastTransitionTime"_s, nowText}}}},
            {u"acceptedNames"_s, object.value(u"spec"_s).toObject().value(u"names"_s)},
            {u"storedVersions"_s,
             QJsonArray {crd->storageVersion() ? crd->storageVersion()->name : QString()}}};
        object.insert(u"status"_s, status);
        if (auto added = m_registry.addCrd(*crd); !added)
            return fail(ApiError::internal(added.error().toString()));
    }
    const QJsonObject stored = m_store.put(type.key(), object);
    return asVersion(type, version, stored);
}

ObjectResult Cluster::patchObject(const ResourceType &type, const QString &version,
                                  const QString &ns, const QString &name,
                                  const QByteArray &contentType, const QByteArray &body,
                                  const WriteOptions &options, bool force,
                                  const QString &subresource, bool *created)
{
    *created = false;
    const QByteArray ct = contentType.split(';').first().trimmed().toLower();
    const QString scope = type.namespaced ? ns : QString();
    const auto existing = m_store.get(type.key(), scope, name);
    if (ct == "application/apply-patch+yaml") {
        if (options.fieldManager.isEmpty())
            return fail(ApiError::badRequest(u"PATCH requests with application/apply-patch+yaml "
                                             "must include fieldManager"_s));
        QJsonObject config;
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError && doc.isObject()) {
            config = doc.object();
        } else {
            auto docs = schema::parseYamlStream(body, u"apply configuration"_s);
            if (!docs || docs->size() != 1 || !docs->first().value.isObject())
                return fail(ApiError::badRequest(
                    u"error decoding YAML: "_s
                    + (docs ? u"expected exactly one object"_s : docs.error().toString())));
            config = docs->first().value.toObject();
        }
        if (meta(config).contains(u"managedFields"_s))
            return fail(ApiError::badRequest(u"metadata.managedFields must be nil"_s));
        if (meta(config).value(u"name"_s).toString() != name)
            return fail(ApiError::badRequest(
                u"the name of the object ("_s + meta(config).value(u"name"_s).toString()
                + u") does not match the name on the URL ("_s + name + u')'));
        const QJsonObject current = existing ? asVersion(type, version, *existing) : QJsonObject {};
        auto applied
            = serverSideApply(current, config, options.fieldManager, type.apiVersion(version),
                              force, FieldType::of(type, version), type.hasStatus);
        if (!applied)
            return fail(applyConflictError(applied.error()));
        if (!existing) {
            QJsonObject object = *applied;
            if (object.value(u"kind"_s).toString() != type.kind)
                return fail(ApiError::badRequest(u"kind "_s + object.value(u"kind"_s).toString()
                                                 + u" does not match "_s + type.kind));
            if (type.namespaced) {
                setMeta(object, u"namespace"_s, ns);
                if (!namespaceObject(ns))
                    return fail(ApiError::notFound(u"namespaces"_s, {}, ns));
            }
            if (type.hasStatus)
                object.remove(u"status"_s);
            *created = true;
            return commit(type, version, std::nullopt, object, options, false, {});
        }
        QJsonObject next = *applied;
        setMeta(next, u"resourceVersion"_s, meta(*existing).value(u"resourceVersion"_s));
        setMeta(next, u"namespace"_s, meta(*existing).value(u"namespace"_s));
        if (type.hasStatus && existing->contains(u"status"_s))
            next.insert(u"status"_s, existing->value(u"status"_s));
        return commit(type, version, *existing, next, options, false, {});
    }

    if (!existing)
        return fail(ApiError::notFound(type.plural, type.group, name));
    const QJsonObject current = asVersion(type, version, *existing);
    QJsonObject patched;
    if (ct == "application/merge-patch+json" || ct == "application/strategic-merge-patch+json") {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return fail(ApiError::badRequest(u"error decoding patch: "_s + error.errorString()));
        if (ct == "application/strategic-merge-patch+json") {
            if (type.custom)
                return fail(ApiError::unsupportedMediaType());
            auto merged = applyStrategicMergePatch(current, doc.object());
            if (!merged)
                return fail(ApiError::badRequest(merged.error().message));
            patched = merged->toObject();
        } else {
            patched = applyMergePatch(current, doc.object()).toObject();
        }
    } else if (ct == "application/json-patch+json") {
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray())
            return fail(ApiError::badRequest(
                u"error decoding patch: "_s
                + (doc.isArray() ? error.errorString() : u"expected a JSON array"_s)));
        auto result = applyJsonPatch(current, doc.array());
        if (!result) {
            ApiError e = ApiError::invalid(type.kind, type.group, name, {});
            e.message = result.error().message;
            // JSON patch test failures are 422 in the API server as well.
            return fail(e);
        }
        patched = result->toObject();
    } else {
        return fail(ApiError::unsupportedMediaType());
    }
    if (meta(patched).value(u"resourceVersion"_s).toString().isEmpty())
        setMeta(patched, u"resourceVersion"_s, meta(*existing).value(u"resourceVersion"_s));
    return updateObject(type, version, scope, name, patched, options, subresource);
}

ObjectResult Cluster::deleteObject(const ResourceType &type, const QString &ns, const QString &name,
                                   const WriteOptions &options, const QJsonObject &deleteOptions)
{
    const QString scope = type.namespaced ? ns : QString();
    const auto existing = m_store.get(type.key(), scope, name);
    if (!existing)
        return fail(ApiError::notFound(type.plural, type.group, name));
    const QJsonObject pre = deleteOptions.value(u"preconditions"_s).toObject();
    if (pre.contains(u"resourceVersion"_s)
        && pre.value(u"resourceVersion"_s).toString()
            != meta(*existing).value(u"resourceVersion"_s).toString())
        return fail(ApiError::conflict(type.plural, type.group, name,
                                       u"the ResourceVersion in the precondition ("_s
                                           + pre.value(u"resourceVersion"_s).toString()
                                           + u") does not match the ResourceVersion in record ("_s
                                           + meta(*existing).value(u"resourceVersion"_s).toString()
                                           + u"). The object might have been modified"_s));
    if (pre.contains(u"uid"_s)
        && pre.value(u"uid"_s).toString() != meta(*existing).value(u"uid"_s).toString())
        return fail(ApiError::conflict(
            type.plural, type.group, name,
            u"Precondition failed: UID in precondition: "_s + pre.value(u"uid"_s).toString()
                + u", UID in object meta: "_s + meta(*existing).value(u"uid"_s).toString()));
    if (options.dryRun)
        return *existing;
    const QString uid = meta(*existing).value(u"uid"_s).toString();
    if (type.kind == u"Namespace"_s) {
        for (const ResourceType *t : m_registry.all()) {
            if (!t->namespaced)
                continue;
            QStringList names;
            for (const auto &entry : m_store.objects(t->key()))
                if (meta(entry.second).value(u"namespace"_s).toString() == name)
                    names << meta(entry.second).value(u"name"_s).toString();
            for (const QString &n : names)
                m_store.remove(t->key(), name, n);
        }
    }
    if (type.kind == u"CustomResourceDefinition"_s) {
        const QJsonObject spec = existing->value(u"spec"_s).toObject();
        const QString group = spec.value(u"group"_s).toString();
        const QString plural = spec.value(u"names"_s).toObject().value(u"plural"_s).toString();
        m_store.removeType(plural + u'.' + group);
        m_registry.removeCrd(group, plural);
    }
    const auto removed = m_store.remove(type.key(), scope, name);
    garbageCollect(uid, scope);
    if (type.custom || type.kind == u"CustomResourceDefinition"_s)
        return successStatus(type.plural, type.group, name, uid);
    return removed.value_or(*existing);
}

void Cluster::garbageCollect(const QString &ownerUid, const QString &ns)
{
    if (ownerUid.isEmpty())
        return;
    for (const ResourceType *t : m_registry.all()) {
        if (!t->namespaced || ns.isEmpty())
            continue;
        QList<QPair<QString, QString>> dependents;
        for (const auto &entry : m_store.objects(t->key())) {
            const QJsonObject m = meta(entry.second);
            if (m.value(u"namespace"_s).toString() != ns)
                continue;
            for (const QJsonValue &ref : m.value(u"ownerReferences"_s).toArray())
                if (ref.toObject().value(u"uid"_s).toString() == ownerUid)
                    dependents << qMakePair(t->key(), m.value(u"name"_s).toString());
        }
        for (const auto &d : dependents) {
            const auto gone = m_store.remove(d.first, ns, d.second);
            if (gone)
                garbageCollect(meta(*gone).value(u"uid"_s).toString(), ns);
        }
    }
}

QJsonObject Cluster::putInternal(const ResourceType &type, QJsonObject object,
                                 const QString &manager)
{
    const QJsonObject m = meta(object);
    const auto existing
        = m_store.get(type.key(), type.namespaced ? m.value(u"namespace"_s).toString() : QString(),
                      m.value(u"name"_s).toString());
    const QString nowText = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (!existing) {
        if (!m.contains(u"uid"_s))
            setMeta(object, u"uid"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
        if (!m.contains(u"creationTimestamp"_s))
            setMeta(object, u"creationTimestamp"_s, nowText);
        if (hasGeneration(type) && !m.contains(u"generation"_s))
            setMeta(object, u"generation"_s, 1);
        const bool keepStatus = object.contains(u"status"_s);
        const QJsonObject status = object.value(u"status"_s).toObject();
        applyDefaults(type, object);
        if (keepStatus)
            object.insert(u"status"_s, status);
        if (type.kind == u"Pod"_s)
            m_controllers->admitPod(object);
    } else {
        if (hasGeneration(type)) {
            const qint64 gen = meta(*existing).value(u"generation"_s).toInteger(1);
            setMeta(object, u"generation"_s,
                    specPart(object) != specPart(*existing) ? gen + 1 : gen);
        }
        QJsonObject a = object, b = *existing;
        setMeta(a, u"resourceVersion"_s, QJsonValue::Undefined);
        setMeta(b, u"resourceVersion"_s, QJsonValue::Undefined);
        if (a == b)
            return *existing;
    }
    // Controllers write the status through the status subresource, as they do in a cluster.
    const FieldType fields = FieldType::of(type, type.storageVersion);
    const QJsonObject before = existing.value_or(QJsonObject {});
    trackUpdate(before, object, manager, type.apiVersion(type.storageVersion), fields,
                type.hasStatus);
    if (type.hasStatus)
        trackUpdate(before, object, manager, type.apiVersion(type.storageVersion), fields, true,
                    u"status"_s);
    object.insert(u"apiVersion"_s, type.apiVersion(type.storageVersion));
    object.insert(u"kind"_s, type.kind);
    return m_store.put(type.key(), object);
}

} // namespace md::sim
