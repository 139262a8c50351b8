// Gateway TLS credentials read with OpenSSL: certificates and keys made in the test (a CA, a
// valid leaf, one expiring in 10 days, an expired one, a key of another certificate), what
// the parser says of each, the errors naming what is wrong, the rows of the TLS secret list
// (under QAbstractItemModelTester), the secret a form makes (whose data never reaches the
// review's text or the journal), referrers, and the live check for gateway credentials.

#include "testcerts.h"

#include "apply/textdiff.h"
#include "gateways/tablefilter.h"
#include "istio/document.h"
#include "secrets/certinfo.h"
#include "secrets/tlssecret.h"
#include "secrets/tlssecretmodel.h"
#include "secrets/validatenames.h"
#include "store/journalstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace md::secrets;
using namespace testcerts;
using md::mesh::MeshCache;

namespace {

const md::kube::ResourceRef SecretRef {QString(), QStringLiteral("v1"), QStringLiteral("secrets"),
                                       true, QStringLiteral("Secret")};
const md::kube::ResourceRef PodRef {QString(), QStringLiteral("v1"), QStringLiteral("pods"), true,
                                    QStringLiteral("Pod")};
const md::kube::ResourceRef GatewayRef {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                        QStringLiteral("gateways"), true,
                                        QStringLiteral("Gateway")};
const md::kube::ResourceRef RuleRef {QStringLiteral("networking.istio.io"), QStringLiteral("v1"),
                                     QStringLiteral("destinationrules"), true,
                                     QStringLiteral("DestinationRule")};

QJsonObject meta(const QString &ns, const QString &name,
                 const QString &version = QStringLiteral("1"))
{
    QJsonObject m;
    m.insert(QStringLiteral("namespace"), ns);
    m.insert(QStringLiteral("name"), name);
    m.insert(QStringLiteral("uid"), QString(ns + QLatin1Char('/') + name));
    m.insert(QStringLiteral("resourceVersion"), version);
    return m;
}

QJsonObject tlsSecret(const QString &ns, const QString &name, const QByteArray &cert,
                      const QByteArray &key, const QString &version = QStringLiteral("1"))
{
    return QJsonObject {
        {QStringLiteral("metadata"), meta(ns, name, version)},
        {QStringLiteral("type"), QStringLiteral("kubernetes.io/tls")},
        {QStringLiteral("data"),
         QJsonObject {{QStringLiteral("tls.crt"), QString::fromLatin1(cert.toBase64())},
                      {QStringLiteral("tls.key"), QString::fromLatin1(key.toBase64())}}}};
}

MeshCache::Item item(const md::kube::ResourceRef &ref, const QJsonObject &object)
{
    return {ref, md::kube::KubeObject::fromJsonObject(object)};
}

QJsonObject gateway(const QString &ns, const QString &name, const QString &credential)
{
    return QJsonObject {
        {QStringLiteral("metadata"), meta(ns, name)},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("selector"),
              QJsonObject {{QStringLiteral("istio"), QStringLiteral("ingressgateway")}}},
             {QStringLiteral("servers"),
              QJsonArray {
                  QJsonObject {{QStringLiteral("port"),
                                QJsonObject {{QStringLiteral("number"), 80},
                                             {QStringLiteral("name"), QStringLiteral("http")},
                                             {QStringLiteral("protocol"), QStringLiteral("HTTP")}}},
                               {QStringLiteral("hosts"), QJsonArray {QStringLiteral("*")}}},
                  QJsonObject {
                      {QStringLiteral("port"),
                       QJsonObject {{QStringLiteral("number"), 443},
                                    {QStringLiteral("name"), QStringLiteral("https")},
                                    {QStringLiteral("protocol"), QStringLiteral("HTTPS")}}},
                      {QStringLiteral("hosts"), QJsonArray {QStringLiteral("shop.example.com")}},
                      {QStringLiteral("tls"),
                       QJsonObject {{QStringLiteral("mode"), QStringLiteral("SIMPLE")},
                                    {QStringLiteral("credentialName"), credential}}}}}}}}};
}

