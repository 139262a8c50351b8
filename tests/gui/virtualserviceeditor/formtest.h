#pragma once

// Helpers of the form and wizard GUI tests: a catalog made of real object JSON (Services,
// Pods with version labels, a DestinationRule, a Gateway), finding a form's field by its
// path, and typing / clicking into fields as a user does.

#include "editors/forms/destinations.h"
#include "editors/forms/fieldwidgets.h"
#include "editors/forms/formfactory.h"
#include "editors/forms/meshcatalog.h"
#include "editors/forms/section.h"
#include "istio/document.h"
#include "kube/kubeobject.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QCheckBox>
#include <QCompleter>
#include <QDir>
#include <QLineEdit>
#include <QPointer>
#include <QRadioButton>
#include <QScrollArea>
#include <QTest>
#include <QToolButton>

// QCOMPARE for documents: prints both in full when they differ.
#define QCOMPARE_YAML(actual, expected)                                                            \
    do {                                                                                           \
        const QString a_ = (actual);                                                               \
        const QString e_ = (expected);                                                             \
        if (a_ != e_)                                                                              \
            qWarning("actual:\n%s\nexpected:\n%s", qPrintable(a_), qPrintable(e_));                \
        QCOMPARE(a_, e_);                                                                          \
    } while (false)

namespace formtest {

using md::ui::forms::ChoiceField;
using md::ui::forms::IntField;
using md::ui::forms::KeyValueEdit;
using md::ui::forms::RowList;
using md::ui::forms::StringListEdit;
using md::ui::forms::TextField;

inline md::mesh::MeshCache::Item item(const QString &kind, const QByteArray &json)
{
    md::kube::ResourceRef ref;
    ref.kind = kind;
    auto object = md::kube::KubeObject::fromJson(json);
    if (!object)
        qFatal("bad test object %s", json.constData());
    return {ref, *object};
}

inline QByteArray pod(const QString &ns, const QString &name, const QString &app,
                      const QString &version, bool ambient = false)
{
    return QStringLiteral(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"%1",)"
                          R"("namespace":"%2","uid":"%1","labels":{"app":"%3","version":"%4"}%5}})")
        .arg(name, ns, app, version,
             ambient
                 ? QStringLiteral(R"(,"annotations":{"ambient.istio.io/redirection":"enabled"})")
                 : QString())
        .toUtf8();
}

inline QByteArray service(const QString &ns, const QString &name, int port)
{
    return QStringLiteral(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"%1",)"
                          R"("namespace":"%2","uid":"svc-%1"},"spec":{"selector":{"app":"%1"},)"
                          R"("ports":[{"name":"http","port":%3}]}})")
        .arg(name, ns)
        .arg(port)
        .toUtf8();
}

// bookinfo (reviews v1..v3, ratings v1, productpage v1) and an ambient namespace "shop".
inline std::shared_ptr<const md::ui::forms::MeshCatalog> catalog()
{
    md::mesh::MeshCache::Snapshot snap;
    auto &items = snap[QStringLiteral("kind-cp")];
    items.append(item(QStringLiteral("Service"),
                      service(QStringLiteral("bookinfo"), QStringLiteral("reviews"), 9080)));
    items.append(item(QStringLiteral("Service"),
                      service(QStringLiteral("bookinfo"), QStringLiteral("ratings"), 9080)));
    items.append(item(QStringLiteral("Service"),
                      service(QStringLiteral("bookinfo"), QStringLiteral("productpage"), 9080)));
    items.append(item(QStringLiteral("Service"),
                      service(QStringLiteral("shop"), QStringLiteral("cart"), 8080)));
    for (const char *v : {"v1", "v2", "v3"})
        items.append(item(QStringLiteral("Pod"),
                          pod(QStringLiteral("bookinfo"), QStringLiteral("reviews-%1").arg(v),
                              QStringLiteral("reviews"), QString::fromLatin1(v))));
    items.append(item(QStringLiteral("Pod"),
                      pod(QStringLiteral("bookinfo"), QStringLiteral("ratings-v1"),
                          QStringLiteral("ratings"), QStringLiteral("v1"))));
    items.append(item(QStringLiteral("Pod"),
                      pod(QStringLiteral("shop"), QStringLiteral("cart-v1"), QStringLiteral("cart"),
                          QStringLiteral("v1"), true)));
    items.append(
        item(QStringLiteral("DestinationRule"),
             R"({"apiVersion":"networking.istio.io/v1","kind":"DestinationRule",)"
             R"("metadata":{"name":"reviews","namespace":"bookinfo","uid":"dr1"},)"
             R"("spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":"v1"}},)"
             R"({"name":"v2","labels":{"version":"v2"}}]}})"));
    items.append(
        item(QStringLiteral("Gateway"),
             R"({"apiVersion":"networking.istio.io/v1","kind":"Gateway",)"
             R"("metadata":{"name":"bookinfo-gateway","namespace":"bookinfo","uid":"gw1"},)"
             R"("spec":{"selector":{"istio":"ingressgateway"},"servers":[{"port":)"
             R"({"number":443,"name":"https","protocol":"HTTPS"},"hosts":["*"],)"
             R"("tls":{"mode":"SIMPLE","credentialName":"bookinfo-cert"}}]}})"));
    return std::make_shared<const md::ui::forms::MeshCatalog>(
        md::ui::forms::MeshCatalog::build(snap, QStringLiteral("istio-system")));
}

