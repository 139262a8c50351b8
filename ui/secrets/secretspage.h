#pragma once

#include "shell/meshlistpage.h"

class QAction;

namespace md::secrets {
class TlsSecretModel;
}

namespace md::ui {

class PageRegistry;

// Adds the TLS secrets page ("config.secrets").
void registerSecretPages(PageRegistry &registry);

// The gateway TLS secrets of the selected mesh, live from its caches: name, namespace,
// cluster, status (expired, expiring within 30 days, key mismatch), subject, SANs, issuer,
// expiry; filters and search; create from certificate and key files; delete after listing
// the Gateways and DestinationRules that name the secret. Secret data is never shown.
class SecretsPage final : public MeshListPage
{
    Q_OBJECT

public:
    explicit SecretsPage(const PageContext &context, QWidget *parent = nullptr);
    ~SecretsPage() override;

    md::secrets::TlsSecretModel *model() const { return m_model; }
    QAction *newAction() const { return m_new; }
    QAction *deleteAction() const { return m_delete; }
    bool selectSecret(const QString &context, const QString &ns, const QString &name);

public slots:
    void newSecret();
    void deleteSelected();

protected:
    void changeEvent(QEvent *event) override;
    void updateFacets() override;
    void updateState() override;
    void updateActions() override;
    QString countText(int shown, int total) const override;

private:
    void retranslate();

    md::secrets::TlsSecretModel *m_model;
    QAction *m_new = nullptr;
    QAction *m_delete = nullptr;
};

} // namespace md::ui
