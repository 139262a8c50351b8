#pragma once

// CustomResourceDefinitions as MeshDesk and meshsim use them: names, scope, served
// versions and each version's structural openAPIV3Schema.

#include "core/result.h"
#include "schema/structuralschema.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace md::schema {

struct CrdVersion
{
    QString name; // "v1", "v1beta1", ...
    bool served = true;
    bool storage = false;
    std::shared_ptr<const StructuralSchema> schema; // null when the version has none
};

struct Crd
{
    QString name; // "virtualservices.networking.istio.io"
    QString group; // "networking.istio.io"
    QString kind; // "VirtualService"
    QString listKind; // "VirtualServiceList"
    QString plural; // "virtualservices"
    QString singular; // "virtualservice"
    QStringList shortNames;
    QStringList categories;
    bool namespaced = true;
    QList<CrdVersion> versions;
    QJsonObject raw; // the whole CRD object as read

    const CrdVersion *version(const QString &name) const;
    const CrdVersion *storageVersion() const;
};

// Reads every CustomResourceDefinition of a YAML stream (other kinds are ignored).
Result<QList<Crd>> loadCrds(const QByteArray &yaml, const QString &source = {});
Result<QList<Crd>> loadCrdFile(const QString &path);
Result<Crd> crdFromJson(const QJsonObject &object, const QString &source = {});

} // namespace md::schema