QJsonObject gatewayPod(const QString &ns)
{
    QJsonObject m = meta(ns, QStringLiteral("istio-ingressgateway-abc"));
    m.insert(QStringLiteral("labels"),
             QJsonObject {{QStringLiteral("istio"), QStringLiteral("ingressgateway")},
                          {QStringLiteral("app"), QStringLiteral("istio-ingressgateway")}});
    return QJsonObject {{QStringLiteral("metadata"), m}};
}

} // namespace

class tst_CertInfo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parsesSubjectSansIssuerAndDates();
    void expiry_data();
    void expiry();
    void keyMatchAndMismatch();
    void errorsNameWhatIsWrong_data();
    void errorsNameWhatIsWrong();
    void chainAndCa();
    void secretRows();
    void secretModel();
    void formMakesSecretWithoutShowingData();
    void formErrorsNameTheirField();
    void referrersAndLiveCheck();
    void namesAndQuantities();

private:
    KeyPair m_caKey;
    Issued m_ca;
    KeyPair m_key;
    KeyPair m_otherKey;
    Issued m_valid; // 90 days
    Issued m_expiring; // 10 days
    Issued m_expired; // expired yesterday
};

void tst_CertInfo::initTestCase()
{
    m_caKey = KeyPair::ec();
    m_ca = issue(m_caKey, QStringLiteral("MeshDesk Test CA"), -10 * Day, 3650 * Day, {}, true);
    m_key = KeyPair::ec();
    m_otherKey = KeyPair::ec();
    const QStringList sans {QStringLiteral("DNS:shop.example.com"),
                            QStringLiteral("DNS:*.shop.example.com"),
                            QStringLiteral("IP:10.1.2.3")};
    m_valid = issue(m_key, QStringLiteral("shop.example.com"), -Day, 90 * Day, sans, false,
                    &m_caKey, m_ca.cert);
    m_expiring = issue(m_key, QStringLiteral("soon.example.com"), -80 * Day, 10 * Day,
                       {QStringLiteral("DNS:soon.example.com")}, false, &m_caKey, m_ca.cert);
    m_expired = issue(m_key, QStringLiteral("old.example.com"), -400 * Day, -Day,
                      {QStringLiteral("DNS:old.example.com")}, false, &m_caKey, m_ca.cert);
    QVERIFY(m_key.key && m_otherKey.key && m_ca.cert && m_valid.cert);
}

void tst_CertInfo::parsesSubjectSansIssuerAndDates()
{
    const auto chain = parseCertificateChain(m_valid.pem);
    QVERIFY2(chain, qPrintable(chain ? QString() : chain.error().toString()));
    QCOMPARE(chain->size(), 1);
    const CertificateInfo &c = chain->first();
    QCOMPARE(c.commonName, QStringLiteral("shop.example.com"));
    QCOMPARE(c.subject, QStringLiteral("CN=shop.example.com,O=MeshDesk Test"));
    QCOMPARE(c.issuer, QStringLiteral("CN=MeshDesk Test CA,O=MeshDesk Test"));
    QCOMPARE(
        c.sans,
        (QStringList {QStringLiteral("DNS:shop.example.com"),
                      QStringLiteral("DNS:*.shop.example.com"), QStringLiteral("IP:10.1.2.3")}));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(c.notAfter.secsTo(now.addDays(90))) < 120);
    QVERIFY(qAbs(c.notBefore.secsTo(now.addDays(-1))) < 120);
    QCOMPARE(c.notAfter.timeSpec(), Qt::UTC);
    QVERIFY(!c.isCa);
    QVERIFY(!c.selfSigned());
    QCOMPARE(c.keyType, QStringLiteral("EC prime256v1"));
    QCOMPARE(c.sha256.size(), 32 * 3 - 1);
    QVERIFY(!c.serial.isEmpty());

    const KeyPair rsa = KeyPair::rsa();
    const Issued rsaCert = issue(rsa, QStringLiteral("rsa.example.com"), 0, Day);
    QCOMPARE(parseCertificateChain(rsaCert.pem)->first().keyType, QStringLiteral("RSA 2048"));
    QCOMPARE(parsePrivateKey(rsa.pem())->type, QStringLiteral("RSA 2048"));
    QVERIFY(parseCertificateChain(rsaCert.pem)->first().selfSigned());
}

