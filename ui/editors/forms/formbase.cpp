#include "editors/forms/formbase.h"

#include <QComboBox>
#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace md::ui::forms {

using md::istio::Message;
using md::istio::Severity;

namespace {

// A red (or orange) frame drawn over a field that has a message; follows the field.
class ProblemFrame : public QWidget
{
public:
    ProblemFrame(QWidget *target, bool error)
        : QWidget(target->parentWidget())
        , m_target(target)
        , m_color(error ? QColor(0xd0, 0x31, 0x2d) : QColor(0xd0, 0x8a, 0x00))
    {
        setObjectName(QStringLiteral("problemFrame"));
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        target->installEventFilter(this);
        follow();
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        switch (event->type()) {
        case QEvent::Move:
        case QEvent::Resize:
        case QEvent::Show:
        case QEvent::Hide:
            follow();
            break;
        default:
            break;
        }
        return false;
    }
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(m_color, 2));
        p.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 3, 3);
    }

private:
    void follow()
    {
        if (!m_target)
            return;
        setGeometry(m_target->geometry().adjusted(-2, -2, 2, 2));
        setVisible(m_target->isVisible());
        raise();
    }
    QPointer<QWidget> m_target;
    QColor m_color;
};

bool pathWithin(const QString &path, const QString &prefix)
{
    if (prefix.isEmpty())
        return true;
    if (!path.startsWith(prefix))
        return false;
    return path.size() == prefix.size() || path.at(prefix.size()) == u'.'
        || path.at(prefix.size()) == u'[';
}

int rank(Severity s)
{
    return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2;
}

} // namespace

FormBase::FormBase(CatalogSource *catalog, QWidget *parent)
    : PolicyForm(parent)
    , m_catalog(catalog)
    , m_scroll(new QScrollArea(this))
{
    if (!m_catalog->parent())
        m_catalog->setParent(this);
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll);
}

void FormBase::rebuild()
{
    m_fields.clear();
    m_sections.clear();
    m_refreshers.clear();
    m_marks.clear();
    m_page = new QWidget;
    m_page->setObjectName(QStringLiteral("formPage"));
    m_content = new QVBoxLayout(m_page);
    m_content->setContentsMargins(12, 8, 12, 12);
    m_content->setSpacing(4);
    guarded([this] { buildForm(); });
    m_content->addStretch(1);
    const int scroll = m_scroll->verticalScrollBar()->value();
    delete m_scroll->takeWidget();
    m_scroll->setWidget(m_page);
    m_scroll->verticalScrollBar()->setValue(scroll);
    applyMessages();
}

void FormBase::guarded(const std::function<void()> &build)
{
    if (m_guarding) {
        build();
        return;
    }
    m_guarding = true;
    saveView();
    build();
    restoreView();
    m_guarding = false;
}

void FormBase::addRow(QFormLayout *form, const QString &label, QWidget *widget, const QString &tip)
{
    auto l = new QLabel(label);
    l->setBuddy(widget);
    if (!tip.isEmpty()) {
        l->setToolTip(tip);
        widget->setToolTip(tip);
    }
    form->addRow(l, widget);
}

QWidget *FormBase::formWidget(QFormLayout **form)
{
    auto w = new QWidget;
    auto f = new QFormLayout(w);
    f->setContentsMargins(0, 4, 0, 4);
    f->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    f->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    f->setRowWrapPolicy(QFormLayout::DontWrapRows);
    f->setHorizontalSpacing(10);
    f->setVerticalSpacing(6);
    *form = f;
    return w;
}

QVBoxLayout *FormBase::column(QFormLayout *form)
{
    auto w = new QWidget;
    auto v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    form->addRow(w);
    return v;
}

QLabel *FormBase::hint(QFormLayout *form, const QString &text)
{
    auto label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextFormat(Qt::PlainText);
    form->addRow(label);
    return label;
}

CollapsibleSection *FormBase::section(QVBoxLayout *into, const QString &title, const QString &path,
                                      std::function<void(QFormLayout *)> build, bool expanded)
{
    auto s = new CollapsibleSection(title, [this, build] {
        QFormLayout *form = nullptr;
        QWidget *w = formWidget(&form);
        guarded([&] { build(form); });
        return w;
    });
    s->setObjectName(path.section(u'.', -1));
    into->addWidget(s);
    registerSection(path, s);
    if (expanded)
        s->setExpanded(true);
    return s;
}

