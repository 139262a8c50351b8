#pragma once

// What the seven forms share: a scrolling column of collapsible sections built on demand,
// the binding of value widgets to fields of the typed view (TypedForm<View>), field paths
// for validation messages and focusField, the basic-info section and the scope chooser of
// security policies.

#include "editors/forms/fieldwidgets.h"
#include "editors/forms/meshcatalog.h"
#include "editors/forms/policyform.h"
#include "editors/forms/section.h"
#include "istio/security.h"

#include <QFormLayout>
#include <QHash>
#include <QPointer>

class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace md::ui::forms {

class FormBase : public PolicyForm
{
    Q_OBJECT
public:
    FormBase(CatalogSource *catalog, QWidget *parent);

    void setMessages(const QList<md::istio::Message> &messages) override;
    bool focusField(const QString &path) override;

    const MeshCatalog &catalog() const { return m_catalog->catalog(); }
    CatalogSource *catalogSource() const { return m_catalog; }

    // Binds a value widget to a field: shows ref() now, writes the widget's value into
    // ref() on every edit. `ref` returns a reference into the view (it may create optional
    // parents: building is guarded, see guarded()).
    template<typename W, typename Ref> W *bind(W *widget, const QString &path, Ref ref)
    {
        widget->setValue(ref());
        connect(widget, &W::changed, this, [this, widget, ref] {
            ref() = widget->value();
            touched();
        });
        registerField(path, widget);
        return widget;
    }

    // A field row "label: widget" in `form`, the widget bound to `path`.
    template<typename W, typename Ref>
    W *row(QFormLayout *form, const QString &label, W *widget, const QString &path, Ref ref,
           const QString &tip = {})
    {
        bind(widget, path, ref);
        addRow(form, label, widget, tip);
        return widget;
    }
    void addRow(QFormLayout *form, const QString &label, QWidget *widget, const QString &tip = {});

    // A section whose body is built by `build` the first time it is opened.
    CollapsibleSection *section(QVBoxLayout *into, const QString &title, const QString &path,
                                std::function<void(QFormLayout *)> build, bool expanded = false);
    // A section for an optional part (std::optional<S>): a check box says whether it exists.
    template<typename S, typename Opt>
    CollapsibleSection *
    optionalSection(QVBoxLayout *into, const QString &title, const QString &path, Opt opt,
                    std::function<void(QFormLayout *, std::function<S &()>)> build)
    {
        std::function<S &()> ref = [opt]() -> S & {
            auto &o = opt();
            if (!o)
                o.emplace();
            return *o;
        };
        auto s = section(into, title, path, [build, ref](QFormLayout *f) { build(f, ref); });
        s->setCheckable(true);
        std::function<bool()> present = [opt] { return opt().has_value(); };
        watchPresence(s, present);
        connect(s, &CollapsibleSection::checkToggled, this, [this, s, opt](bool on) {
            if (on)
                opt().emplace();
            else
                opt().reset();
            s->resetBody();
            touched();
        });
        return s;
    }

    // The sections of a list field (routes, servers, rules): `build` fills item i's form.
    template<typename T, typename ListRef>
    ItemList *itemList(
        QVBoxLayout *into, const QString &path, const QString &addText, ListRef list,
        std::function<QString(int, const T &)> title, std::function<QString(const T &)> summary,
        std::function<void(QFormLayout *, const QString &, std::function<T &()>)> build,
        std::function<T()> make = [] { return T {}; })
    {
        ItemList::Callbacks cb;
        cb.count = [this, list] {
            int n = 0;
            guarded([&] { n = int(list().size()); });
            return n;
        };
        cb.title = [this, list, title](int i) {
            QString t;
            guarded([&] { t = title(i, list().at(i)); });
            return t;
        };
        cb.summary = [this, list, summary](int i) {
            QString t;
            guarded([&] { t = summary ? summary(list().at(i)) : QString(); });
            return t;
        };
        cb.build = [this, list, path, build](int i) {
            QFormLayout *form = nullptr;
            QWidget *w = formWidget(&form);
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            guarded([&] { build(form, itemPath, [list, i]() -> T & { return list()[i]; }); });
            return w;
        };
        cb.append = [list, make] { list().append(make()); };
        cb.remove = [list](int i) { list().removeAt(i); };
        cb.move = [list](int from, int to) { list().move(from, to); };
        auto items = new ItemList(addText, cb);
        items->setObjectName(path.section(u'.', -1));
        items->onSection = [this, path, cb, items](int i, CollapsibleSection *s) {
            registerSection(QStringLiteral("%1[%2]").arg(path).arg(i), s);
            onTouched(s, [cb, s, i, items] {
                if (i < items->count() && i < cb.count()) {
                    s->setTitle(cb.title(i));
                    s->setSummary(cb.summary(i));
                }
            });
        };
        registerField(path, items);
        into->addWidget(items);
        connect(items, &ItemList::changed, this, &FormBase::touched);
        items->rebuild();
        return items;
    }

