#pragma once

#include "shell/pagecontext.h"

class QWidget;

namespace md::secrets {
struct TlsSecretRow;
}

namespace md::ui {

// Asks before deleting a TLS secret, listing the Gateways and DestinationRules (any cluster
// of the mesh) whose credentialName resolves to it; "Review delete…" opens the review of the
// delete. The delete carries only the secret's identity: its data is never in the review or
// the journal. Non-blocking.
void confirmSecretDelete(const PageContext &context, const md::secrets::TlsSecretRow &row,
                         QWidget *parent);

} // namespace md::ui