void tst_CertInfo::expiry_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("distance");
    QTest::newRow("valid 90 days")
        << 0 << int(Expiry::Valid) << QStringLiteral("expires in 89 days");
    QTest::newRow("expiring in 10 days")
        << 1 << int(Expiry::Expiring) << QStringLiteral("expires in 9 days");
    QTest::newRow("expired yesterday")
        << 2 << int(Expiry::Expired) << QStringLiteral("expired today");
}

void tst_CertInfo::expiry()
{
    QFETCH(int, which);
    QFETCH(int, expected);
    QFETCH(QString, distance);
    const Issued *certs[] {&m_valid, &m_expiring, &m_expired};
    const CertificateInfo c = parseCertificateChain(certs[which]->pem)->first();
    // One minute later than now, so that "in 10 days" is 9 whole days.
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(60);
    QCOMPARE(int(expiryOf(c, now)), expected);
    if (which == 2)
        QVERIFY2(expiryDistance(c.notAfter, now).startsWith(QLatin1String("expired")),
                 qPrintable(expiryDistance(c.notAfter, now)));
    else
        QCOMPARE(expiryDistance(c.notAfter, now), distance);
    // The 30-day boundary: a certificate is flagged from 30 days before it expires.
    QCOMPARE(expiryOf(c, c.notAfter.addDays(-31)), Expiry::Valid);
    QCOMPARE(expiryOf(c, c.notAfter.addDays(-29)), Expiry::Expiring);
    QCOMPARE(expiryOf(c, c.notAfter), Expiry::Expired);
    QCOMPARE(expiryOf(c, c.notBefore.addSecs(-1)), Expiry::NotYetValid);
}

void tst_CertInfo::keyMatchAndMismatch()
{
    QVERIFY(checkKeyMatchesCertificate(m_valid.pem, m_key.pem()));
    QVERIFY(checkKeyMatchesCertificate(m_ca.pem, m_caKey.pem()));
    const auto mismatch = checkKeyMatchesCertificate(m_valid.pem, m_otherKey.pem());
    QVERIFY(!mismatch);
    QCOMPARE(mismatch.error().code, QStringLiteral("tls.keyMismatch"));
    QCOMPARE(mismatch.error().where, QStringLiteral("private key"));
    QVERIFY2(mismatch.error().message.contains(QLatin1String("CN=shop.example.com")),
             qPrintable(mismatch.error().message));
    // An RSA key against an EC certificate.
    const auto rsa = checkKeyMatchesCertificate(m_valid.pem, KeyPair::rsa().pem());
    QVERIFY(!rsa);
    QVERIFY(rsa.error().message.contains(QLatin1String("RSA 2048")));
}

void tst_CertInfo::errorsNameWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("mentions");
    const QByteArray cert = m_valid.pem;
    const QByteArray key = m_key.pem();
    QByteArray corrupt = cert;
    corrupt[corrupt.indexOf('\n') + 20] = '!';
    QTest::newRow("empty certificate") << QByteArray() << key << "tls.noCertificate"
                                       << "certificate"
                                       << "empty";
    QTest::newRow("not PEM") << QByteArray("hello") << key << "tls.noCertificate"
                             << "certificate"
                             << "BEGIN CERTIFICATE";
    QTest::newRow("key as certificate") << key << key << "tls.noCertificate"
                                        << "certificate"
                                        << "private key, not a certificate";
    QTest::newRow("corrupt certificate") << corrupt << key << "tls.badCertificate"
                                         << "certificate"
                                         << "certificate 1 cannot be read";
    QTest::newRow("corrupt second certificate") << cert + corrupt << key << "tls.badCertificate"
                                                << "certificate"
                                                << "certificate 2";
    QTest::newRow("certificate as key") << cert << cert << "tls.noKey"
                                        << "private key"
                                        << "certificate, not a private key";
    QTest::newRow("empty key") << cert << QByteArray("  \n") << "tls.noKey"
                               << "private key"
                               << "empty";
    QByteArray badKey = key;
    badKey[badKey.indexOf('\n') + 10] = '#';
    QTest::newRow("corrupt key") << cert << badKey << "tls.badKey"
                                 << "private key"
                                 << "cannot be read";
    QTest::newRow("encrypted key")
        << cert
        << QByteArray("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END "
                      "ENCRYPTED PRIVATE KEY-----\n")
        << "tls.encryptedKey"
        << "private key"
        << "encrypted";
}

