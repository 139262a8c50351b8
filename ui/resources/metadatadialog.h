#pragma once

#include "istio/value.h"
#include "resources/metadatarules.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTableWidget;

namespace md::ui {

// Edits the labels and annotations of one object, checked as the API server checks them
// (md::resources::checkLabels / checkAnnotations) while the user types: OK stays disabled
// and the first problem is named until they are valid.
class MetadataDialog final : public QDialog
{
    Q_OBJECT

public:
    // `object`: the live object (its labels and annotations fill the tables).
    MetadataDialog(const md::istio::Value &object, QWidget *parent = nullptr);

    md::resources::KeyValues labels() const;
    md::resources::KeyValues annotations() const;
    void setLabels(const md::resources::KeyValues &labels);
    void setAnnotations(const md::resources::KeyValues &annotations);
    // The first problem, or empty when both are valid.
    QString problem() const;
    // The object with the edited labels and annotations, without managedFields and status.
    md::istio::Value editedObject() const;

    QTableWidget *labelsTable() const { return m_labels; }
    QTableWidget *annotationsTable() const { return m_annotations; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    QWidget *section(const QString &title, QTableWidget *table, const QString &addText);
    void validate();

    md::istio::Value m_object;
    QTableWidget *m_labels;
    QTableWidget *m_annotations;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace md::ui
