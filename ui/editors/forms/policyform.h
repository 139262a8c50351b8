#pragma once

// The contract between the policy editor (ui/editors: tabs Form | YAML, undo, validation,
// drafts, review and apply) and the form of one kind (ui/editors/forms). A form edits a
// whole Kubernetes object held as a lossless md::istio::Value: it shows the fields it knows
// and writes them back onto the object it was given, so fields it does not show, the key
// order and the apiVersion survive (md::istio::readView / writeView, istio/fields.h).

#include "istio/message.h"
#include "istio/value.h"

#include <QString>
#include <QWidget>

namespace md::mesh {
class SelectedMesh;
}

namespace md::ui {

// What pickers fill from: the selected mesh's live caches (Services and ServiceEntries for
// hosts, DestinationRule subsets, Gateways, namespaces, Pod labels, Secrets for
// credentialName) and the cluster the object is written to.
struct FormContext
{
    md::mesh::SelectedMesh *mesh = nullptr; // may be null (tests): pickers are then plain fields
    QString context; // kubeconfig context of the target cluster
};

class PolicyForm : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    // The kind this form edits ("VirtualService").
    virtual QString kind() const = 0;
    // Shows `object`; emits nothing. Fields the form does not show are kept for object().
    virtual void setObject(const md::istio::Value &object) = 0;
    // The last object given with the form's fields written onto it.
    virtual md::istio::Value object() const = 0;
    // Shows the validation messages at their fields (by Message::path), replacing earlier ones.
    virtual void setMessages(const QList<md::istio::Message> &messages) = 0;
    // Reveals and focuses the widget of a field path ("spec.http[0].route[1].weight", or the
    // nearest enclosing field the form shows); false when the form shows nothing of it.
    virtual bool focusField(const QString &path) = 0;

signals:
    // The user changed a field (never emitted by setObject).
    void edited();
};

// The form for `kind`, or null when there is none (the editor then offers YAML only).
PolicyForm *createPolicyForm(const QString &kind, const FormContext &context,
                             QWidget *parent = nullptr);

} // namespace md::ui
