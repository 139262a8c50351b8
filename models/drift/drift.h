#pragma once

// Config drift between the clusters of a mesh: every Istio object (group, kind, namespace,
// name) held by more than one cluster, compared without what the API server sets
// (metadata.uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink,
// the last-applied annotation, status) and without the order of keys. The apiVersion is not
// compared either: two clusters may serve another version of the same Istio kind, which
// Istio converts without loss. Pure functions over cache snapshots, safe on any thread.

#include "apply/applytypes.h"
#include "apply/textdiff.h"
#include "istio/value.h"
#include "kube/kubeobject.h"
#include "kube/resourceref.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace md::drift {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(md::drift)
};

// One cluster's copy of an object.
struct Copy
{
    QString context;
    QString apiVersion; // the version this cluster served it in
    md::istio::Value object; // as the cluster holds it (apiVersion and kind filled in)
    QString resourceVersion;
    QString yaml; // comparableYaml(object)
    int variant = 0; // copies with equal variants are the same
};

struct Entry
{
    enum class State : quint8 { InSync, Differs, Missing };

    QString group;
    QString kind;
    QString namespace_;
    QString name;
    QList<Copy> copies; // in the order of the mesh's clusters
    QStringList missing; // clusters that serve the kind but do not hold the object
    QHash<QString, QString> missingApiVersions; // missing cluster -> the version it serves
    int variants = 1; // distinct versions among the copies

    // Differs wins over Missing: the copies that exist are not the same.
    State state() const;
    bool differs() const { return variants > 1; }
    // "networking.istio.io/VirtualService/bookinfo/reviews": stable across refreshes.
    QString id() const;
    // "VirtualService bookinfo/reviews".
    QString displayName() const;
    // "In sync", "Differs (2 versions)", "Missing in member-2", translated.
    QString stateText() const;
    int indexOf(const QString &context) const; // of its copy; -1 when it has none
};

// What the comparison sees of an object: no server-set fields, no apiVersion, keys sorted
// at every level, empty labels/annotations left out.
md::istio::Value comparable(const md::istio::Value &object);
QString comparableYaml(const md::istio::Value &object);
// Whether two objects are the same for drift (server-set fields and key order ignored).
bool sameObject(const md::istio::Value &a, const md::istio::Value &b);

// The line diff of copy `a` against copy `b` of an entry (md::apply::diffText).
md::apply::TextDiff pairDiff(const Entry &entry, int a, int b);

// One pair of copies: whether they are the same and, when not, their diff.
struct PairResult
{
    int a = 0;
    int b = 0;
    bool same = true;
    md::apply::TextDiff diff; // empty when same
};
QList<PairResult> comparePairs(const Entry &entry);

// One cached object, as findDrift() reads them.
struct Source
{
    QString context;
    md::kube::ResourceRef resource;
    md::kube::KubeObject object;
};

struct Options
{
    QStringList clusters; // the mesh's clusters, in order (copies and `missing` follow it)
    // cluster -> "group/Kind" -> groupVersion it serves (from MeshCache::resources); a
    // cluster without an entry here is not counted as missing anything.
    QHash<QString, QHash<QString, QString>> served;
    int minCopies = 2; // 1: also objects that only one cluster holds
};

// Every object held by at least `minCopies` clusters, sorted by kind, namespace, name.
// Objects of groups other than *.istio.io are ignored.
QList<Entry> findDrift(const QList<Source> &objects, const Options &options);

// "group/Kind", the key of Options::served.
QString kindKey(const QString &group, const QString &kind);

// Copying the version of `sourceContext` to every other cluster of the entry (those with a
// copy, and with `includeMissing` those missing it): per target cluster, an Update of its
// live copy carrying its resourceVersion, or a Create. Targets already equal are skipped.
struct CopyTarget
{
    QString context;
    md::apply::ApplyItem item;
};
QList<CopyTarget> copyToOthers(const Entry &entry, const QString &sourceContext,
                               bool includeMissing = true);

} // namespace md::drift
