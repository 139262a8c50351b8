// The TLS secrets page in the main window against meshsim's demo, under Xvfb, with
// certificates made in the test by OpenSSL's API: the create dialog refuses an expired
// certificate and a key of another certificate before anything is written, then creates a
// secret with a CA for MUTUAL through the review, whose diff never shows the data; a secret
// expiring in 10 days (made with kubectl) is flagged; the delete confirmation lists the
// Gateway that names the secret in credentialName; the journal keeps no data.

#include "meshwindowfixture.h"
#include "testcerts.h"

#include "editors/editorsession.h"
#include "gateways/tablefilter.h"
#include "secrets/secretdialog.h"
#include "secrets/secretspage.h"
#include "secrets/tlssecretmodel.h"
#include "store/journalstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace md;
using namespace md::testing;
using namespace testcerts;
using md::secrets::TlsSecretModel;
using md::secrets::TlsSecretRow;

class tst_SecretsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void createRefusesExpiredAndMismatch();
    void expiringSecretIsFlagged();
    void deleteListsReferrers();

private:
    QString write(const QString &name, const QByteArray &data);
    const TlsSecretRow *row(const QString &key) const;

    MeshWindowFixture m_fx;
    QTemporaryDir m_dir;
    ui::SecretsPage *m_page = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester, m_filterTester;
    KeyPair m_caKey, m_key, m_otherKey;
    Issued m_ca, m_valid, m_expiring, m_expired;
    QByteArray m_keyPem;
};

QString tst_SecretsPage::write(const QString &name, const QByteArray &data)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        return {};
    return file.fileName();
}

const TlsSecretRow *tst_SecretsPage::row(const QString &key) const
{
    const int r = m_page->model()->rowOfKey(key);
    return r < 0 ? nullptr : &m_page->model()->rowAt(r);
}

void tst_SecretsPage::initTestCase()
{
    m_caKey = KeyPair::ec();
    m_ca = issue(m_caKey, QStringLiteral("Shop Client CA"), -Day, 3650 * Day, {}, true);
    m_key = KeyPair::ec();
    m_otherKey = KeyPair::ec();
    m_keyPem = m_key.pem();
    m_valid = issue(
        m_key, QStringLiteral("shop.example.com"), -Day, 200 * Day,
        {QStringLiteral("DNS:shop.example.com"), QStringLiteral("DNS:www.shop.example.com")}, false,
        &m_caKey, m_ca.cert);
    m_expiring = issue(m_key, QStringLiteral("soon.example.com"), -80 * Day, 10 * Day,
                       {QStringLiteral("DNS:soon.example.com")}, false, &m_caKey, m_ca.cert);
    m_expired = issue(m_key, QStringLiteral("old.example.com"), -400 * Day, -2 * Day,
                      {QStringLiteral("DNS:old.example.com")}, false, &m_caKey, m_ca.cert);
    const QString error = m_fx.start();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_page = m_fx.showPage<ui::SecretsPage>(QStringLiteral("config.secrets"));
    QVERIFY(m_page);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_filterTester = std::make_unique<QAbstractItemModelTester>(
        m_page->filterModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->model()->updates() > 0, Timeout);
    if (m_page->model()->rowCount() == 0) {
        QTRY_VERIFY_WITH_TIMEOUT(
            m_page->stateText().startsWith(QLatin1String("No TLS secrets in mesh demo")), Timeout);
        MeshWindowFixture::shoot(m_fx.window.get(), QStringLiteral("secrets-empty"));
    }
}

void tst_SecretsPage::cleanupTestCase()
{
    m_tester.reset();
    m_filterTester.reset();
    m_fx.stop();
}