void tst_CertInfo::errorsNameWhatIsWrong()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QByteArray, key);
    QFETCH(QString, code);
    QFETCH(QString, where);
    QFETCH(QString, mentions);
    const auto result = checkKeyMatchesCertificate(certificate, key);
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().where, where);
    QVERIFY2(result.error().message.contains(mentions, Qt::CaseInsensitive),
             qPrintable(result.error().message));
}

void tst_CertInfo::chainAndCa()
{
    const auto chain = parseCertificateChain(m_valid.pem + m_ca.pem);
    QVERIFY(chain);
    QCOMPARE(chain->size(), 2);
    QCOMPARE(chain->at(0).issuer, chain->at(1).subject);
    QVERIFY(chain->at(1).isCa);
    QVERIFY(chain->at(1).selfSigned());
    // The key is checked against the first certificate of the chain.
    QVERIFY(checkKeyMatchesCertificate(m_valid.pem + m_ca.pem, m_key.pem()));
    QVERIFY(!checkKeyMatchesCertificate(m_ca.pem + m_valid.pem, m_key.pem()));
}

void tst_CertInfo::secretRows()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto row = readTlsSecret(QStringLiteral("c1"),
                             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("shop"),
                                       m_valid.pem + m_ca.pem, m_key.pem()),
                             now);
    QVERIFY(row);
    QCOMPARE(row->status, TlsSecretRow::Status::Valid);
    QCOMPARE(row->chainLength, 2);
    QCOMPARE(row->keyMatches, std::optional<bool>(true));
    QVERIFY(row->problem.isEmpty());
    QCOMPARE(row->keys, (QStringList {QStringLiteral("tls.crt"), QStringLiteral("tls.key")}));

    row = readTlsSecret(
        QStringLiteral("c1"),
        tlsSecret(QStringLiteral("ns"), QStringLiteral("soon"), m_expiring.pem, m_key.pem()), now);
    QCOMPARE(row->status, TlsSecretRow::Status::Expiring);
    row = readTlsSecret(
        QStringLiteral("c1"),
        tlsSecret(QStringLiteral("ns"), QStringLiteral("old"), m_expired.pem, m_key.pem()), now);
    QCOMPARE(row->status, TlsSecretRow::Status::Expired);
    row = readTlsSecret(
        QStringLiteral("c1"),
        tlsSecret(QStringLiteral("ns"), QStringLiteral("mismatch"), m_valid.pem, m_otherKey.pem()),
        now);
    QCOMPARE(row->status, TlsSecretRow::Status::Invalid);
    QCOMPARE(row->keyMatches, std::optional<bool>(false));
    QVERIFY2(row->problem.startsWith(QLatin1String("tls.key: ")), qPrintable(row->problem));

    // Opaque secrets with Istio's generic keys, and a CA-only `-cacert` secret.
    QJsonObject opaque {
        {QStringLiteral("metadata"), meta(QStringLiteral("ns"), QStringLiteral("generic"))},
        {QStringLiteral("type"), QStringLiteral("Opaque")},
        {QStringLiteral("data"),
         QJsonObject {{QStringLiteral("cert"), QString::fromLatin1(m_valid.pem.toBase64())},
                      {QStringLiteral("key"), QString::fromLatin1(m_key.pem().toBase64())},
                      {QStringLiteral("cacert"), QString::fromLatin1(m_ca.pem.toBase64())}}}};
    row = readTlsSecret(QStringLiteral("c1"), opaque, now);
    QVERIFY(row);
    QCOMPARE(row->status, TlsSecretRow::Status::Valid);
    QVERIFY(row->hasCa);
    QCOMPARE(row->ca->subject, QStringLiteral("CN=MeshDesk Test CA,O=MeshDesk Test"));
    QJsonObject caOnly {
        {QStringLiteral("metadata"), meta(QStringLiteral("ns"), QStringLiteral("generic-cacert"))},
        {QStringLiteral("type"), QStringLiteral("Opaque")},
        {QStringLiteral("data"),
         QJsonObject {{QStringLiteral("cacert"), QString::fromLatin1(m_ca.pem.toBase64())}}}};
    row = readTlsSecret(QStringLiteral("c1"), caOnly, now);
    QVERIFY(row && row->caOnly);
    QCOMPARE(row->subject(), QStringLiteral("CN=MeshDesk Test CA,O=MeshDesk Test"));
    QCOMPARE(row->status, TlsSecretRow::Status::Valid);
    // Not a credential: another Opaque secret; and a TLS secret whose data is not base64.
    QJsonObject other {
        {QStringLiteral("metadata"), meta(QStringLiteral("ns"), QStringLiteral("db"))},
        {QStringLiteral("type"), QStringLiteral("Opaque")},
        {QStringLiteral("data"),
         QJsonObject {{QStringLiteral("password"), QStringLiteral("cw==")}}}};
    QVERIFY(!readTlsSecret(QStringLiteral("c1"), other, now));
    QJsonObject broken
        = tlsSecret(QStringLiteral("ns"), QStringLiteral("broken"), m_valid.pem, m_key.pem());
    broken.insert(QStringLiteral("data"),
                  QJsonObject {{QStringLiteral("tls.crt"), QStringLiteral("%%%")},
                               {QStringLiteral("tls.key"), QStringLiteral("%%%")}});
    row = readTlsSecret(QStringLiteral("c1"), broken, now);
    QCOMPARE(row->status, TlsSecretRow::Status::Invalid);
    QVERIFY(row->problem.contains(QLatin1String("no certificate under tls.crt")));
}

