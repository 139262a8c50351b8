// The AuthorizationPolicy form: scope, action (and CUSTOM provider) and the ordered rules
// with their sources (from), operations (to) and conditions (when).

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

#include <QHBoxLayout>
#include <QLabel>

namespace md::ui::forms {

using namespace md::istio;

namespace {

QStringList conditionKeys()
{
    return {QStringLiteral("request.headers[]"),
            QStringLiteral("source.ip"),
            QStringLiteral("remote.ip"),
            QStringLiteral("source.namespace"),
            QStringLiteral("source.principal"),
            QStringLiteral("request.auth.principal"),
            QStringLiteral("request.auth.audiences"),
            QStringLiteral("request.auth.presenter"),
            QStringLiteral("request.auth.claims[]"),
            QStringLiteral("destination.ip"),
            QStringLiteral("destination.port"),
            QStringLiteral("connection.sni"),
            QStringLiteral("experimental.envoy.filters.")};
}

// Whether a rule needs L7 (HTTP) attributes, which ztunnel cannot enforce.
bool isL7(const Rule &rule)
{
    for (const RuleFrom &f : rule.from) {
        if (!f.source.requestPrincipals.isEmpty() || !f.source.notRequestPrincipals.isEmpty())
            return true;
    }
    for (const RuleTo &t : rule.to) {
        const Operation &o = t.operation;
        if (!o.hosts.isEmpty() || !o.notHosts.isEmpty() || !o.methods.isEmpty()
            || !o.notMethods.isEmpty() || !o.paths.isEmpty() || !o.notPaths.isEmpty())
            return true;
    }
    for (const Condition &c : rule.when) {
        if (c.key.startsWith(u"request."))
            return true;
    }
    return false;
}

class AuthorizationPolicyForm final : public TypedForm<AuthorizationPolicy>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::AuthorizationPolicyForm)
public:
    AuthorizationPolicyForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("AuthorizationPolicy"), catalog, parent)
    {
        setObjectName(QStringLiteral("authorizationPolicyForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, nullptr);
        buildScopeSection(*this, content(),
                          {&m_view.spec.selector, &m_view.spec.targetRefs, &m_view.spec.targetRef,
                           &m_view.metadata,
                           [this] {
                               return std::any_of(m_view.spec.rules.cbegin(),
                                                  m_view.spec.rules.cend(), isL7);
                           },
                           true});
        section(
            content(), tr("Action"), QStringLiteral("spec.action"),
            [this](QFormLayout *f) {
                auto action = row(
                    f, tr("Action"),
                    new ChoiceField({QStringLiteral("ALLOW"), QStringLiteral("DENY"),
                                     QStringLiteral("AUDIT"), QStringLiteral("CUSTOM")},
                                    false),
                    QStringLiteral("spec.action"),
                    [this]() -> QString & { return m_view.spec.action; }, tr("ALLOW when not set"));
                action->setObjectName(QStringLiteral("action"));
                auto provider = row(
                    f, tr("Provider"), new TextField(tr("extension provider name")),
                    QStringLiteral("spec.provider.name"),
                    [this]() -> QString & { return m_view.spec.provider; },
                    tr("The external authorizer of a CUSTOM action (meshConfig "
                       "extensionProviders)"));
                provider->setObjectName(QStringLiteral("provider"));
                auto explain = hint(f, {});
                const auto update = [this, provider, explain] {
                    const QString a = m_view.spec.action.isEmpty() ? QStringLiteral("ALLOW")
                                                                   : m_view.spec.action;
                    provider->setEnabled(a == u"CUSTOM" || !m_view.spec.provider.isEmpty());
                    QString text;
                    if (a == u"ALLOW" && m_view.spec.rules.isEmpty())
                        text = tr("ALLOW without rules matches nothing: every request to the "
                                  "selected workloads is denied.");
                    else if (a == u"ALLOW")
                        text = tr("Requests that match a rule are allowed; once any ALLOW "
                                  "policy applies, all others are denied.");
                    else if (a == u"DENY")
                        text = tr("Requests that match a rule are denied (DENY is checked "
                                  "before ALLOW).");
                    else if (a == u"AUDIT")
                        text = tr("Requests that match a rule are logged by the audit provider; "
                                  "nothing is allowed or denied.");
                    else
                        text = tr("Requests that match a rule are sent to the provider, which "
                                  "decides.");
                    explain->setText(text);
                };
                update();
                onTouched(explain, update);
            },
            true);
        section(
            content(), tr("Rules"), QStringLiteral("spec.rules"),
            [this](QFormLayout *f) {
                hint(f,
                     tr("A request matches a rule when it matches one source, one operation "
                        "and every condition of it; an empty part matches everything."));
                itemList<Rule>(
                    column(f), QStringLiteral("spec.rules"), tr("Add rule"),
                    [this]() -> QList<Rule> & { return m_view.spec.rules; },
                    [](int i, const Rule &) { return tr("Rule %1").arg(i + 1); },
                    [](const Rule &r) { return ruleSummary(r); },
                    [this](QFormLayout *rf, const QString &q, std::function<Rule &()> r) {
                        buildRule(rf, q, r);
                    });
            },
            true);
    }

private:
    static QString ruleSummary(const Rule &r)
    {
        QStringList parts;
        QStringList from;
        for (const RuleFrom &f : r.from) {
            const Source &s = f.source;
            from.append(
                (s.namespaces + s.principals + s.requestPrincipals + s.ipBlocks + s.serviceAccounts)
                    .join(u','));
        }
        if (!from.isEmpty())
            parts.append(tr("from %1").arg(from.join(QStringLiteral(" | "))));
        QStringList to;
        for (const RuleTo &t : r.to)
            to.append((t.operation.methods + t.operation.paths + t.operation.ports).join(u' '));
        if (!to.isEmpty())
            parts.append(tr("to %1").arg(to.join(QStringLiteral(" | "))));
        if (!r.when.isEmpty())
            parts.append(tr("%n condition(s)", nullptr, int(r.when.size())));
        if (isL7(r))
            parts.append(tr("L7"));
        return parts.isEmpty() ? tr("matches every request")
                               : parts.join(QStringLiteral("  \u00b7  "));
    }

    void pair(QFormLayout *f, const QString &label, const QString &q, const QString &field,
              const QString &placeholder, std::function<QStringList &()> yes,
              std::function<QStringList &()> no, Suggestions suggestions = {})
    {
        auto in = new StringListEdit(placeholder, tr("Add"));
        auto out = new StringListEdit(placeholder, tr("Add"));
        in->setObjectName(field);
        out->setObjectName(QStringLiteral("not") + field.at(0).toUpper() + field.mid(1));
        if (suggestions) {
            in->setSuggestions(suggestions);
            out->setSuggestions(suggestions);
        }
        bind(in, q + u'.' + field, yes);
        bind(out, q + u'.' + out->objectName(), no);
        auto box = new QWidget;
        auto layout = new QHBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(in, 1);
        auto notLabel = new QLabel(tr("not:"));
        notLabel->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(notLabel, 0, Qt::AlignTop);
        layout->addWidget(out, 1);
        addRow(f, label, box);
    }

    void buildRule(QFormLayout *f, const QString &q, std::function<Rule &()> r)
    {
        auto col = column(f);
        section(
            col, tr("From (sources)"), q + QStringLiteral(".from"),
            [this, q, r](QFormLayout *ff) {
                itemList<RuleFrom>(
                    column(ff), q + QStringLiteral(".from"), tr("Add source"),
                    [r]() -> QList<RuleFrom> & { return r().from; },
                    [](int i, const RuleFrom &) { return tr("Source %1").arg(i + 1); }, {},
                    [this](QFormLayout *sf, const QString &p, std::function<RuleFrom &()> s) {
                        const QString sp = p + QStringLiteral(".source");
                        auto src = [s]() -> Source & { return s().source; };
                        pair(
                            sf, tr("Namespaces"), sp, QStringLiteral("namespaces"), tr("namespace"),
                            [src]() -> QStringList & { return src().namespaces; },
                            [src]() -> QStringList & { return src().notNamespaces; }, namespaces());
                        pair(
                            sf, tr("Principals"), sp, QStringLiteral("principals"),
                            tr("cluster.local/ns/NS/sa/SA"),
                            [src]() -> QStringList & { return src().principals; },
                            [src]() -> QStringList & { return src().notPrincipals; });
                        pair(
                            sf, tr("Service accounts"), sp, QStringLiteral("serviceAccounts"),
                            tr("ns/name"),
                            [src]() -> QStringList & { return src().serviceAccounts; },
                            [src]() -> QStringList & { return src().notServiceAccounts; });
                        pair(
                            sf, tr("Request principals"), sp, QStringLiteral("requestPrincipals"),
                            tr("issuer/subject, or *"),
                            [src]() -> QStringList & { return src().requestPrincipals; },
                            [src]() -> QStringList & { return src().notRequestPrincipals; });
                        pair(
                            sf, tr("IP blocks"), sp, QStringLiteral("ipBlocks"), tr("10.0.0.0/8"),
                            [src]() -> QStringList & { return src().ipBlocks; },
                            [src]() -> QStringList & { return src().notIpBlocks; });
                        pair(
                            sf, tr("Remote IP blocks"), sp, QStringLiteral("remoteIpBlocks"),
                            tr("203.0.113.0/24"),
                            [src]() -> QStringList & { return src().remoteIpBlocks; },
                            [src]() -> QStringList & { return src().notRemoteIpBlocks; });
                    });
            },
            !r().from.isEmpty());
        section(
            col, tr("To (operations)"), q + QStringLiteral(".to"),
            [this, q, r](QFormLayout *tf) {
                itemList<RuleTo>(
                    column(tf), q + QStringLiteral(".to"), tr("Add operation"),
                    [r]() -> QList<RuleTo> & { return r().to; },
                    [](int i, const RuleTo &) { return tr("Operation %1").arg(i + 1); }, {},
                    [this](QFormLayout *of, const QString &p, std::function<RuleTo &()> t) {
                        const QString op = p + QStringLiteral(".operation");
                        auto o = [t]() -> Operation & { return t().operation; };
                        pair(
                            of, tr("Methods"), op, QStringLiteral("methods"), tr("GET"),
                            [o]() -> QStringList & { return o().methods; },
                            [o]() -> QStringList & { return o().notMethods; },
                            [] {
                                return QStringList {
                                    QStringLiteral("GET"),    QStringLiteral("POST"),
                                    QStringLiteral("PUT"),    QStringLiteral("PATCH"),
                                    QStringLiteral("DELETE"), QStringLiteral("HEAD"),
                                    QStringLiteral("OPTIONS")};
                            });
                        pair(
                            of, tr("Paths"), op, QStringLiteral("paths"), tr("/api/*"),
                            [o]() -> QStringList & { return o().paths; },
                            [o]() -> QStringList & { return o().notPaths; });
                        pair(
                            of, tr("Ports"), op, QStringLiteral("ports"), tr("8080"),
                            [o]() -> QStringList & { return o().ports; },
                            [o]() -> QStringList & { return o().notPorts; });
                        pair(
                            of, tr("Hosts"), op, QStringLiteral("hosts"), tr("example.com"),
                            [o]() -> QStringList & { return o().hosts; },
                            [o]() -> QStringList & { return o().notHosts; });
                    });
            },
            !r().to.isEmpty());
        section(
            col, tr("When (conditions)"), q + QStringLiteral(".when"),
            [this, q, r](QFormLayout *wf) {
                itemList<Condition>(
                    column(wf), q + QStringLiteral(".when"), tr("Add condition"),
                    [r]() -> QList<Condition> & { return r().when; },
                    [](int i, const Condition &c) {
                        return c.key.isEmpty() ? tr("Condition %1").arg(i + 1) : c.key;
                    },
                    [](const Condition &c) { return c.values.join(QStringLiteral(", ")); },
                    [this](QFormLayout *cf, const QString &p, std::function<Condition &()> c) {
                        auto key = row(cf, tr("Key"), new ChoiceField(conditionKeys(), true),
                                       p + QStringLiteral(".key"),
                                       [c]() -> QString & { return c().key; });
                        key->setObjectName(QStringLiteral("conditionKey"));
                        pair(
                            cf, tr("Values"), p, QStringLiteral("values"), tr("value"),
                            [c]() -> QStringList & { return c().values; },
                            [c]() -> QStringList & { return c().notValues; });
                    });
            },
            !r().when.isEmpty());
    }
};

} // namespace

PolicyForm *createAuthorizationPolicyForm(CatalogSource *catalog, QWidget *parent)
{
    return new AuthorizationPolicyForm(catalog, parent);
}

} // namespace md::ui::forms
