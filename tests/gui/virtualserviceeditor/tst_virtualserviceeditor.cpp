// The VirtualService form under Xvfb: filled with clicks and typing it writes the expected
// document; a document with fields the form does not know keeps every byte but the one
// field changed; messages and focusField reach fields in collapsed routes; reordering.

#include "formtest.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>

using namespace formtest;
using md::istio::Message;
using md::istio::Value;

class TestVirtualServiceEditor : public QObject
{
    Q_OBJECT

private:
    md::ui::PolicyForm *newForm()
    {
        auto form = md::ui::forms::createForm(QStringLiteral("VirtualService"),
                                              new md::ui::forms::CatalogSource(catalog()));
        form->resize(900, 900);
        form->setObject(parse("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                              "metadata: {}\nspec: {}\n"));
        form->show();
        form->activateWindow();
        if (!QTest::qWaitForWindowActive(form))
            qWarning("form not active");
        return form;
    }

private slots:
    void fillFromScratch()
    {
        std::unique_ptr<md::ui::PolicyForm> form(newForm());
        QSignalSpy edited(form.get(), &md::ui::PolicyForm::edited);
        type(field(form.get(), QStringLiteral("metadata.name")), QStringLiteral("reviews"));
        type(field(form.get(), QStringLiteral("metadata.namespace")), QStringLiteral("bookinfo"));
        addString(field<StringListEdit>(form.get(), QStringLiteral("spec.hosts")),
                  QStringLiteral("reviews"));
        // A route: the new one opens with its destinations.
        auto routes = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.http"));
        QVERIFY(routes);
        press(routes->addButton());
        QCOMPARE(routes->count(), 1);
        auto dests = field<md::ui::forms::DestinationList>(form.get(),
                                                           QStringLiteral("spec.http[0].route"));
        QVERIFY(dests);
        press(dests->addButton());
        press(dests->addButton());
        QCOMPARE(dests->rowCount(), 2);
        for (int i = 0; i < 2; ++i) {
            type(dests->rowAt(i)->findChild<ChoiceField *>(QStringLiteral("host")),
                 QStringLiteral("reviews"));
            type(dests->rowAt(i)->findChild<ChoiceField *>(QStringLiteral("subset")),
                 QStringLiteral("v%1").arg(i + 1));
        }
        // Weights: typed for the first, the slider moved with the keyboard for the second.
        type(field(form.get(), QStringLiteral("spec.http[0].route[0].weight")),
             QStringLiteral("70"));
        QCOMPARE(dests->totalLabel()->text().contains(QStringLiteral("70")), true);
        auto slider = dests->rowAt(1)->findChild<QSlider *>();
        slider->setFocus();
        for (int i = 0; i < 30; ++i)
            QTest::keyClick(slider, Qt::Key_Right);
        QCOMPARE(dests->total(), 100);
        QVERIFY(dests->totalLabel()->text().contains(QStringLiteral("100")));
        type(field(form.get(), QStringLiteral("spec.http[0].timeout")), QStringLiteral("5s"));
        // Retries: tick the section, then fill it.
        auto retries = field<md::ui::forms::CollapsibleSection>(
            form.get(), QStringLiteral("spec.http[0].retries"));
        QVERIFY(retries);
        QVERIFY(click(retries->header(), QStringLiteral("sectionCheck")));
        type(field(form.get(), QStringLiteral("spec.http[0].retries.attempts")),
             QStringLiteral("3"));
        type(field(form.get(), QStringLiteral("spec.http[0].retries.perTryTimeout")),
             QStringLiteral("2s"));
        // A match block on a URI prefix and a header.
        auto matches
            = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.http[0].match"));
        QVERIFY(matches);
        press(matches->addButton());
        auto uri = field<md::ui::forms::StringMatchEdit>(
            form.get(), QStringLiteral("spec.http[0].match[0].uri"));
        QVERIFY(uri);
        QVERIFY(choose(uri->kindBox(), QStringLiteral("prefix")));
        type(uri->textField(), QStringLiteral("/api"));
        auto headers = field<md::ui::forms::MatchMapEdit>(
            form.get(), QStringLiteral("spec.http[0].match[0].headers"));
        press(headers->addButton());
        type(headers->rowAt(0)->findChild<TextField *>(QStringLiteral("key")),
             QStringLiteral("end-user"));
        type(headers->rowAt(0)->findChild<md::ui::forms::StringMatchEdit *>()->textField(),
             QStringLiteral("jason"));
        QVERIFY(edited.count() > 10);

        const QString expected = QStringLiteral(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - match:
    - uri:
        prefix: /api
      headers:
        end-user:
          exact: jason
    route:
    - destination:
        host: reviews
        subset: v1
      weight: 70
    - destination:
        host: reviews
        subset: v2
      weight: 30
    timeout: 5s
    retries:
      attempts: 3
      perTryTimeout: 2s
)");
        QCOMPARE_YAML(yaml(form->object()), expected);
        screenshot(form.get(), QStringLiteral("form-virtualservice"));
    }

    void unknownFieldsSurvive()
    {
        const QByteArray original = R"(kind: VirtualService
apiVersion: networking.istio.io/v1beta1
metadata:
  namespace: bookinfo
  name: reviews
  uid: 1234-abcd
  annotations:
    team: payments
spec:
  x-future: {enabled: true}
  http:
  - route:
    - weight: 80
      destination: {subset: v1, host: reviews, port: {number: 9080}}
    - destination: {host: reviews, subset: v2}
      weight: 0x14
      headers: {request: {set: {x-canary: "1"}}}
    timeout: 1.50s
    futureRouteField: [1, 2]
    name: main
  - directResponse: {status: 404, body: {string: gone}}
    match: [{uri: {exact: /old}, ignoreUriCase: true}]
  hosts: [reviews, reviews.bookinfo.svc.cluster.local]
  tcp:
  - route: [{destination: {host: db}}]
)";
        const Value object = parse(original);
        std::unique_ptr<md::ui::PolicyForm> form(newForm());
        form->setObject(object);
        QCOMPARE(yaml(form->object()), yaml(object)); // nothing changed: identical
        type(field(form.get(), QStringLiteral("spec.http[0].timeout")), QStringLiteral("3s"));
        QString expected = yaml(object);
        QVERIFY(expected.contains(QStringLiteral("timeout: 1.50s")));
        expected.replace(QStringLiteral("timeout: 1.50s"), QStringLiteral("timeout: 3s"));
        QCOMPARE_YAML(yaml(form->object()), expected);
    }

    void reorderRoutes()
    {
        const Value object = parse(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - name: first
    x-keep: 1
    route: [{destination: {host: reviews, subset: v1}}]
  - name: second
    route: [{destination: {host: reviews, subset: v2}}]
)");
        std::unique_ptr<md::ui::PolicyForm> form(newForm());
        form->setObject(object);
        auto routes = field<md::ui::forms::ItemList>(form.get(), QStringLiteral("spec.http"));
        QVERIFY(routes);
        QCOMPARE(routes->count(), 2);
        QVERIFY(click(routes->section(1)->header(), QStringLiteral("moveUp")));
        QCoreApplication::processEvents();
        const Value http = form->object()[QStringLiteral("spec")][QStringLiteral("http")];
        QCOMPARE(http[0][QStringLiteral("name")].toString(), QStringLiteral("second"));
        QCOMPARE(http[1][QStringLiteral("name")].toString(), QStringLiteral("first"));
        QCOMPARE(http[1][QStringLiteral("x-keep")].toInteger(), 1); // moved with its route
        // The same move as a drag and drop does it.
        routes->moveItem(0, 1);
        QCOMPARE(yaml(form->object()), yaml(object));
        QVERIFY(routes->section(0)->header()->findChild<QLabel *>());
    }

    void messagesAndFocus()
    {
        const Value object = parse(R"(apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: r, namespace: bookinfo}
spec:
  hosts: [reviews]
  http:
  - route: [{destination: {host: reviews, subset: v1}, weight: 60},
            {destination: {host: reviews, subset: v2}, weight: 30}]
  - route: [{destination: {host: reviews}}]
)");
        std::unique_ptr<md::ui::PolicyForm> form(newForm());
        form->setObject(object);
        Message m;
        m.code = QStringLiteral("MD2004");
        m.path = QStringLiteral("spec.http[0].route[1].weight");
        m.text = QStringLiteral("weights add up to 90");
        form->setMessages({m});
        QVERIFY(form->focusField(m.path));
        QWidget *weight = field(form.get(), m.path);
        QVERIFY(weight);
        QVERIFY(weight->hasFocus());
        QVERIFY(weight->toolTip().contains(QStringLiteral("weights add up to 90")));
        QCOMPARE(weight->property("mdProblem").toBool(), true);
        // The live total says it too.
        auto dests = field<md::ui::forms::DestinationList>(form.get(),
                                                           QStringLiteral("spec.http[0].route"));
        QVERIFY(dests->totalLabel()->text().contains(QStringLiteral("90")));
        screenshot(form.get(), QStringLiteral("form-virtualservice-messages"));
        form->setMessages({});
        QCOMPARE(weight->property("mdProblem").toBool(), false);
        QVERIFY(!form->focusField(QStringLiteral("status.conditions")));
    }

    void twoHundredRoutes()
    {
        Value object = parse("apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                             "metadata: {name: big, namespace: bookinfo}\nspec: {hosts: [big]}\n");
        Value http = Value::array();
        for (int i = 0; i < 200; ++i) {
            http.append(parse(QStringLiteral("{name: r%1, match: [{uri: {prefix: /p%1}}], route: "
                                             "[{destination: {host: big, subset: v1}, weight: 90}, "
                                             "{destination: {host: big, subset: v2}, weight: 10}], "
                                             "timeout: 3s}")
                                  .arg(i)
                                  .toUtf8()));
        }
        object.member(QStringLiteral("spec")).insert(QStringLiteral("http"), http);
        std::unique_ptr<md::ui::PolicyForm> form(newForm());
        QElapsedTimer timer;
        timer.start();
        form->setObject(object);
        QCoreApplication::processEvents();
        qInfo("opening a VirtualService with 200 HTTP routes: %lld ms", timer.elapsed());
        QCOMPARE(yaml(form->object()), yaml(object));
        QVERIFY(form->focusField(QStringLiteral("spec.http[199].timeout")));
    }
};

QTEST_MAIN(TestVirtualServiceEditor)
#include "tst_virtualserviceeditor.moc"