void tst_CertInfo::secretModel()
{
    MeshCache::Snapshot snapshot;
    snapshot[QStringLiteral("c1")] = {
        item(SecretRef,
             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("shop"), m_valid.pem,
                       m_key.pem())),
        item(SecretRef,
             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("soon"), m_expiring.pem,
                       m_key.pem())),
    };
    snapshot[QStringLiteral("c2")] = {
        item(SecretRef,
             tlsSecret(QStringLiteral("edge"), QStringLiteral("old"), m_expired.pem, m_key.pem())),
        item(SecretRef,
             tlsSecret(QStringLiteral("edge"), QStringLiteral("bad"), m_valid.pem,
                       m_otherKey.pem())),
    };
    TlsSecretModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    md::gateways::TableFilterModel filter(TlsSecretModel::ContextRole,
                                          TlsSecretModel::NamespaceRole);
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy updated(&model, &TlsSecretModel::updated);
    model.setSnapshot(snapshot);
    QVERIFY(updated.wait(10000));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.clusters(), (QStringList {QStringLiteral("c1"), QStringLiteral("c2")}));
    QCOMPARE(model.namespaces(),
             (QStringList {QStringLiteral("edge"), QStringLiteral("istio-system")}));
    auto status = [&](const QString &key) {
        return TlsSecretRow::Status(
            model.index(model.rowOfKey(key), 0).data(TlsSecretModel::StatusRole).toInt());
    };
    QCOMPARE(status(QStringLiteral("c1|istio-system/shop")), TlsSecretRow::Status::Valid);
    QCOMPARE(status(QStringLiteral("c1|istio-system/soon")), TlsSecretRow::Status::Expiring);
    QCOMPARE(status(QStringLiteral("c2|edge/old")), TlsSecretRow::Status::Expired);
    QCOMPARE(status(QStringLiteral("c2|edge/bad")), TlsSecretRow::Status::Invalid);
    const int shop = model.rowOfKey(QStringLiteral("c1|istio-system/shop"));
    QCOMPARE(model.index(shop, TlsSecretModel::Subject).data().toString(),
             QStringLiteral("shop.example.com"));
    QCOMPARE(model.index(shop, TlsSecretModel::Issuer).data().toString(),
             QStringLiteral("MeshDesk Test CA"));
    QVERIFY(model.index(shop, TlsSecretModel::Subject)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Subject: CN=shop.example.com,O=MeshDesk Test")));
    QCOMPARE(model.index(shop, TlsSecretModel::Sans).data().toString(),
             QStringLiteral("shop.example.com, *.shop.example.com, IP:10.1.2.3"));
    QVERIFY(model.index(shop, TlsSecretModel::Expires)
                .data()
                .toString()
                .contains(QLatin1String("expires in 89 days")));
    QVERIFY(model.index(model.rowOfKey(QStringLiteral("c2|edge/bad")), TlsSecretModel::Status)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("does not belong")));

    filter.setClusterFilter(QStringLiteral("c2"));
    QCOMPARE(filter.rowCount(), 2);
    filter.setSearchText(QStringLiteral("OLD.example"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setClusterFilter({});
    filter.setSearchText({});
    filter.setNamespaceFilter(QStringLiteral("istio-system"));
    QCOMPARE(filter.rowCount(), 2);

    // A later clock: the valid one is now expiring (89 days on, 1 left), with no new data.
    model.setClock([] { return QDateTime::currentDateTimeUtc().addDays(89); });
    QVERIFY(updated.wait(10000));
    QCOMPARE(status(QStringLiteral("c1|istio-system/shop")), TlsSecretRow::Status::Expiring);
    QCOMPARE(status(QStringLiteral("c1|istio-system/soon")), TlsSecretRow::Status::Expired);
    model.setClock([] { return QDateTime::currentDateTimeUtc(); });
    QVERIFY(updated.wait(10000));

    // Rows follow the snapshot in place: one removed, one replaced by a valid certificate.
    snapshot[QStringLiteral("c2")] = {
        item(SecretRef,
             tlsSecret(QStringLiteral("edge"), QStringLiteral("bad"), m_valid.pem, m_key.pem(),
                       QStringLiteral("2"))),
    };
    model.setSnapshot(snapshot);
    QVERIFY(updated.wait(10000));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfKey(QStringLiteral("c2|edge/old")), -1);
    QCOMPARE(status(QStringLiteral("c2|edge/bad")), TlsSecretRow::Status::Valid);
    model.setSnapshot({});
    QVERIFY(updated.wait(10000));
    QCOMPARE(model.rowCount(), 0);
}

