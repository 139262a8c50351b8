#pragma once

#include "secrets/tlssecret.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace md::ui {

// A new gateway TLS secret from certificate and key files (and optionally the CA that client
// certificates must chain to, for MUTUAL servers). What the files say is shown before
// anything is written: subject, SANs, issuer, validity, key type, whether the key belongs
// to the certificate; a key that does not match, or an expired certificate, keeps "Review…"
// disabled. Files are read and checked in a worker thread; their text stays in this dialog.
class SecretDialog final : public QDialog
{
    Q_OBJECT

public:
    SecretDialog(const QStringList &clusters, QWidget *parent = nullptr);
    ~SecretDialog() override;

    void setNamespaces(const QHash<QString, QStringList> &namespaces);
    // Sets the three file paths (empty: none) and checks them.
    void setFiles(const QString &certificate, const QString &key, const QString &ca = {});
    md::secrets::TlsSecretForm form() const;
    QString cluster() const;
    const md::secrets::TlsSecretCheck &check() const { return m_check; }
    bool isChecking() const { return m_watcher.isRunning() || m_again; }

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *clusterCombo() const { return m_cluster; }
    QComboBox *namespaceCombo() const { return m_namespace; }
    QTextBrowser *summary() const { return m_summary; }
    QLabel *problemsLabel() const { return m_problems; }
    QPushButton *reviewButton() const;

signals:
    void checked();

private:
    struct Loaded
    {
        md::secrets::TlsSecretForm form;
        md::secrets::TlsSecretCheck check;
        QList<Error> fileErrors;
    };
    void recheck();
    void showLoaded(const Loaded &loaded);
    void browse(QLineEdit *edit, const QString &title);

    QLineEdit *m_name;
    QComboBox *m_cluster;
    QComboBox *m_namespace;
    QLineEdit *m_certFile;
    QLineEdit *m_keyFile;
    QLineEdit *m_caFile;
    QPlainTextEdit *m_labels;
    QTextBrowser *m_summary;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
    QHash<QString, QStringList> m_namespaces;
    QFutureWatcher<Loaded> m_watcher;
    bool m_again = false;
    md::secrets::TlsSecretForm m_form; // as last checked (file contents included)
    md::secrets::TlsSecretCheck m_check;
    bool m_ok = false;
};

} // namespace md::ui