inline md::istio::Value parse(const QByteArray &yaml)
{
    auto v = md::istio::parseValue(yaml);
    if (!v)
        qFatal("bad test YAML");
    return *v;
}

// The widget showing `path`, after focusField() revealed it (collapsed sections open).
template<typename W = QWidget> W *field(md::ui::PolicyForm *form, const QString &path)
{
    if (!form->focusField(path))
        return nullptr;
    QCoreApplication::processEvents();
    const auto all = form->findChildren<QWidget *>();
    // A field first; the section of the same path (a section titled by its main field) after.
    for (bool sections : {false, true}) {
        for (QWidget *w : all) {
            const bool isSection = qobject_cast<md::ui::forms::CollapsibleSection *>(w);
            if (isSection == sections && w->property("mdPath").toString() == path
                && w->isVisible() && qobject_cast<W *>(w))
                return qobject_cast<W *>(w);
        }
    }
    return nullptr;
}

// Scrolls `w` into view in its scroll area (a click lands where the widget is shown).
inline void reveal(QWidget *w)
{
    // Lay out what was just built or opened, so that the widget has its place.
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        if (auto area = qobject_cast<QScrollArea *>(p)) {
            area->ensureWidgetVisible(w, 20, 20);
            QCoreApplication::processEvents();
            return;
        }
    }
}

// A mouse click on a button, as the user does, after scrolling to it.
inline void press(QWidget *button)
{
    reveal(button);
    // Check boxes and radio buttons take clicks on their indicator and text only.
    if (qobject_cast<QCheckBox *>(button) || qobject_cast<QRadioButton *>(button))
        QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
    else
        QTest::mouseClick(button, Qt::LeftButton);
}

// Typing into a line edit, an editable combo box or a spin box, as the user does.
inline void type(QWidget *w, const QString &text)
{
    QWidget *target = w;
    if (auto combo = qobject_cast<QComboBox *>(w); combo && combo->isEditable())
        target = combo->lineEdit();
    else if (auto spin = qobject_cast<QAbstractSpinBox *>(w))
        target = spin;
    reveal(target);
    QTest::mouseClick(target, Qt::LeftButton);
    target->setFocus();
    QTest::keyClick(target, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(target, Qt::Key_Backspace);
    QTest::keyClicks(target, text);
    if (qobject_cast<QAbstractSpinBox *>(w))
        QTest::keyClick(target, Qt::Key_Tab);
    // A completion list left open would swallow the next click.
    if (auto edit = qobject_cast<QLineEdit *>(target);
        edit && edit->completer() && edit->completer()->popup()->isVisible())
        edit->completer()->popup()->hide();
}

// Picks `text` in a combo box: opens its list, moves to the item, presses Enter.
inline bool choose(QComboBox *combo, const QString &text)
{
    if (!combo)
        return false;
    const int i = combo->findText(text);
    if (i < 0)
        return false;
    combo->setFocus();
    combo->showPopup();
    QAbstractItemView *view = combo->view();
    if (!QTest::qWaitForWindowExposed(view->window()))
        return false;
    view->setCurrentIndex(combo->model()->index(i, 0));
    QPointer<QComboBox> guard(combo);
    QTest::keyClick(view, Qt::Key_Return);
    // Read before events run: choosing may rebuild the section the combo box is in.
    const bool chosen = guard && combo->currentText() == text;
    QCoreApplication::processEvents();
    return chosen;
}

// Clicks the button named `name` inside `w` (the first visible one).
inline bool click(QWidget *w, const QString &name)
{
    for (auto b : w->findChildren<QAbstractButton *>(name)) {
        if (b->isVisible()) {
            press(b);
            return true;
        }
    }
    return false;
}

// Adds a row to a list editor and types `text` into it.
inline void addString(StringListEdit *list, const QString &text)
{
    press(list->addButton());
    type(list->field(list->rowCount() - 1), text);
}

inline void addPair(KeyValueEdit *map, const QString &key, const QString &value)
{
    press(map->addButton());
    type(map->keyField(map->rowCount() - 1), key);
    type(map->valueField(map->rowCount() - 1), value);
}

inline QString yaml(const md::istio::Value &v)
{
    return QString::fromUtf8(md::istio::toYaml(v));
}

// A form of `kind` over the test catalog, shown, with a new object of that kind.
inline md::ui::PolicyForm *newForm(const QString &kind, const QString &apiVersion)
{
    auto form = md::ui::forms::createForm(kind, new md::ui::forms::CatalogSource(catalog()));
    if (!form)
        qFatal("no form");
    form->resize(900, 900);
    form->setObject(parse(QStringLiteral("apiVersion: %1\nkind: %2\nmetadata: {}\nspec: {}\n")
                              .arg(apiVersion, kind)
                              .toUtf8()));
    form->show();
    form->activateWindow();
    if (!QTest::qWaitForWindowActive(form))
        qWarning("form not active");
    return form;
}

// Opens the optional section at `path` by ticking its box.
inline bool tick(md::ui::PolicyForm *form, const QString &path)
{
    QWidget *w = field(form, path);
    auto section = qobject_cast<md::ui::forms::CollapsibleSection *>(w);
    return section && click(section->header(), QStringLiteral("sectionCheck"));
}

// Saves a screenshot of `w` under SCREENSHOT_DIR.
inline QString screenshot(QWidget *w, const QString &name)
{
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    const QString path
        = QDir(QStringLiteral(SCREENSHOT_DIR)).filePath(name + QStringLiteral(".png"));
    w->grab().save(path);
    return path;
}

} // namespace formtest
