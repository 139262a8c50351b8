#pragma once

#include "shell/pagecontext.h"

#include <QVariantMap>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace md::gateways {
class TableFilterModel;
}
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
class SecretsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit SecretsPage(const PageContext &context, QWidget *parent = nullptr);
    ~SecretsPage() override;

    md::secrets::TlsSecretModel *model() const { return m_model; }
    md::gateways::TableFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *clusterCombo() const { return m_clusters; }
    QComboBox *namespaceCombo() const { return m_namespaces; }
    QLineEdit *searchField() const { return m_search; }
    QAction *newAction() const { return m_new; }
    QAction *deleteAction() const { return m_delete; }
    QLabel *bannerLabel() const { return m_banner; }
    QString stateText() const;
    bool isShowingTable() const;
    bool selectSecret(const QString &context, const QString &ns, const QString &name);

public slots:
    // {"cluster": ..., "namespace": ..., "search": ...}
    void setPageArguments(const QVariantMap &arguments);
    void newSecret();
    void deleteSelected();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateFacets();
    void updateState();
    void updateActions();
    void updateCount();
    void retranslate();

    PageContext m_context;
    md::secrets::TlsSecretModel *m_model;
    md::gateways::TableFilterModel *m_filter;
    QToolBar *m_toolBar;
    QAction *m_new = nullptr;
    QAction *m_delete = nullptr;
    QComboBox *m_clusters;
    QComboBox *m_namespaces;
    QLineEdit *m_search;
    QLabel *m_count;
    QLabel *m_banner;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QWidget *m_state;
    QLabel *m_stateTitle;
    QLabel *m_stateMessage;
    QPushButton *m_stateNew;
    QString m_wantedCluster;
    QString m_wantedNamespace;
};

} // namespace md::ui