void tst_SecretsPage::createRefusesExpiredAndMismatch()
{
    const QString validCert = write(QStringLiteral("shop.crt"), m_valid.pem + m_ca.pem);
    const QString expiredCert = write(QStringLiteral("old.crt"), m_expired.pem);
    const QString key = write(QStringLiteral("shop.key"), m_keyPem);
    const QString otherKey = write(QStringLiteral("other.key"), m_otherKey.pem());
    const QString ca = write(QStringLiteral("client-ca.crt"), m_ca.pem);

    m_page->newSecret();
    ui::SecretDialog *dialog = nullptr;
    QTRY_VERIFY(
        (dialog = MeshWindowFixture::topLevel<ui::SecretDialog>(QStringLiteral("secretDialog"))));
    QSignalSpy checked(dialog, &ui::SecretDialog::checked);
    dialog->clusterCombo()->setCurrentText(Member);
    dialog->namespaceCombo()->setCurrentText(QStringLiteral("istio-system"));
    dialog->nameEdit()->setText(QStringLiteral("shop-credential"));

    // Expired: refused, and said so.
    dialog->setFiles(expiredCert, key);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isChecking() && !checked.isEmpty(), Timeout);
    QTRY_VERIFY(
        dialog->problemsLabel()->text().contains(QLatin1String("certificate: the certificate")));
    QVERIFY(dialog->problemsLabel()->text().contains(QLatin1String("expired on")));
    QVERIFY(!dialog->reviewButton()->isEnabled());
    MeshWindowFixture::shoot(dialog, QStringLiteral("secrets-create-expired"));

    // A key of another certificate: refused, and shown as not matching.
    checked.clear();
    dialog->setFiles(validCert, otherKey);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog->isChecking() && !checked.isEmpty()
            && dialog->summary()->toPlainText().contains(QLatin1String("does NOT match")),
        Timeout);
    QVERIFY2(dialog->problemsLabel()->text().contains(QLatin1String("key: the private key")),
             qPrintable(dialog->problemsLabel()->text()));
    QVERIFY(!dialog->reviewButton()->isEnabled());
    MeshWindowFixture::shoot(dialog, QStringLiteral("secrets-create-mismatch"));

    // The right key and a CA for MUTUAL: what the certificate says, then the review.
    checked.clear();
    dialog->setFiles(validCert, key, ca);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isChecking() && dialog->reviewButton()->isEnabled(), Timeout);
    const QString summary = dialog->summary()->toPlainText();
    QVERIFY2(summary.contains(QLatin1String("CN=shop.example.com,O=MeshDesk Test")),
             qPrintable(summary));
    QVERIFY(summary.contains(QLatin1String("DNS:www.shop.example.com")));
    QVERIFY(summary.contains(QLatin1String("matches the certificate")));
    QVERIFY(summary.contains(QLatin1String("CA for client certificates")));
    MeshWindowFixture::shoot(dialog, QStringLiteral("secrets-create-dialog"));
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);

    ui::ReviewDialog *review
        = MeshWindowFixture::reviewAndApply(QStringLiteral("secrets-create-review"));
    QVERIFY(review);
    QCOMPARE(review->request().context, Member);
    // The review's diff never shows the data.
    const QString keyBase64 = QString::fromLatin1(m_keyPem.toBase64());
    for (const apply::PlanEntry &entry : review->plan().entries) {
        const QString text = entry.diff.unified(QStringLiteral("a"), QStringLiteral("b"));
        QVERIFY(!text.contains(keyBase64.left(40)));
        QVERIFY(!text.contains(QLatin1String("PRIVATE KEY")));
        if (text.contains(QLatin1String("kind: Secret")))
            QVERIFY2(text.contains(QLatin1String("tls.key: '<hidden: ")), qPrintable(text));
    }
    review->close();

    const QString rowKey = Member + QStringLiteral("|istio-system/shop-credential");
    QTRY_VERIFY_WITH_TIMEOUT(row(rowKey) != nullptr, Timeout);
    QCOMPARE(row(rowKey)->status, TlsSecretRow::Status::Valid);
    QVERIFY(row(rowKey)->hasCa);
    QCOMPARE(row(rowKey)->chainLength, 2);
    QVERIFY(m_page->isShowingTable());

    // The journal has the create, without data.
    auto entries = ui::EditorSession::of(m_fx.window->pageContext())->journal()->entries({});
    QVERIFY(entries);
    bool found = false;
    for (const store::JournalEntry &entry : *entries) {
        if (entry.kind == QLatin1String("Secret")
            && entry.name == QLatin1String("shop-credential")) {
            found = true;
            QVERIFY(!entry.after.contains(keyBase64.left(40).toLatin1()));
            QVERIFY(!entry.after.contains("tls.key"));
        }
    }
    QVERIFY(found);
}

