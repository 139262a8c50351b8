#pragma once

// Wizards over an explicit catalog (tests give a fixed one built from objects).

#include "editors/wizards/wizards.h"

#include <memory>

namespace md::ui::forms {
struct MeshCatalog;
}

namespace md::ui {

PolicyWizard *createPolicyWizard(const QString &id,
                                 std::shared_ptr<const forms::MeshCatalog> catalog,
                                 QWidget *parent = nullptr);

} // namespace md::ui
