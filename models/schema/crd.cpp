#include "schema/crd.h"
#include "schema/schematr.h"

#include "schema/yamljson.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>

namespace md::schema {

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList list;
    for (const QJsonValue &item : v.toArray())
        list.append(item.toString());
    return list;
}

Unexpected<Error> crdError(const QString &source, const QString &crdName, const QString &what)
{
    const QString name = crdName.isEmpty() ? Tr::tr("(unnamed)") : crdName;
    return unexpected(QStringLiteral("crd.invalid"),
                      Tr::tr("CustomResourceDefinition \"%1\": %2").arg(name, what), source);
}

} // namespace

const CrdVersion *Crd::version(const QString &name) const
{
    for (const CrdVersion &v : versions) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

const CrdVersion *Crd::storageVersion() const
{
    for (const CrdVersion &v : versions) {
        if (v.storage)
            return &v;
    }
    return versions.isEmpty() ? nullptr : &versions.first();
}

Result<Crd> crdFromJson(const QJsonObject &object, const QString &source)
{
    Crd crd;
    crd.raw = object;
    crd.name = object.value(QLatin1String("metadata"))
                   .toObject()
                   .value(QLatin1String("name"))
                   .toString();
    const QString apiVersion = object.value(QLatin1String("apiVersion")).toString();
    const bool v1beta1 = apiVersion == QLatin1String("apiextensions.k8s.io/v1beta1");
    if (object.value(QLatin1String("kind")).toString() != QLatin1String("CustomResourceDefinition"))
        return crdError(source, crd.name, Tr::tr("kind is not CustomResourceDefinition"));
    if (apiVersion != QLatin1String("apiextensions.k8s.io/v1") && !v1beta1)
        return crdError(source, crd.name, Tr::tr("unsupported apiVersion \"%1\"").arg(apiVersion));
    if (crd.name.isEmpty())
        return crdError(source, crd.name, Tr::tr("metadata.name: Required value"));

    const QJsonObject spec = object.value(QLatin1String("spec")).toObject();
    const QJsonObject names = spec.value(QLatin1String("names")).toObject();
    crd.group = spec.value(QLatin1String("group")).toString();
    crd.kind = names.value(QLatin1String("kind")).toString();
    crd.plural = names.value(QLatin1String("plural")).toString();
    crd.singular = names.value(QLatin1String("singular")).toString();
    crd.listKind = names.value(QLatin1String("listKind")).toString();
    if (crd.singular.isEmpty())
        crd.singular = crd.kind.toLower();
    if (crd.listKind.isEmpty() && !crd.kind.isEmpty())
        crd.listKind = crd.kind + QStringLiteral("List");
    crd.shortNames = stringList(names.value(QLatin1String("shortNames")));
    crd.categories = stringList(names.value(QLatin1String("categories")));
    crd.namespaced = spec.value(QLatin1String("scope")).toString() != QLatin1String("Cluster");
    if (crd.group.isEmpty())
        return crdError(source, crd.name, Tr::tr("spec.group: Required value"));
    if (crd.kind.isEmpty())
        return crdError(source, crd.name, Tr::tr("spec.names.kind: Required value"));
    if (crd.plural.isEmpty())
        return crdError(source, crd.name, Tr::tr("spec.names.plural: Required value"));

    // v1beta1 may have one schema for all versions (spec.validation) and a single spec.version.
    const QJsonObject commonSchema = spec.value(QLatin1String("validation"))
                                         .toObject()
                                         .value(QLatin1String("openAPIV3Schema"))
                                         .toObject();
    QJsonArray versions = spec.value(QLatin1String("versions")).toArray();
    if (versions.isEmpty() && v1beta1 && spec.contains(QLatin1String("version"))) {
        versions.append(QJsonObject {{QStringLiteral("name"), spec.value(QLatin1String("version"))},
                                     {QStringLiteral("served"), true},
                                     {QStringLiteral("storage"), true}});
    }
    if (versions.isEmpty())
        return crdError(source, crd.name, Tr::tr("spec.versions: Required value"));

    QList<std::pair<QJsonObject, std::shared_ptr<const StructuralSchema>>> compiled;
    for (qsizetype i = 0; i < versions.size(); ++i) {
        const QJsonObject v = versions.at(i).toObject();
        CrdVersion version;
        version.name = v.value(QLatin1String("name")).toString();
        version.served = v.value(QLatin1String("served")).toBool(true);
        version.storage = v.value(QLatin1String("storage")).toBool(false);
        if (version.name.isEmpty())
            return crdError(source, crd.name,
                            Tr::tr("spec.versions[%1].name: Required value").arg(i));
        QJsonObject schemaJson = v.value(QLatin1String("schema"))
                                     .toObject()
                                     .value(QLatin1String("openAPIV3Schema"))
                                     .toObject();
        if (schemaJson.isEmpty())
            schemaJson = commonSchema;
        if (!schemaJson.isEmpty()) {
            // Versions usually share one schema (all of Istio's do): compile it once.
            for (const auto &[json, schema] : std::as_const(compiled)) {
                if (json == schemaJson) {
                    version.schema = schema;
                    break;
                }
            }
            if (!version.schema) {
                auto schema = StructuralSchema::fromJson(schemaJson);
                if (!schema) {
                    return crdError(
                        source, crd.name,
                        Tr::tr("version %1: %2").arg(version.name, schema.error().toString()));
                }
                version.schema = *schema;
                compiled.append({schemaJson, version.schema});
            }
        }
        crd.versions.append(version);
    }
    return crd;
}

Result<QList<Crd>> loadCrds(const QByteArray &yaml, const QString &source)
{
    auto documents = parseYamlStream(yaml, source);
    if (!documents)
        return unexpected(documents.error());
    QList<Crd> crds;
    for (const YamlDocument &doc : std::as_const(*documents)) {
        const QJsonObject object = doc.value.toObject();
        QJsonArray candidates;
        if (object.value(QLatin1String("kind")).toString().endsWith(QLatin1String("List"))
            && object.value(QLatin1String("items")).isArray()) {
            candidates = object.value(QLatin1String("items")).toArray();
        } else {
            candidates.append(object);
        }
        for (const QJsonValue &candidate : std::as_const(candidates)) {
            const QJsonObject o = candidate.toObject();
            if (o.value(QLatin1String("kind")).toString()
                != QLatin1String("CustomResourceDefinition"))
                continue;
            const QString where = source.isEmpty()
                ? Tr::tr("document %1").arg(doc.index + 1)
                : Tr::tr("%1: document %2, line %3").arg(source).arg(doc.index + 1).arg(doc.line);
            auto crd = crdFromJson(o, where);
            if (!crd)
                return unexpected(crd.error());
            crds.append(std::move(*crd));
        }
    }
    return crds;
}

Result<QList<Crd>> loadCrdFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return unexpected(QStringLiteral("io.read"),
                          Tr::tr("cannot read file: %1").arg(file.errorString()), path);
    }
    return loadCrds(file.readAll(), path);
}

} // namespace md::schema