void tst_CertInfo::formMakesSecretWithoutShowingData()
{
    TlsSecretForm form;
    form.name = QStringLiteral("shop-credential");
    form.namespace_ = QStringLiteral("istio-system");
    form.certificatePem = m_valid.pem + m_ca.pem;
    form.keyPem = m_key.pem();
    form.caPem = m_ca.pem;
    form.labels = {{QStringLiteral("app"), QStringLiteral("shop")}};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const TlsSecretCheck check = checkTlsSecretForm(form, now);
    QVERIFY(check.ok());
    QCOMPARE(check.chain.size(), 2);
    QCOMPARE(check.key->type, QStringLiteral("EC prime256v1"));
    QCOMPARE(check.caChain.size(), 1);
    const auto secret = buildTlsSecret(form, now);
    QVERIFY(secret);
    QCOMPARE(secret->value(QStringLiteral("type")).toString(), QStringLiteral("kubernetes.io/tls"));
    const md::istio::Value &data = secret->value(QStringLiteral("data"));
    QCOMPARE(data.keys(),
             (QStringList {QStringLiteral("tls.crt"), QStringLiteral("tls.key"),
                           QStringLiteral("ca.crt")}));
    QCOMPARE(QByteArray::fromBase64(data.value(QStringLiteral("tls.key")).toString().toLatin1()),
             m_key.pem());

    // What the review shows and what the journal keeps hold no secret data.
    const QString keyBase64 = data.value(QStringLiteral("tls.key")).toString();
    const QString review = md::apply::reviewYaml(*secret);
    QVERIFY(!review.contains(keyBase64.left(40)));
    QVERIFY(!review.contains(QLatin1String("PRIVATE KEY")));
    QVERIFY2(review.contains(QLatin1String("tls.key: '<hidden: ")), qPrintable(review));
    const auto diff = md::apply::diffObjects(md::istio::Value(), *secret);
    QVERIFY(!diff.unified(QStringLiteral("a"), QStringLiteral("b")).contains(keyBase64.left(40)));
    const md::istio::Value journaled = md::store::JournalStore::withoutSecretData(*secret);
    QVERIFY(!journaled.contains(QStringLiteral("data")));
    QVERIFY(!QString::fromUtf8(md::istio::toYaml(journaled)).contains(keyBase64.left(40)));
}

