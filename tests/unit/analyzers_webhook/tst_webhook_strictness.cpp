#include "istio/validator.h"

#include <QTest>

#include "../istio/istiotestutil.h"

using namespace md::istio;
using namespace md::istio::testing;

namespace {

QList<Message> rules(const QByteArray &spec)
{
    const auto policy = parseValue(object("security.istio.io/v1", "AuthorizationPolicy", spec));
    return policy ? Validator::validateRules(*policy) : QList<Message> {Message {}};
}

QByteArray operation(const QByteArray &field, const QByteArray &path)
{
    return "  rules: [{to: [{operation: {" + field + ": ['" + path + "']}}]}]\n";
}

} // namespace

// The webhook rules accept what istiod's validation accepts (pkg/config/validation and
// pkg/config/security): no rule may be stricter than istiod's and block a valid apply.
class tst_WebhookStrictness : public QObject
{
    Q_OBJECT

private slots:
    void validPathTemplates_data()
    {
        QTest::addColumn<QByteArray>("path");
        for (const char *p : {"/{**}/path/template", "/{*}/a/{**}", "/{**}", "/a/{*}/b/{*}",
                              "/{**}/x/y.json", "/{*}", "/foo{bar}x"}) {
            if (QByteArray(p).contains("{bar}"))
                continue; // invalid: see invalidPathTemplates
            QTest::newRow(p) << QByteArray(p);
        }
        QTest::newRow("no template") << QByteArray("/api/*");
        QTest::newRow("literal chars") << QByteArray("/{*}/a-b_c.d~e%20!$&()+,;:@=");
    }
    void validPathTemplates()
    {
        QFETCH(QByteArray, path);
        for (const char *field : {"paths", "notPaths"}) {
            const QList<Message> messages = rules(operation(field, path));
            QVERIFY2(messages.isEmpty(), qPrintable(describe(messages)));
        }
    }

    void invalidPathTemplates_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("text");
        QTest::newRow("operator after {**}")
            << QByteArray("/{**}/x/{*}") << "{**} must be the last operator";
        QTest::newRow("two {**}") << QByteArray("/{**}/{**}") << "{**} must be the last operator";
        QTest::newRow("partial operator")
            << QByteArray("/a{*}b/c") << "contains '{' or '}' beyond a supported operator";
        QTest::newRow("bad literal with template")
            << QByteArray("/{*}/a b") << "is not a valid literal";
    }
    void invalidPathTemplates()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, text);
        const QList<Message> messages = rules(operation("paths", path));
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().code, QStringLiteral("MD2012"));
        QCOMPARE(messages.first().path, QStringLiteral("spec.rules[0].to[0].operation.paths[0]"));
        QVERIFY2(messages.first().text.contains(text), qPrintable(messages.first().text));
    }

    // Condition keys istiod accepts: map-like keys by prefix with a non-empty [name].
    void validConditionKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        for (const char *key :
             {"request.headers[x-user]", "request.auth.claims[groups]",
              "experimental.envoy.filters.[a]", "experimental.envoy.filters.x.y[z]",
              "source.trustDomain", "remote.ip", "connection.sni", "destination.port"})
            QTest::newRow(key) << QByteArray(key);
    }
    void validConditionKeys()
    {
        QFETCH(QByteArray, key);
        const QList<Message> messages
            = rules("  rules: [{when: [{key: '" + key + "', values: ['80']}]}]\n");
        QVERIFY2(messages.isEmpty(), qPrintable(describe(messages)));
    }

    void invalidConditionKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("text");
        QTest::newRow("empty name") << QByteArray("request.headers[]") << "should have the form";
        QTest::newRow("replaced") << QByteArray("destination.labels[app]")
                                  << "replaced by the workload selector";
        QTest::newRow("unknown") << QByteArray("source.nothing") << "unknown attribute";
    }
    void invalidConditionKeys()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, text);
        const QList<Message> messages
            = rules("  rules: [{when: [{key: '" + key + "', values: [a]}]}]\n");
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().code, QStringLiteral("MD2012"));
        QVERIFY2(messages.first().text.contains(text), qPrintable(messages.first().text));
    }

    // CUSTOM does not support trust domains, as istiod says.
    void customRejectsTrustDomainKey()
    {
        const QList<Message> messages
            = rules("  action: CUSTOM\n  provider: {name: ext}\n  rules: [{when: [{key: "
                    "source.trustDomain, values: [td]}]}]\n");
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().text.contains(QStringLiteral("not supported with the CUSTOM")),
                 qPrintable(describe(messages)));
    }
};

QTEST_APPLESS_MAIN(tst_WebhookStrictness)
#include "tst_webhook_strictness.moc"
