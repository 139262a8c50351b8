#include "secrets/secretdialog.h"

#include "gateways/gatewaydialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace md::ui {

using md::secrets::CertificateInfo;
using md::secrets::TlsSecretForm;

namespace {

constexpr qint64 MaxFileSize = 1024 * 1024; // a PEM chain is a few KB

// Reads a PEM file (empty path: nothing); errors name the file.
Result<QByteArray> readPem(const QString &path, const QString &field)
{
    if (path.isEmpty())
        return QByteArray();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(QStringLiteral("tls.file"),
                          SecretDialog::tr("%1 cannot be read: %2").arg(path, file.errorString()),
                          field);
    if (file.size() > MaxFileSize)
        return unexpected(
            QStringLiteral("tls.file"),
            SecretDialog::tr("%1 is %2 bytes: too large for a PEM file").arg(path).arg(file.size()),
            field);
    return file.readAll();
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString certificateHtml(const CertificateInfo &c, const QDateTime &now)
{
    const auto expiry = md::secrets::expiryOf(c, now);
    QString color = QStringLiteral("#2e9d4f");
    if (expiry == md::secrets::Expiry::Expired)
        color = QStringLiteral("#d03636");
    else if (expiry != md::secrets::Expiry::Valid)
        color = QStringLiteral("#b07800");
    QString html = QStringLiteral("<table cellspacing='2'>");
    auto row = [&html](const QString &label, const QString &value) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(escaped(label), value);
    };
    row(SecretDialog::tr("Subject"), escaped(c.subject));
    row(SecretDialog::tr("SANs"),
        c.sans.isEmpty() ? SecretDialog::tr("<i>none</i>")
                         : escaped(c.sans.join(QStringLiteral(", "))));
    row(SecretDialog::tr("Issuer"),
        escaped(c.issuer) + (c.selfSigned() ? SecretDialog::tr(" (self-signed)") : QString()));
    row(SecretDialog::tr("Valid"),
        QStringLiteral("%1 – %2 <span style='color:%3'>(%4)</span>")
            .arg(QLocale().toString(c.notBefore.toLocalTime(), QLocale::ShortFormat),
                 QLocale().toString(c.notAfter.toLocalTime(), QLocale::ShortFormat), color,
                 escaped(md::secrets::expiryDistance(c.notAfter, now))));
    row(SecretDialog::tr("Key"), escaped(c.keyType));
    html += QStringLiteral("</table>");
    return html;
}

} // namespace

