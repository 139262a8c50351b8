#pragma once

// Revert of a journal entry, as an ApplyRequest that goes through the same review and apply
// as any edit: an update is reverted by writing "before" back (as an update of the object
// that is live now), a create by deleting the created object, a delete by creating "before"
// again (without its server-managed metadata).

#include "apply/applytypes.h"
#include "core/result.h"
#include "store/journalstore.h"

namespace md::apply {

// `live` is the object as it is now (null when it does not exist), from ApplyEngine::fetchLive.
// Errors: the entry failed (nothing to revert), a Secret (its data is never journaled),
// an update or create whose object no longer exists, a delete whose object exists again.
Result<ApplyRequest> revertRequest(const md::store::JournalEntry &entry,
                                   const md::istio::Value &live);

// Strips server-managed metadata (uid, resourceVersion, generation, creationTimestamp,
// managedFields, deletionTimestamp, selfLink) and status: what a create may carry.
md::istio::Value forCreate(const md::istio::Value &object);

} // namespace md::apply
