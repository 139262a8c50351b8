// labelSelector and fieldSelector parsing and matching.

#include "selectors.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace md::sim;

class TestMeshsimSelectors : public QObject
{
    Q_OBJECT

private slots:
    void labels_data();
    void labels();
    void invalidLabelSelectors();
    void fields();
};

void TestMeshsimSelectors::labels_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("matches"); // against {app: reviews, version: v2, tier: backend}
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("equals") << u"app=reviews"_s << true;
    QTest::newRow("double equals") << u"app==reviews"_s << true;
    QTest::newRow("not equals") << u"app!=reviews"_s << false;
    QTest::newRow("not equals absent key") << u"zone!=a"_s << true;
    QTest::newRow("in") << u"version in (v1, v2)"_s << true;
    QTest::newRow("in miss") << u"version in (v1,v3)"_s << false;
    QTest::newRow("notin") << u"version notin (v1,v3)"_s << true;
    QTest::newRow("notin absent key") << u"zone notin (a)"_s << true;
    QTest::newRow("exists") << u"tier"_s << true;
    QTest::newRow("does not exist") << u"!tier"_s << false;
    QTest::newRow("and") << u"app=reviews,version in (v2),!zone"_s << true;
    QTest::newRow("and fails") << u"app=reviews,tier=frontend"_s << false;
    QTest::newRow("prefixed key") << u"app.kubernetes.io/name"_s << false;
}

void TestMeshsimSelectors::labels()
{
    QFETCH(QString, selector);
    QFETCH(bool, matches);
    const auto parsed = LabelSelector::parse(selector);
    QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().toString()));
    const QJsonObject labels {
        {u"app"_s, u"reviews"_s}, {u"version"_s, u"v2"_s}, {u"tier"_s, u"backend"_s}};
    QCOMPARE(parsed->matches(labels), matches);
}

void TestMeshsimSelectors::invalidLabelSelectors()
{
    for (const QString &bad : {u"app=reviews,,x"_s, u"-bad=1"_s, u"a b c"_s})
        QVERIFY2(!LabelSelector::parse(bad).has_value(), qPrintable(bad));
}

void TestMeshsimSelectors::fields()
{
    const QJsonObject pod
        = QJsonDocument::fromJson(
              R"({"metadata":{"name":"p1","namespace":"ns1"},"status":{"phase":"Running"}})")
              .object();
    auto match = [&](const QString &text, const QString &kind) {
        const auto s = FieldSelector::parse(text, kind);
        return s ? int(s->matches(pod)) : -1;
    };
    QCOMPARE(match(u"metadata.name=p1"_s, u"ConfigMap"_s), 1);
    QCOMPARE(match(u"metadata.name==p2"_s, u"ConfigMap"_s), 0);
    QCOMPARE(match(u"metadata.namespace!=ns2,metadata.name=p1"_s, u"ConfigMap"_s), 1);
    QCOMPARE(match(u"status.phase=Running"_s, u"Pod"_s), 1);
    QCOMPARE(match(u"status.phase=Running"_s, u"ConfigMap"_s), -1); // unsupported for the kind
    QCOMPARE(match(u"nonsense"_s, u"Pod"_s), -1);
}

QTEST_APPLESS_MAIN(TestMeshsimSelectors)
#include "tst_meshsim_selectors.moc"