void tst_CertInfo::formErrorsNameTheirField()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TlsSecretForm form;
    form.name = QStringLiteral("Bad_Name");
    form.namespace_ = QStringLiteral("istio-system");
    form.certificatePem = m_expired.pem;
    form.keyPem = m_otherKey.pem();
    form.caPem = "not a certificate";
    TlsSecretCheck check = checkTlsSecretForm(form, now);
    QStringList where;
    for (const md::Error &e : check.errors)
        where << e.where + QLatin1Char(':') + e.code;
    QCOMPARE(where,
             (QStringList {
                 QStringLiteral("name:tls.name"), QStringLiteral("certificate:tls.expired"),
                 QStringLiteral("key:tls.keyMismatch"), QStringLiteral("ca:tls.noCertificate")}));
    const auto built = buildTlsSecret(form, now);
    QVERIFY(!built);
    QCOMPARE(built.error().where, QStringLiteral("name"));

    // Expiring in 10 days: allowed, with a warning naming the date.
    form.name = QStringLiteral("soon");
    form.certificatePem = m_expiring.pem;
    form.keyPem = m_key.pem();
    form.caPem.clear();
    check = checkTlsSecretForm(form, now);
    QVERIFY(check.ok());
    QCOMPARE(check.warnings.size(), 1);
    QCOMPARE(check.warnings.first().where, QStringLiteral("certificate"));
    QVERIFY(check.warnings.first().message.contains(QLatin1String("expires in 9 days"))
            || check.warnings.first().message.contains(QLatin1String("expires in 10 days")));
}

