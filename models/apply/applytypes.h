#pragma once

// The values of the apply workflow: what to write (ApplyItem, ApplyRequest), how each
// object went (ItemResult), and the classified failures (ApplyFailure, ConflictInfo).
// Plain value types, copied between threads and into views.

#include "apply/threewaymerge.h"
#include "istio/document.h"
#include "istio/message.h"
#include "kube/apierror.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace md::apply {

enum class Operation : quint8 { Create, Update, Delete };
QString operationId(Operation op); // "create", "update", "delete" (stored in the journal)
std::optional<Operation> operationFromId(const QString &id);
QString operationText(Operation op); // translated, for views

// One object to write.
struct ApplyItem
{
    // The edited object ("mine"). For a Delete, the object to delete (identity is enough).
    md::istio::Value object;
    // The object as it was when the edit began (null for a new object). The review diffs it
    // against `object`, the journal records it as "before", a conflict compares against it.
    md::istio::Value base;
    // The resourceVersion the edit started from. Update sends it (a stale one gives a 409);
    // empty means the object is new (Create). An Update without it is refused: MeshDesk
    // never overwrites blindly.
    QString baseResourceVersion;
    Operation operation = Operation::Create;
    QString source; // where an imported object came from (file or "<paste>"), for messages
    int line = 0; // its line there

    md::istio::ObjectId id() const { return md::istio::ObjectId::of(object); }

    // A new object (Create).
    static ApplyItem create(const md::istio::Value &object);
    // An edit of `base` (which must carry metadata.resourceVersion) into `edited`.
    static ApplyItem update(const md::istio::Value &base, const md::istio::Value &edited);
    // Deleting `live` (its resourceVersion is kept as the base).
    static ApplyItem remove(const md::istio::Value &live);
};

struct ApplyRequest
{
    QString context; // the target cluster (see applytarget.h)
    QString mesh; // the mesh it is for (journal and drafts); may be empty (CLI)
    QList<ApplyItem> items;
    bool dryRun = false; // dryRun=All: validated and admitted by the server, never persisted
    QString fieldValidation = QStringLiteral("Strict");
};

// Why a write failed, classified for the user.
struct ApplyFailure
{
    enum class Kind : quint8 {
        Validation, // MeshDesk's own validation found errors (nothing was sent)
        Refused, // refused before sending (an Update without a resourceVersion, no resource)
        Conflict, // 409 Conflict (stale resourceVersion) or AlreadyExists on create: see conflict
        NotFound, // updating or deleting an object that is gone
        Forbidden, // 403: `verb` on `resource` in `namespace_` is not allowed
        Invalid, // 422 (or 400): `causes` at their fields
        Retryable, // timeout, connection lost, 429, 5xx: the edit is kept, retry is offered
        Other,
    };
    Kind kind = Kind::Other;
    QString message; // one line, translated; Forbidden names the verb and the resource
    QString verb; // "create", "update", "delete", "get"
    QString resource; // "virtualservices.networking.istio.io"
    QString namespace_;
    QList<md::kube::StatusCause> causes; // field paths as the server names them
    std::optional<md::kube::ApiError> error; // what the server or transport said
    bool retryable() const { return kind == Kind::Retryable; }

    // Classifies an API error for a request of `verb` on `resource` (plural.group).
    static ApplyFailure fromApiError(const md::kube::ApiError &error, const QString &verb,
                                     const QString &resource, const QString &ns);
};

// A conflict to resolve: the three sides, ready for a ThreeWayMerge. After the user resolves
// it, the new request carries ApplyItem::update(live, merge.result()).
struct ConflictInfo
{
    md::istio::Value base; // what the edit started from (null: it was a create)
    md::istio::Value live; // fetched after the 409 (null: deleted meanwhile)
    md::istio::Value mine;
    QString liveResourceVersion;

    ThreeWayMerge merge() const { return ThreeWayMerge(base, live, mine); }
};

struct ItemResult
{
    enum class Status : quint8 { Pending, Running, Succeeded, Failed, Skipped };
    int index = -1; // position in ApplyRequest::items (not in the run order)
    md::istio::ObjectId id;
    Operation operation = Operation::Create;
    Status status = Status::Pending;
    md::istio::Value answer; // the object the server returned (after a write or a dry run)
    QStringList warnings; // Warning headers
    std::optional<ApplyFailure> failure;
    std::optional<ConflictInfo> conflict; // set when failure->kind == Conflict
    QString message() const; // one line for a progress view, translated
};

struct ApplyReport
{
    bool dryRun = false;
    QString context;
    QList<ItemResult> results; // in ApplyRequest::items order
    int succeeded() const;
    int failed() const;
    bool ok() const { return failed() == 0; }
};

} // namespace md::apply

Q_DECLARE_METATYPE(md::apply::ItemResult)
Q_DECLARE_METATYPE(md::apply::ApplyReport)