void FormBase::watchPresence(CollapsibleSection *section, std::function<bool()> present)
{
    const auto sync = [this, section, present] {
        bool on = false;
        guarded([&] { on = present(); });
        section->setChecked(on);
    };
    sync();
    onTouched(section, sync);
}

void FormBase::onTouched(QObject *owner, std::function<void()> refresh)
{
    m_refreshers.append({owner, std::move(refresh)});
}

void FormBase::touched()
{
    for (qsizetype i = 0; i < m_refreshers.size(); ++i) {
        if (m_refreshers[i].first)
            m_refreshers[i].second();
    }
    m_refreshers.removeIf([](const auto &r) { return r.first.isNull(); });
    refreshSummaries();
    emit edited();
}

void FormBase::registerField(const QString &path, QWidget *widget)
{
    m_fields.insert(path, widget);
    widget->setProperty("mdPath", path);
}

void FormBase::registerSection(const QString &path, CollapsibleSection *section)
{
    m_sections.insert(path, section);
    section->setProperty("mdPath", path);
    connect(section, &CollapsibleSection::built, this, [this] { applyMessages(); });
}

Suggestions FormBase::namespaces() const
{
    return [this] { return catalog().namespaces; };
}

Suggestions FormBase::hosts() const
{
    return [this] { return catalog().hosts; };
}

Suggestions FormBase::gateways() const
{
    return [this] {
        QStringList out = catalog().gateways;
        out.prepend(QStringLiteral("mesh"));
        return out;
    };
}

Suggestions FormBase::podLabels() const
{
    return [this] { return catalog().podLabels; };
}

Suggestions FormBase::credentials() const
{
    return [this] { return catalog().credentialNames; };
}

QWidget *FormBase::widgetFor(const QString &path, QString *matched) const
{
    QWidget *best = nullptr;
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        if (it.value() && pathWithin(path, it.key())
            && (!best || it.key().size() > matched->size())) {
            best = it.value();
            *matched = it.key();
        }
    }
    return best;
}

CollapsibleSection *FormBase::sectionFor(const QString &path, QString *matched) const
{
    CollapsibleSection *best = nullptr;
    for (auto it = m_sections.constBegin(); it != m_sections.constEnd(); ++it) {
        if (it.value() && pathWithin(path, it.key())
            && (!best || it.key().size() > matched->size())) {
            best = it.value();
            *matched = it.key();
        }
    }
    return best;
}

void FormBase::setMessages(const QList<Message> &messages)
{
    m_messages = messages;
    applyMessages();
}

void FormBase::applyMessages()
{
    for (const QPointer<QWidget> &mark : std::as_const(m_marks))
        delete mark.data();
    m_marks.clear();
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        if (it.value() && it.value()->property("mdProblem").toBool()) {
            it.value()->setToolTip(it.value()->property("mdTip").toString());
            it.value()->setProperty("mdProblem", false);
        }
    }
    for (auto it = m_sections.constBegin(); it != m_sections.constEnd(); ++it) {
        if (it.value())
            it.value()->setProblem(-1, {});
    }
    struct Mark
    {
        int severity = 3;
        QStringList texts;
    };
    QHash<QWidget *, Mark> fieldMarks;
    QHash<CollapsibleSection *, Mark> sectionMarks;
    for (const Message &m : std::as_const(m_messages)) {
        if (m.severity == Severity::Info)
            continue;
        QString fieldPath, sectionPath;
        QWidget *field = widgetFor(m.path, &fieldPath);
        CollapsibleSection *section = sectionFor(m.path, &sectionPath);
        const QString text
            = m.code.isEmpty() ? m.text : QStringLiteral("%1 [%2]").arg(m.text, m.code);
        // Every enclosing section shows a dot, so a collapsed route says it has a problem.
        for (auto it = m_sections.constBegin(); it != m_sections.constEnd(); ++it) {
            if (it.value() && pathWithin(m.path, it.key())) {
                Mark &mark = sectionMarks[it.value()];
                mark.severity = std::min(mark.severity, rank(m.severity));
                mark.texts.append(text);
            }
        }
        if (field && (!section || fieldPath.size() >= sectionPath.size())) {
            Mark &mark = fieldMarks[field];
            mark.severity = std::min(mark.severity, rank(m.severity));
            mark.texts.append(text);
        }
    }
    for (auto it = sectionMarks.constBegin(); it != sectionMarks.constEnd(); ++it)
        it.key()->setProblem(it->severity, it->texts.join(u'\n'));
    for (auto it = fieldMarks.constBegin(); it != fieldMarks.constEnd(); ++it) {
        QWidget *w = it.key();
        if (!w->property("mdProblem").toBool())
            w->setProperty("mdTip", w->toolTip());
        w->setProperty("mdProblem", true);
        w->setProperty("mdSeverity", it->severity);
        w->setToolTip(it->texts.join(u'\n'));
        if (w->parentWidget())
            m_marks.append(new ProblemFrame(w, it->severity == 0));
    }
}