    // The body of a list item or a section: a form layout in a fresh widget.
    static QWidget *formWidget(QFormLayout **form);
    // A column of sections inside a section body.
    static QVBoxLayout *column(QFormLayout *form);
    // A hint line (grey, wrapped) spanning the form.
    static QLabel *hint(QFormLayout *form, const QString &text);

    // Suggestions for pickers, from the catalog (evaluated when the picker opens).
    Suggestions namespaces() const;
    Suggestions hosts() const;
    Suggestions gateways() const;
    Suggestions podLabels() const;
    Suggestions credentials() const;

    void registerField(const QString &path, QWidget *widget);
    void registerSection(const QString &path, CollapsibleSection *section);
    // An edit happened: refresh presence boxes and summaries, emit edited().
    void touched();
    // Runs a build step and undoes what it did to the view (reading through emplacing
    // references creates optional parents that must not appear in the object).
    void guarded(const std::function<void()> &build);

protected:
    // The column the form builds its sections into (emptied by rebuild()).
    QVBoxLayout *content() const { return m_content; }
    void rebuild(); // clears the column and calls buildForm()
    virtual void buildForm() = 0;
    virtual void saveView() = 0;
    virtual void restoreView() = 0;
    virtual void refreshSummaries() { }
    void watchPresence(CollapsibleSection *section, std::function<bool()> present);

public:
    // Called after every edit (live totals, warnings, summaries); kept until rebuild().
    void onTouched(QObject *owner, std::function<void()> refresh);

protected:
    // Basic information: name, namespace, labels, annotations (and exportTo when `exportTo`).
    void buildBasicInfo(md::istio::ObjectMeta &meta, QStringList *exportTo);

private:
    void applyMessages();
    QWidget *widgetFor(const QString &path, QString *matched) const;
    CollapsibleSection *sectionFor(const QString &path, QString *matched) const;

    CatalogSource *m_catalog = nullptr; // Owned (child) or shared
    QScrollArea *m_scroll = nullptr;
    QWidget *m_page = nullptr;
    QVBoxLayout *m_content = nullptr;
    QHash<QString, QPointer<QWidget>> m_fields;
    QHash<QString, QPointer<CollapsibleSection>> m_sections;
    QList<std::pair<QPointer<QObject>, std::function<void()>>> m_refreshers;
    QList<md::istio::Message> m_messages;
    QList<QPointer<QWidget>> m_marks;
    bool m_guarding = false;
};

// A form over a typed view `View` (Resource<...Spec>).
template<typename View> class TypedForm : public FormBase
{
public:
    TypedForm(const QString &kind, CatalogSource *catalog, QWidget *parent)
        : FormBase(catalog, parent)
        , m_kind(kind)
    { }

    QString kind() const override { return m_kind; }
    void setObject(const md::istio::Value &object) override
    {
        m_object = object;
        m_view = md::istio::readView<View>(object);
        rebuild();
    }
    md::istio::Value object() const override
    {
        md::istio::Value out = m_object;
        md::istio::writeView(out, m_view);
        return out;
    }

protected:
    void saveView() override { m_saved = m_view; }
    void restoreView() override { m_view = m_saved; }

    QString m_kind;
    md::istio::Value m_object;
    View m_view;
    View m_saved;
};

// The scope of a security policy: mesh-wide, namespace, workload (selector) or targetRefs.
// Builds its section and says when an L7 rule would not be enforced (`hasL7Rules`).
struct ScopeSpec
{
    QMap<QString, QString> *selector;
    QList<md::istio::PolicyTargetReference> *targetRefs;
    std::optional<md::istio::PolicyTargetReference> *targetRef;
    md::istio::ObjectMeta *meta;
    std::function<bool()> hasL7Rules; // null for PeerAuthentication
    bool allowTargetRefs = true;
};
void buildScopeSection(FormBase &form, QVBoxLayout *into, const ScopeSpec &scope);

} // namespace md::ui::forms
