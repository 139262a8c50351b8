#pragma once

// The forms with an explicit catalog source (tests and wizards give a fixed catalog; the
// editor goes through createPolicyForm(kind, FormContext), which follows the mesh).

#include "editors/forms/policyform.h"

namespace md::ui::forms {

class CatalogSource;

// Kinds with a form, in the order the editor lists them.
QStringList formKinds();

// The form for `kind` or null; it takes `catalog` as its child when the source has no parent.
PolicyForm *createForm(const QString &kind, CatalogSource *catalog, QWidget *parent = nullptr);

PolicyForm *createVirtualServiceForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createDestinationRuleForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createGatewayForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createServiceEntryForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createPeerAuthenticationForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createRequestAuthenticationForm(CatalogSource *catalog, QWidget *parent);
PolicyForm *createAuthorizationPolicyForm(CatalogSource *catalog, QWidget *parent);

} // namespace md::ui::forms