bool FormBase::focusField(const QString &path)
{
    QWidget *field = nullptr;
    CollapsibleSection *section = nullptr;
    for (int round = 0; round < 16; ++round) {
        QString fieldPath, sectionPath;
        field = widgetFor(path, &fieldPath);
        section = sectionFor(path, &sectionPath);
        if (!section || (field && fieldPath.size() >= sectionPath.size()))
            break;
        if (section->isExpanded() && section->isBuilt())
            break;
        // Open the enclosing sections from the outside in.
        QList<CollapsibleSection *> chain;
        for (auto it = m_sections.constBegin(); it != m_sections.constEnd(); ++it) {
            if (it.value() && pathWithin(sectionPath, it.key()))
                chain.append(it.value());
        }
        for (CollapsibleSection *s : chain)
            s->setExpanded(true);
        section->setExpanded(true);
    }
    QWidget *target = field ? field : section;
    if (!target)
        return false;
    for (QWidget *w = target->parentWidget(); w && w != this; w = w->parentWidget()) {
        if (auto s = qobject_cast<CollapsibleSection *>(w))
            s->setExpanded(true);
    }
    if (m_page && m_page->layout())
        m_page->layout()->activate();
    m_scroll->ensureWidgetVisible(target, 40, 60);
    if (field) {
        QWidget *focus = field->focusProxy() ? field->focusProxy() : field;
        if (!(focus->focusPolicy() & Qt::TabFocus)) {
            if (auto child = field->findChild<QWidget *>(); child)
                focus = child;
        }
        focus->setFocus(Qt::OtherFocusReason);
    } else {
        section->header()->setFocus(Qt::OtherFocusReason);
    }
    return true;
}

void FormBase::buildBasicInfo(md::istio::ObjectMeta &meta, QStringList *exportTo)
{
    section(
        m_content, tr("Basic information"), QStringLiteral("metadata"),
        [this, &meta, exportTo](QFormLayout *f) {
            auto name = row(f, tr("Name"), new TextField(tr("e.g. reviews")),
                            QStringLiteral("metadata.name"),
                            [&meta]() -> QString & { return meta.name; });
            name->setObjectName(QStringLiteral("name"));
            auto ns = row(f, tr("Namespace"), new ChoiceField({}, true),
                          QStringLiteral("metadata.namespace"),
                          [&meta]() -> QString & { return meta.namespace_; });
            ns->setObjectName(QStringLiteral("namespace"));
            ns->setSuggestions(namespaces());
            onTouched(ns, [ns, &meta] { // the scope may move the policy to the root namespace
                if (!ns->hasFocus())
                    ns->setValue(meta.namespace_);
            });
            auto labels = row(f, tr("Labels"), new KeyValueEdit(tr("key"), tr("value")),
                              QStringLiteral("metadata.labels"),
                              [&meta]() -> QMap<QString, QString> & { return meta.labels; });
            labels->setObjectName(QStringLiteral("labels"));
            auto annotations
                = row(f, tr("Annotations"), new KeyValueEdit(tr("key"), tr("value")),
                      QStringLiteral("metadata.annotations"),
                      [&meta]() -> QMap<QString, QString> & { return meta.annotations; });
            annotations->setObjectName(QStringLiteral("annotations"));
            if (exportTo) {
                auto e = row(
                    f, tr("Export to"),
                    new StringListEdit(tr("namespace, \".\" or \"*\""), tr("Add namespace")),
                    QStringLiteral("spec.exportTo"),
                    [exportTo]() -> QStringList & { return *exportTo; },
                    tr("Namespaces that see this policy: \".\" its own, \"*\" all "
                       "(the default when empty)"));
                e->setObjectName(QStringLiteral("exportTo"));
                e->setSuggestions([this] {
                    QStringList out {QStringLiteral("."), QStringLiteral("*")};
                    return out + catalog().namespaces;
                });
            }
        },
        true);
}

