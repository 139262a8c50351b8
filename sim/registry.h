#pragma once

// The resource types one simulated cluster serves: built-in kinds and the kinds of the
// CustomResourceDefinitions it holds (all served versions).

#include "core/result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace md::schema {
class StructuralSchema;
struct Crd;
} // namespace md::schema

namespace md::sim {

struct ResourceType
{
    QString group; // "" for the core group
    QString kind;
    QString listKind;
    QString plural;
    QString singular;
    QStringList shortNames;
    QStringList categories;
    QStringList versions; // served versions, preferred first
    QString storageVersion;
    bool namespaced = true;
    bool custom = false; // a custom resource: no strategic merge patch
    bool hasStatus = true; // status is a subresource (kept on main-resource writes)
    bool createOnly = false; // review objects (SelfSubjectAccessReview, ...)
    QHash<QString, std::shared_ptr<const schema::StructuralSchema>> schemas; // per version
    QHash<QString, QJsonObject> openApiSchemas; // per version
    QHash<QString, QJsonArray> printerColumns; // a CRD's additionalPrinterColumns per version

    QString key() const { return group.isEmpty() ? plural : plural + u'.' + group; }
    QString apiVersion(const QString &version) const
    {
        return group.isEmpty() ? version : group + u'/' + version;
    }
    QStringList verbs() const;
};

// Kubernetes version priority: GA > beta > alpha, then by number (v1 > v1beta2 > v1beta1).
bool kubeVersionLess(const QString &a, const QString &b);

class Registry
{
public:
    void addBuiltins();
    // Adds (or replaces) the kinds of a CRD. Fails when the CRD has no served version.
    Result<void> addCrd(const schema::Crd &crd);
    void removeCrd(const QString &group, const QString &plural);

    const ResourceType *find(const QString &group, const QString &version,
                             const QString &plural) const;
    const ResourceType *byKey(const QString &key) const;
    const ResourceType *byKind(const QString &group, const QString &kind) const;

    // Groups in discovery order (core "" first) and the served versions of each.
    QStringList groups() const;
    QStringList versionsOf(const QString &group) const;
    QList<const ResourceType *> typesIn(const QString &group, const QString &version) const;
    QList<const ResourceType *> all() const;

private:
    QMap<QString, ResourceType> m_types; // by key()
    QStringList m_builtinGroups;
};

// CRD objects (apiextensions.k8s.io/v1) for Istio's kinds with permissive schemas, served
// when no --crds file is given.
QList<QJsonObject> permissiveIstioCrds();

} // namespace md::sim
