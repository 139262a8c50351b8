#pragma once

#include "mesh/mesh.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QToolButton;

namespace md::mesh {
class MeshRegistry;
}

namespace md::ui {

// Mesh settings: creates a mesh or edits a kept one (name, type, control-plane cluster,
// member clusters, Istio root namespace, Prometheus URL, bearer token and CA file).
// validateMesh's errors show next to the field they name and keep OK disabled. The token
// is read from the keychain when the dialog opens (the field says so while it loads) and
// written there on OK, never elsewhere; a keychain failure shows under the token and the
// other changes are saved all the same.
class MeshDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class TokenState {
        Unchanged, // a new mesh: nothing to load
        Loading,
        Loaded, // the keychain holds a token (now in the field)
        Missing, // the keychain holds none
        Failed, // the keychain could not be read or written; the status says why
    };
    Q_ENUM(TokenState)

    // Edits the kept mesh `meshName` of `registry`, or creates one when `meshName` is empty.
    // `contexts` are the kubeconfig contexts to choose the clusters from.
    MeshDialog(md::mesh::MeshRegistry *registry, const QStringList &contexts,
               const QString &meshName = {}, QWidget *parent = nullptr);

    md::mesh::Mesh mesh() const; // as edited
    QString originalName() const { return m_originalName; }
    TokenState tokenState() const { return m_tokenState; }
    // The error shown next to a field ("name", "members", ..., "prometheusToken"), or "".
    QString fieldError(const QString &field) const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *controlPlaneBox() const { return m_controlPlane; }
    QListWidget *memberList() const { return m_members; }
    QLineEdit *rootNamespaceEdit() const { return m_rootNamespace; }
    QLineEdit *prometheusUrlEdit() const { return m_prometheusUrl; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLabel *tokenStatus() const { return m_tokenStatus; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QLineEdit *grafanaUrlEdit() const { return m_grafanaUrl; }
    QPushButton *okButton() const;

public slots:
    void accept() override;

signals:
    void tokenStateChanged(md::ui::MeshDialog::TokenState state);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *withError(QWidget *field, const QString &name);
    void fill(const md::mesh::Mesh &mesh);
    void addContext(const QString &context, bool known);
    void loadToken();
    void showToken(const Result<std::optional<QString>> &token);
    void saved(const md::mesh::Mesh &mesh, const Result<void> &result);
    void setTokenState(TokenState state, const QString &text, bool error = false);
    void chooseCaFile();
    void updateMembers();
    void updateTypeHint();
    bool validate();
    void showFieldError(const QString &field, const QString &message);
    void growToFit(); // taller when a message needs more lines

    md::mesh::MeshRegistry *m_registry = nullptr; // Not owned.
    QString m_originalName; // empty for a new mesh
    QString m_meshId; // kept as it was
    TokenState m_tokenState = TokenState::Unchanged;
    bool m_tokenEdited = false;
    bool m_saving = false;

    QLineEdit *m_name = nullptr;
    QComboBox *m_type = nullptr;
    QLabel *m_typeHint = nullptr;
    QComboBox *m_controlPlane = nullptr;
    QListWidget *m_members = nullptr;
    QLineEdit *m_rootNamespace = nullptr;
    QLineEdit *m_prometheusUrl = nullptr;
    QLineEdit *m_token = nullptr;
    QToolButton *m_showToken = nullptr;
    QLabel *m_tokenStatus = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_browseCa = nullptr;
    QLineEdit *m_grafanaUrl = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QHash<QString, QLabel *> m_errors; // field name -> its error label (children)
};

} // namespace md::ui