void tst_CertInfo::referrersAndLiveCheck()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    MeshCache::Snapshot snapshot;
    QJsonObject rule {
        {QStringLiteral("metadata"),
         meta(QStringLiteral("istio-system"), QStringLiteral("upstream"))},
        {QStringLiteral("spec"),
         QJsonObject {
             {QStringLiteral("host"), QStringLiteral("api.example.com")},
             {QStringLiteral("trafficPolicy"),
              QJsonObject {
                  {QStringLiteral("portLevelSettings"),
                   QJsonArray {QJsonObject {
                       {QStringLiteral("port"), QJsonObject {{QStringLiteral("number"), 443}}},
                       {QStringLiteral("tls"),
                        QJsonObject {
                            {QStringLiteral("mode"), QStringLiteral("MUTUAL")},
                            {QStringLiteral("credentialName"), QStringLiteral("old")}}}}}}}}}}};
    // Control plane: the Gateways and the rule; data plane: gateway pods and secrets.
    snapshot[QStringLiteral("primary")] = {
        item(GatewayRef,
             gateway(QStringLiteral("shop"), QStringLiteral("shop-gw"), QStringLiteral("old"))),
        item(GatewayRef,
             gateway(QStringLiteral("shop"), QStringLiteral("soon-gw"), QStringLiteral("soon"))),
        item(GatewayRef,
             gateway(QStringLiteral("shop"), QStringLiteral("fine-gw"), QStringLiteral("shop"))),
        item(RuleRef, rule),
    };
    snapshot[QStringLiteral("member")] = {
        item(PodRef, gatewayPod(QStringLiteral("istio-system"))),
        item(SecretRef,
             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("old"), m_expired.pem,
                       m_key.pem())),
        item(SecretRef,
             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("soon"), m_expiring.pem,
                       m_key.pem())),
        item(SecretRef,
             tlsSecret(QStringLiteral("istio-system"), QStringLiteral("shop"), m_valid.pem,
                       m_key.pem())),
    };

    const auto referrers
        = secretReferrers(snapshot, QStringLiteral("istio-system"), QStringLiteral("old"));
    QCOMPARE(referrers.size(), 2);
    QCOMPARE(referrers.at(0).kind, QStringLiteral("DestinationRule"));
    QCOMPARE(referrers.at(0).path,
             QStringLiteral("spec.trafficPolicy.portLevelSettings[0].tls.credentialName"));
    QCOMPARE(referrers.at(1).kind, QStringLiteral("Gateway"));
    QCOMPARE(referrers.at(1).name, QStringLiteral("shop-gw"));
    QCOMPARE(referrers.at(1).context, QStringLiteral("primary"));
    QCOMPARE(referrers.at(1).path, QStringLiteral("spec.servers[1].tls.credentialName"));
    // The same name in a namespace without gateway pods is another secret.
    QVERIFY(secretReferrers(snapshot, QStringLiteral("default"), QStringLiteral("old")).isEmpty());

    const auto messages = gatewayCredentialMessages(snapshot, now);
    QCOMPARE(messages.size(), 2);
    QStringList seen;
    for (const md::istio::Message &m : messages) {
        QCOMPARE(m.code, QString::fromLatin1(CredentialCode));
        QCOMPARE(m.source, QStringLiteral("primary"));
        QCOMPARE(m.path, QStringLiteral("spec.servers[1].tls.credentialName"));
        seen << m.object + QLatin1Char('=') + md::istio::severityName(m.severity);
        QVERIFY2(m.text.contains(QLatin1String("secret istio-system/"))
                     && m.text.contains(QLatin1String("member")),
                 qPrintable(m.text));
    }
    seen.sort();
    QCOMPARE(seen,
             (QStringList {QStringLiteral("Gateway shop/shop-gw=Error"),
                           QStringLiteral("Gateway shop/soon-gw=Warning")}));
}

void tst_CertInfo::namesAndQuantities()
{
    QVERIFY(validateLabel(QStringLiteral("istio-ingressgateway")));
    QVERIFY(!validateLabel(QStringLiteral("-bad")));
    QVERIFY(!validateLabel(QString(64, QLatin1Char('a'))));
    QVERIFY(validateSubdomain(QStringLiteral("a.b-c.d")));
    QVERIFY(!validateSubdomain(QStringLiteral("a..b")));
    QVERIFY(validateLabelKey(QStringLiteral("service.beta.kubernetes.io/aws-load-balancer-type")));
    QVERIFY(!validateLabelKey(QStringLiteral("bad key")));
    QVERIFY(!validateLabelKey(QStringLiteral("Bad_Prefix/x")));
    for (const char *good : {"100m", "0.5", "2", "128Mi", "1Gi", "1e3", "1.5G"})
        QVERIFY2(validateQuantity(QString::fromLatin1(good)), good);
    for (const char *bad : {"", "abc", "1.2.3", "10MB", "-1", "m"})
        QVERIFY2(!validateQuantity(QString::fromLatin1(bad)), bad);
    QCOMPARE(*quantityValue(QStringLiteral("128Mi")), 128.0 * 1024 * 1024);
    QCOMPARE(*quantityValue(QStringLiteral("250m")), 0.25);
    QVERIFY(validatePort(1) && validatePort(65535));
    QVERIFY(!validatePort(0) && !validatePort(65536));
}

QTEST_GUILESS_MAIN(tst_CertInfo)
#include "tst_certinfo.moc"
