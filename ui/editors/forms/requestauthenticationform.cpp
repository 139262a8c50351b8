// The RequestAuthentication form: scope and the JWT rules (issuers) accepted.

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

namespace md::ui::forms {

using namespace md::istio;

namespace {

class RequestAuthenticationForm final : public TypedForm<RequestAuthentication>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::RequestAuthenticationForm)
public:
    RequestAuthenticationForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("RequestAuthentication"), catalog, parent)
    {
        setObjectName(QStringLiteral("requestAuthenticationForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, nullptr);
        buildScopeSection(*this, content(),
                          {&m_view.spec.selector, &m_view.spec.targetRefs, &m_view.spec.targetRef,
                           &m_view.metadata, [this] { return !m_view.spec.jwtRules.isEmpty(); },
                           true});
        section(
            content(), tr("JWT rules"), QStringLiteral("spec.jwtRules"),
            [this](QFormLayout *f) {
                hint(f,
                     tr("Requests with an invalid token are rejected; requests without one "
                        "are let through. To require a token, add an AuthorizationPolicy "
                        "with requestPrincipals (the \"JWT required\" wizard does both)."));
                itemList<JWTRule>(
                    column(f), QStringLiteral("spec.jwtRules"), tr("Add issuer"),
                    [this]() -> QList<JWTRule> & { return m_view.spec.jwtRules; },
                    [](int i, const JWTRule &r) {
                        return r.issuer.isEmpty() ? tr("Issuer %1").arg(i + 1) : r.issuer;
                    },
                    [](const JWTRule &r) { return r.jwksUri; },
                    [this](QFormLayout *rf, const QString &q, std::function<JWTRule &()> r) {
                        buildRule(rf, q, r);
                    });
            },
            true);
    }

private:
    void buildRule(QFormLayout *f, const QString &q, std::function<JWTRule &()> r)
    {
        row(f, tr("Issuer"), new TextField(tr("https://accounts.example.com")),
            q + QStringLiteral(".issuer"), [r]() -> QString & { return r().issuer; })
            ->setObjectName(QStringLiteral("issuer"));
        row(f, tr("Audiences"), new StringListEdit(tr("audience"), tr("Add audience")),
            q + QStringLiteral(".audiences"), [r]() -> QStringList & { return r().audiences; })
            ->setObjectName(QStringLiteral("audiences"));
        row(
            f, tr("JWKS URI"), new TextField(tr("https://.../.well-known/jwks.json")),
            q + QStringLiteral(".jwksUri"), [r]() -> QString & { return r().jwksUri; },
            tr("Where the public keys are fetched from (or give them inline below)"))
            ->setObjectName(QStringLiteral("jwksUri"));
        row(f, tr("JWKS (inline)"), new TextField(tr("{\"keys\": [...]}")),
            q + QStringLiteral(".jwks"), [r]() -> QString & { return r().jwks; });
        row(f, tr("Fetch timeout"), new DurationField, q + QStringLiteral(".timeout"),
            [r]() -> QString & { return r().timeout; });
        // fromHeaders: name -> prefix
        auto headers = new KeyValueEdit(tr("header"), tr("prefix, e.g. \"Bearer \""));
        QMap<QString, QString> h;
        for (const JWTHeader &x : r().fromHeaders)
            h.insert(x.name, x.prefix);
        headers->setValue(h);
        addRow(f, tr("Token from headers"), headers,
               tr("Default: the Authorization header with the \"Bearer \" prefix"));
        registerField(q + QStringLiteral(".fromHeaders"), headers);
        connect(headers, &RowList::changed, this, [this, headers, r] {
            QList<JWTHeader> list;
            const auto map = headers->value();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                list.append({it.key(), it.value()});
            r().fromHeaders = list;
            touched();
        });
        row(f, tr("Token from parameters"),
            new StringListEdit(tr("access_token"), tr("Add parameter")),
            q + QStringLiteral(".fromParams"), [r]() -> QStringList & { return r().fromParams; });
        row(f, tr("Token from cookies"), new StringListEdit(tr("cookie"), tr("Add cookie")),
            q + QStringLiteral(".fromCookies"), [r]() -> QStringList & { return r().fromCookies; });
        row(f, tr("Forward the token"), new TriField, q + QStringLiteral(".forwardOriginalToken"),
            [r]() -> std::optional<bool> & { return r().forwardOriginalToken; });
        row(f, tr("Payload to header"), new TextField(tr("x-jwt-payload")),
            q + QStringLiteral(".outputPayloadToHeader"),
            [r]() -> QString & { return r().outputPayloadToHeader; });
        auto claims = new KeyValueEdit(tr("header"), tr("claim"));
        QMap<QString, QString> c;
        for (const ClaimToHeader &x : r().outputClaimToHeaders)
            c.insert(x.header, x.claim);
        claims->setValue(c);
        addRow(f, tr("Claims to headers"), claims);
        registerField(q + QStringLiteral(".outputClaimToHeaders"), claims);
        connect(claims, &RowList::changed, this, [this, claims, r] {
            QList<ClaimToHeader> list;
            const auto map = claims->value();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                list.append({it.key(), it.value()});
            r().outputClaimToHeaders = list;
            touched();
        });
    }
};

} // namespace

PolicyForm *createRequestAuthenticationForm(CatalogSource *catalog, QWidget *parent)
{
    return new RequestAuthenticationForm(catalog, parent);
}

} // namespace md::ui::forms