void tst_SecretsPage::expiringSecretIsFlagged()
{
    const QString cert = write(QStringLiteral("soon.crt"), m_expiring.pem);
    const QString key = write(QStringLiteral("soon.key"), m_keyPem);
    const CommandResult created = m_fx.sim.kubectl(
        {QStringLiteral("--context"), Member, QStringLiteral("-n"), QStringLiteral("istio-system"),
         QStringLiteral("create"), QStringLiteral("secret"), QStringLiteral("tls"),
         QStringLiteral("soon-credential"), QStringLiteral("--cert"), cert, QStringLiteral("--key"),
         key});
    QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    const QString rowKey = Member + QStringLiteral("|istio-system/soon-credential");
    QTRY_VERIFY_WITH_TIMEOUT(row(rowKey) != nullptr, Timeout);
    QCOMPARE(row(rowKey)->status, TlsSecretRow::Status::Expiring);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->bannerLabel()->isVisible(), Timeout);
    QVERIFY2(m_page->bannerLabel()->text().contains(QLatin1String("expiring within 30 days")),
             qPrintable(m_page->bannerLabel()->text()));
    const int source = m_page->model()->rowOfKey(rowKey);
    QVERIFY(m_page->model()
                ->index(source, TlsSecretModel::Expires)
                .data()
                .toString()
                .contains(QLatin1String("expires in 9 days")));
    // Sorted by expiry: the expiring one first.
    QCOMPARE(m_page->filterModel()->index(0, 0).data(TlsSecretModel::KeyRole).toString(), rowKey);
    MeshWindowFixture::shoot(m_fx.window.get(), QStringLiteral("secrets-page"));
}

void tst_SecretsPage::deleteListsReferrers()
{
    const QByteArray gateway = R"(apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop-https
  namespace: bookinfo
spec:
  selector:
    istio: ingressgateway
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com]
    tls:
      mode: MUTUAL
      credentialName: shop-credential
)";
    const CommandResult applied
        = m_fx.sim.kubectl({QStringLiteral("--context"), Primary, QStringLiteral("apply"),
                            QStringLiteral("-f"), QStringLiteral("-")},
                           gateway);
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_fx.window->pageContext()
                .mesh->cache()
                ->items(Primary, QStringLiteral("networking.istio.io"), QStringLiteral("Gateway"))
                .isEmpty()
            && m_fx.window->pageContext().mesh->cache()->object(
                Primary, QStringLiteral("networking.istio.io"), QStringLiteral("Gateway"),
                QStringLiteral("bookinfo"), QStringLiteral("shop-https")),
        Timeout);

    QVERIFY(m_page->selectSecret(Member, QStringLiteral("istio-system"),
                                 QStringLiteral("shop-credential")));
    m_page->deleteAction()->trigger();
    QDialog *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = MeshWindowFixture::topLevel<QDialog>(QStringLiteral("secretDeleteDialog"))));
    auto referrers = confirm->findChild<QTreeWidget *>(QStringLiteral("secretReferrers"));
    QVERIFY(referrers && referrers->isVisible());
    QCOMPARE(referrers->topLevelItemCount(), 1);
    QCOMPARE(referrers->topLevelItem(0)->text(0), QStringLiteral("Gateway"));
    QCOMPARE(referrers->topLevelItem(0)->text(1), QStringLiteral("bookinfo/shop-https"));
    QCOMPARE(referrers->topLevelItem(0)->text(3),
             QStringLiteral("spec.servers[0].tls.credentialName"));
    MeshWindowFixture::shoot(confirm, QStringLiteral("secrets-delete-confirm"));
    QTest::mouseClick(confirm->findChild<QPushButton *>(QStringLiteral("reviewDeleteButton")),
                      Qt::LeftButton);
    ui::ReviewDialog *review = MeshWindowFixture::reviewAndApply();
    QVERIFY(review);
    QCOMPARE(review->request().items.size(), 1);
    QCOMPARE(review->request().items.first().operation, apply::Operation::Delete);
    QVERIFY(!review->request().items.first().object.contains(QStringLiteral("data")));
    review->close();
    QTRY_VERIFY_WITH_TIMEOUT(
        row(Member + QStringLiteral("|istio-system/shop-credential")) == nullptr, Timeout);
}

QTEST_MAIN(tst_SecretsPage)
#include "tst_secretspage.moc"