// ---- Scope of security policies ----

namespace {

enum Scope { MeshWide, NamespaceScope, Workload, Targets };

// targetRefs rows: kind (with its group) and name.
class TargetRefsEdit : public RowList
{
public:
    TargetRefsEdit(QWidget *parent = nullptr)
        : RowList(FormBase::tr("Add target"), parent)
    { }
    static QStringList kinds()
    {
        return {QStringLiteral("Gateway"), QStringLiteral("Service"),
                QStringLiteral("ServiceEntry"), QStringLiteral("GatewayClass")};
    }
    static QString groupOf(const QString &kind)
    {
        if (kind == u"Gateway" || kind == u"GatewayClass")
            return QStringLiteral("gateway.networking.k8s.io");
        if (kind == u"ServiceEntry")
            return QStringLiteral("networking.istio.io");
        return {};
    }
    QList<md::istio::PolicyTargetReference> value() const
    {
        QList<md::istio::PolicyTargetReference> out;
        for (int i = 0; i < rowCount(); ++i) {
            md::istio::PolicyTargetReference ref = m_extra.value(i);
            ref.kind = rowAt(i)->findChild<ChoiceField *>()->value();
            ref.name = rowAt(i)->findChild<TextField *>()->value();
            if (ref.group.isEmpty() || m_extra.value(i).kind != ref.kind)
                ref.group = groupOf(ref.kind);
            if (!ref.kind.isEmpty() || !ref.name.isEmpty())
                out.append(ref);
        }
        return out;
    }
    void setValue(const QList<md::istio::PolicyTargetReference> &refs)
    {
        clearRows();
        m_extra = refs;
        for (const auto &ref : refs)
            add(ref.kind, ref.name);
    }

protected:
    void addRow() override { add(QStringLiteral("Gateway"), {}); }

private:
    void add(const QString &kind, const QString &name)
    {
        auto k = new ChoiceField(kinds(), false);
        k->setValue(kind);
        auto n = new TextField(FormBase::tr("name (a waypoint, gateway or Service)"));
        n->setValue(name);
        connect(k, &ChoiceField::changed, this, &RowList::changed);
        connect(n, &TextField::changed, this, &RowList::changed);
        appendRow({k, n}, {1, 3});
    }
    QList<md::istio::PolicyTargetReference> m_extra; // keeps group/namespace as written
};

} // namespace

