#pragma once

// Guided wizards for the common policy tasks (like Kiali's): each asks a few questions,
// pre-filled from the selected mesh (services, their versions, namespaces, workloads), and
// produces ordinary objects that go through the editor's review like any other edit.

#include "editors/forms/policyform.h"

#include <QList>
#include <QString>
#include <QWizard>

namespace md::ui {

// One wizard, for the command palette ("Traffic shifting…"). `title` and `summary` are
// QT_TRANSLATE_NOOP strings of the context "md::ui::Wizards": show them through
// QCoreApplication::translate("md::ui::Wizards", ...).
struct WizardInfo
{
    QString id; // "traffic-shifting", stable
    const char *title;
    const char *summary;
};

// Every wizard, in the order the palette lists them.
const QList<WizardInfo> &policyWizards();

class PolicyWizard : public QWizard
{
    Q_OBJECT

public:
    using QWizard::QWizard;

signals:
    // Emitted once when the user finishes: the objects to review (new or changed), each a
    // whole Kubernetes object (apiVersion, kind, metadata, spec).
    void objectsReady(const QList<md::istio::Value> &objects);
};

// The wizard `id` (one of policyWizards()), or null for an unknown id.
PolicyWizard *createPolicyWizard(const QString &id, const FormContext &context,
                                 QWidget *parent = nullptr);

} // namespace md::ui
