#pragma once

// Three-way merge of Kubernetes objects for a 409 Conflict: `base` is the object as it was
// when the edit began, `live` what the server holds now, `mine` the edit. The changes of
// both sides are listed field by field; a field both sides changed differently is a
// conflict, resolved per change (take theirs = keep live's value, take mine). result() is
// the edit re-based on live: live's values (fields MeshDesk does not know included, its
// resourceVersion) with my changes applied as resolved, in my edit's key order (members only
// live has follow their predecessor in live). Pure; any thread.
//
// Granularity: objects merge member by member; arrays whose items all are objects with a
// "name" (routes, servers, subsets, ports, JWT rules) merge item by item matched by name;
// other arrays of equal length on all three sides merge by index; any other array is one
// value. Server-managed fields (metadata.resourceVersion, uid, generation,
// creationTimestamp, managedFields, status) are never changes: live's are kept.

#include "istio/value.h"

#include <QList>
#include <QString>

namespace md::apply {

// One step of a path into a Value: a member key, an array index, or an array item matched by
// its "name" member.
struct PathStep
{
    enum class Kind : quint8 { Key, Index, Name };
    Kind kind = Kind::Key;
    QString key; // Key: the member; Name: the item's name
    qsizetype index = -1; // Index

    bool operator==(const PathStep &) const = default;
};

// "spec.http[name=reviews-v2].timeout", "spec.hosts[0]", "metadata.labels.app".
QString pathText(const QList<PathStep> &path);

enum class Resolution : quint8 {
    TakeMine, // the edited value wins
    TakeTheirs, // the live value stays
};

struct FieldChange
{
    QList<PathStep> path;
    QString pathText; // pathText(path)
    md::istio::Value base, live, mine; // null when absent there (see the in* flags)
    bool inBase = false, inLive = false, inMine = false;
    bool changedByMe = false; // mine differs from base
    bool changedByThem = false; // live differs from base
    bool conflicting = false; // both changed it, to different values
    // Non-conflicting changes start resolved to the side that made them; conflicts start as
    // TakeTheirs (nothing live is overwritten unless the user says so).
    Resolution resolution = Resolution::TakeMine;
};

class ThreeWayMerge
{
public:
    ThreeWayMerge() = default;
    ThreeWayMerge(md::istio::Value base, md::istio::Value live, md::istio::Value mine);

    const md::istio::Value &base() const { return m_base; }
    const md::istio::Value &live() const { return m_live; }
    const md::istio::Value &mine() const { return m_mine; }

    // Every field that differs between any two sides, in document order.
    const QList<FieldChange> &changes() const { return m_changes; }
    QList<int> conflicts() const; // indexes into changes()
    int conflictCount() const;
    bool hasConflicts() const { return conflictCount() > 0; }

    void resolve(int change, Resolution resolution);
    // Every conflicting change at once (non-conflicting ones keep their side).
    void resolveConflicts(Resolution resolution);

    // live + my changes as resolved; metadata.resourceVersion is live's, so a PUT of it
    // succeeds unless the object changes again.
    md::istio::Value result() const;
    // Whether result() differs from live (nothing to apply when everything was taken from them).
    bool changesLive() const;

private:
    md::istio::Value m_base, m_live, m_mine;
    QList<FieldChange> m_changes;
};

// Convenience: every change, conflicts resolved as `conflicts`.
md::istio::Value rebase(const md::istio::Value &base, const md::istio::Value &live,
                        const md::istio::Value &mine, Resolution conflicts = Resolution::TakeMine);

} // namespace md::apply