SecretDialog::SecretDialog(const QStringList &clusters, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_cluster(new QComboBox(this))
    , m_namespace(new QComboBox(this))
    , m_certFile(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_caFile(new QLineEdit(this))
    , m_labels(new QPlainTextEdit(this))
    , m_summary(new QTextBrowser(this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("secretDialog"));
    setWindowTitle(tr("New TLS secret"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. bookinfo-credential"));
    m_cluster->setObjectName(QStringLiteral("clusterCombo"));
    m_cluster->addItems(clusters);
    m_namespace->setObjectName(QStringLiteral("namespaceCombo"));
    m_namespace->setEditable(true);
    m_namespace->setCurrentText(QStringLiteral("istio-system"));
    m_namespace->setToolTip(tr("Istio reads a gateway's credential from the namespace of the "
                               "gateway's pods"));
    m_certFile->setObjectName(QStringLiteral("certificateFile"));
    m_keyFile->setObjectName(QStringLiteral("keyFile"));
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_certFile->setPlaceholderText(tr("PEM certificate, the server's first, then its chain"));
    m_keyFile->setPlaceholderText(tr("PEM private key, unencrypted"));
    m_caFile->setPlaceholderText(tr("Optional: CA for client certificates (MUTUAL)"));
    m_labels->setObjectName(QStringLiteral("labelsEdit"));
    m_labels->setPlaceholderText(tr("key: value, one per line"));
    m_labels->setMaximumHeight(m_labels->fontMetrics().height() * 3 + 12);
    m_summary->setObjectName(QStringLiteral("certificateSummary"));
    m_summary->setMinimumHeight(170);
    m_summary->setOpenLinks(false);
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    reviewButton()->setText(tr("Review…"));
    reviewButton()->setObjectName(QStringLiteral("reviewButton"));
    reviewButton()->setEnabled(false);

    auto fileRow = [this](QLineEdit *edit, const QString &title) {
        auto row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto browse = new QPushButton(tr("Browse…"), this);
        browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
        connect(browse, &QPushButton::clicked, this,
                [this, edit, title] { this->browse(edit, title); });
        row->addWidget(browse);
        return row;
    };
    auto form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Cluster:"), m_cluster);
    form->addRow(tr("Na&mespace:"), m_namespace);
    form->addRow(tr("Certificate:"), fileRow(m_certFile, tr("Certificate file")));
    form->addRow(tr("Private key:"), fileRow(m_keyFile, tr("Private key file")));
    form->addRow(tr("CA certificate:"), fileRow(m_caFile, tr("CA certificate file")));
    form->addRow(tr("Labels:"), m_labels);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    resize(660, 600);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok && !isChecking())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Loaded>::finished, this, [this] {
        if (m_again) {
            m_again = false;
            recheck();
            return;
        }
        showLoaded(m_watcher.result());
    });
    for (QLineEdit *edit : {m_name, m_certFile, m_keyFile, m_caFile})
        connect(edit, &QLineEdit::textChanged, this, &SecretDialog::recheck);
    connect(m_namespace, &QComboBox::currentTextChanged, this, &SecretDialog::recheck);
    connect(m_labels, &QPlainTextEdit::textChanged, this, &SecretDialog::recheck);
    connect(m_cluster, &QComboBox::currentTextChanged, this, [this] {
        const QString current = m_namespace->currentText();
        m_namespace->clear();
        m_namespace->addItems(m_namespaces.value(m_cluster->currentText()));
        m_namespace->setCurrentText(current);
    });
    recheck();
}

SecretDialog::~SecretDialog()
{
    m_watcher.waitForFinished();
    m_form.keyPem.fill('\0');
}

QPushButton *SecretDialog::reviewButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void SecretDialog::setNamespaces(const QHash<QString, QStringList> &namespaces)
{
    m_namespaces = namespaces;
    const QString current = m_namespace->currentText();
    m_namespace->clear();
    m_namespace->addItems(m_namespaces.value(m_cluster->currentText()));
    m_namespace->setCurrentText(current);
}

void SecretDialog::setFiles(const QString &certificate, const QString &key, const QString &ca)
{
    m_certFile->setText(certificate);
    m_keyFile->setText(key);
    m_caFile->setText(ca);
    if (m_name->text().isEmpty() && !certificate.isEmpty())
        m_name->setText(QFileInfo(certificate)
                            .baseName()
                            .toLower()
                            .replace(QLatin1Char('_'), QLatin1Char('-')));
}

QString SecretDialog::cluster() const
{
    return m_cluster->currentText();
}

TlsSecretForm SecretDialog::form() const
{
    return m_form;
}

void SecretDialog::browse(QLineEdit *edit, const QString &title)
{
    const QString path
        = QFileDialog::getOpenFileName(this, title, QFileInfo(edit->text()).path(),
                                       tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void SecretDialog::recheck()
{
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    m_ok = false;
    reviewButton()->setEnabled(false);
    TlsSecretForm form;
    form.name = m_name->text().trimmed();
    form.namespace_ = m_namespace->currentText().trimmed();
    QList<Error> labelErrors;
    if (auto labels = parseAnnotationLines(m_labels->toPlainText()))
        form.labels = *labels;
    else
        labelErrors << Error {labels.error().code, labels.error().message,
                              QStringLiteral("labels")};
    const QString cert = m_certFile->text().trimmed();
    const QString key = m_keyFile->text().trimmed();
    const QString ca = m_caFile->text().trimmed();
    m_watcher.setFuture(QtConcurrent::run([form, cert, key, ca, labelErrors] {
        Loaded loaded;
        loaded.form = form;
        loaded.fileErrors = labelErrors;
        const std::pair<QString, QString> files[] {{cert, QStringLiteral("certificate")},
                                                   {key, QStringLiteral("key")},
                                                   {ca, QStringLiteral("ca")}};
        QByteArray *targets[] {&loaded.form.certificatePem, &loaded.form.keyPem,
                               &loaded.form.caPem};
        for (int i = 0; i < 3; ++i) {
            auto data = readPem(files[i].first, files[i].second);
            if (data)
                *targets[i] = *data;
            else
                loaded.fileErrors << data.error();
        }
        loaded.check
            = md::secrets::checkTlsSecretForm(loaded.form, QDateTime::currentDateTimeUtc());
        return loaded;
    }));
}

void SecretDialog::showLoaded(const Loaded &loaded)
{
    m_form.keyPem.fill('\0');
    m_form = loaded.form;
    m_check = loaded.check;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString html;
    if (!m_check.chain.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(escaped(tr("Certificate")));
        html += certificateHtml(m_check.chain.first(), now);
        if (m_check.chain.size() > 1)
            html += QStringLiteral("<p>%1</p>")
                        .arg(escaped(tr("Chain: %n more certificate(s), up to %1", nullptr,
                                        int(m_check.chain.size() - 1))
                                         .arg(m_check.chain.last().subject)));
    }
    const bool mismatch
        = std::any_of(m_check.errors.cbegin(), m_check.errors.cend(),
                      [](const Error &e) { return e.code == QLatin1String("tls.keyMismatch"); });
    if (m_check.key) {
        html += QStringLiteral("<p><b>%1</b> %2 — %3</p>")
                    .arg(escaped(tr("Private key:")), escaped(m_check.key->type),
                         m_check.chain.isEmpty() ? QString()
                             : mismatch ? QStringLiteral("<span style='color:#d03636'>%1</span>")
                                              .arg(escaped(tr("does NOT match the certificate")))
                                        : QStringLiteral("<span style='color:#2e9d4f'>%1</span>")
                                              .arg(escaped(tr("matches the certificate"))));
    }
    if (!m_check.caChain.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4>").arg(escaped(tr("CA for client certificates")));
        html += certificateHtml(m_check.caChain.first(), now);
    }
    if (html.isEmpty())
        html = QStringLiteral("<p style='color:gray'>%1</p>")
                   .arg(escaped(tr("Choose the certificate and private key files.")));
    m_summary->setHtml(html);

    QStringList lines;
    QList<Error> errors = loaded.fileErrors;
    // A file that could not be read makes the parse error of its empty text redundant.
    for (const Error &e : m_check.errors) {
        const bool fileFailed = std::any_of(loaded.fileErrors.cbegin(), loaded.fileErrors.cend(),
                                            [&](const Error &f) { return f.where == e.where; });
        if (!fileFailed)
            errors << e;
    }
    for (const Error &e : std::as_const(errors))
        lines << QStringLiteral("<span style='color:#b01c1c'>%1</span>").arg(escaped(e.toString()));
    for (const Error &w : m_check.warnings)
        lines << QStringLiteral("<span style='color:#8a5a00'>%1</span>").arg(escaped(w.toString()));
    m_problems->setText(lines.join(QStringLiteral("<br>")));
    m_problems->setVisible(!lines.isEmpty());
    m_ok = errors.isEmpty();
    reviewButton()->setEnabled(m_ok);
    emit checked();
}

} // namespace md::ui
