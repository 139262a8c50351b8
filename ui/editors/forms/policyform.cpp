#include "editors/forms/policyform.h"

#include "editors/forms/formfactory.h"
#include "editors/forms/meshcatalog.h"

namespace md::ui {

namespace forms {

QStringList formKinds()
{
    return {QStringLiteral("VirtualService"),
            QStringLiteral("DestinationRule"),
            QStringLiteral("Gateway"),
            QStringLiteral("ServiceEntry"),
            QStringLiteral("PeerAuthentication"),
            QStringLiteral("RequestAuthentication"),
            QStringLiteral("AuthorizationPolicy")};
}

PolicyForm *createForm(const QString &kind, CatalogSource *catalog, QWidget *parent)
{
    using Factory = PolicyForm *(*)(CatalogSource *, QWidget *);
    static const QList<std::pair<QString, Factory>> factories {
        {QStringLiteral("VirtualService"), &createVirtualServiceForm},
        {QStringLiteral("DestinationRule"), &createDestinationRuleForm},
        {QStringLiteral("Gateway"), &createGatewayForm},
        {QStringLiteral("ServiceEntry"), &createServiceEntryForm},
        {QStringLiteral("PeerAuthentication"), &createPeerAuthenticationForm},
        {QStringLiteral("RequestAuthentication"), &createRequestAuthenticationForm},
        {QStringLiteral("AuthorizationPolicy"), &createAuthorizationPolicyForm},
    };
    for (const auto &[k, factory] : factories) {
        if (k == kind)
            return factory(catalog, parent);
    }
    if (!catalog->parent())
        delete catalog;
    return nullptr;
}

} // namespace forms

PolicyForm *createPolicyForm(const QString &kind, const FormContext &context, QWidget *parent)
{
    if (!forms::formKinds().contains(kind))
        return nullptr;
    return forms::createForm(kind, new forms::CatalogSource(context), parent);
}

} // namespace md::ui