void buildScopeSection(FormBase &form, QVBoxLayout *into, const ScopeSpec &scope)
{
    // What the user picked last (a workload scope with no label yet is still one), else
    // what the object says.
    auto chosen = std::make_shared<int>(-1);
    const auto current = [scope, &form, chosen] {
        if (*chosen >= 0)
            return Scope(*chosen);
        if (!scope.targetRefs->isEmpty() || scope.targetRef->has_value())
            return Targets;
        if (!scope.selector->isEmpty())
            return Workload;
        if (scope.meta->namespace_ == form.catalog().rootNamespace)
            return MeshWide;
        return NamespaceScope;
    };
    auto section = std::make_shared<QPointer<CollapsibleSection>>();
    *section = form.section(
        into, FormBase::tr("Scope"), QStringLiteral("spec.selector"),
        [&form, scope, current, section, chosen](QFormLayout *f) {
            auto box = new QComboBox;
            box->setObjectName(QStringLiteral("scope"));
            box->addItem(
                FormBase::tr("Mesh-wide (root namespace %1)").arg(form.catalog().rootNamespace));
            box->addItem(FormBase::tr("Namespace"));
            box->addItem(FormBase::tr("Workloads (label selector)"));
            if (scope.allowTargetRefs || current() == Targets)
                box->addItem(FormBase::tr("Targets (waypoint, gateway or Service)"));
            const Scope now = current();
            box->setCurrentIndex(now);
            form.addRow(f, FormBase::tr("Applies to"), box);
            static const char *const explanations[] = {
                QT_TRANSLATE_NOOP("md::ui::forms::FormBase",
                                  "Every workload of the mesh: the policy lives in the root "
                                  "namespace. Keep one mesh-wide policy of a kind."),
                QT_TRANSLATE_NOOP("md::ui::forms::FormBase",
                                  "Every workload in the policy's namespace."),
                QT_TRANSLATE_NOOP("md::ui::forms::FormBase",
                                  "The workloads whose Pods carry all these labels, in the "
                                  "policy's namespace. Enforced by their sidecar, or by ztunnel "
                                  "in ambient mode (L4 only)."),
                QT_TRANSLATE_NOOP("md::ui::forms::FormBase",
                                  "The named waypoint, gateway or Service: in ambient mode L7 "
                                  "rules (paths, methods, JWT principals) must go here."),
            };
            FormBase::hint(f, FormBase::tr(explanations[now]));
            if (now == Workload) {
                auto sel
                    = form.row(f, FormBase::tr("Selector"),
                               new KeyValueEdit(FormBase::tr("label"), FormBase::tr("value")),
                               QStringLiteral("spec.selector"),
                               [scope]() -> QMap<QString, QString> & { return *scope.selector; });
                sel->setObjectName(QStringLiteral("selector"));
                sel->setSuggestions(form.podLabels());
            } else if (now == Targets) {
                auto refs = new TargetRefsEdit;
                refs->setObjectName(QStringLiteral("targetRefs"));
                QList<md::istio::PolicyTargetReference> all = *scope.targetRefs;
                if (scope.targetRef->has_value())
                    all.prepend(**scope.targetRef);
                refs->setValue(all);
                QObject::connect(refs, &RowList::changed, &form, [&form, refs, scope] {
                    scope.targetRef->reset();
                    *scope.targetRefs = refs->value();
                    form.touched();
                });
                form.registerField(QStringLiteral("spec.targetRefs"), refs);
                form.registerField(QStringLiteral("spec.targetRef"), refs);
                form.addRow(f, FormBase::tr("Targets"), refs);
            }
            if (scope.hasL7Rules) {
                auto warning = new QLabel;
                warning->setObjectName(QStringLiteral("l7Warning"));
                warning->setWordWrap(true);
                warning->setStyleSheet(QStringLiteral("color: #b35c00;"));
                f->addRow(warning);
                const auto update = [&form, warning, scope, current] {
                    const bool ambient
                        = form.catalog().ambientNamespaces.contains(scope.meta->namespace_);
                    const bool l7 = scope.hasL7Rules();
                    const Scope s = current();
                    QString text;
                    if (l7 && ambient && s != Targets)
                        text
                            = FormBase::tr(
                                  "\u26a0 Namespace %1 runs in ambient mode: ztunnel enforces only "
                                  "L4, so the HTTP parts of these rules (methods, paths, hosts, "
                                  "request principals, request headers) are not enforced for "
                                  "workloads chosen by selector or namespace. Attach the policy to "
                                  "a waypoint with Targets.")
                                  .arg(scope.meta->namespace_);
                    warning->setText(text);
                    warning->setVisible(!text.isEmpty());
                };
                update();
                form.onTouched(warning, update);
            }
            QObject::connect(
                box, &QComboBox::activated, &form, [&form, scope, section, chosen](int i) {
                    *chosen = i;
                    scope.targetRef->reset();
                    if (i != Targets)
                        scope.targetRefs->clear();
                    if (i != Workload)
                        scope.selector->clear();
                    if (i == MeshWide)
                        scope.meta->namespace_ = form.catalog().rootNamespace;
                    if (i == Targets && scope.targetRefs->isEmpty())
                        scope.targetRefs->append({QStringLiteral("gateway.networking.k8s.io"),
                                                  QStringLiteral("Gateway"),
                                                  QStringLiteral("waypoint"),
                                                  {}});
                    if (*section)
                        QMetaObject::invokeMethod(section->data(), &CollapsibleSection::resetBody,
                                                  Qt::QueuedConnection);
                    form.touched();
                });
        },
        true);
}

} // namespace md::ui::forms
