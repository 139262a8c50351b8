// JWT analyzers: routing on JWT claims at a gateway whose pods no RequestAuthentication
// covers (IST0149), and istiod fetching JWKS URIs without BLOCKED_CIDRS_IN_JWKS_URIS (IST0175).

#include "istio/analyzers_p.h"

namespace md::istio::analysis {

namespace {

// Istio's jwt.ToRoutingClaim(...).Match.
bool isRoutingClaim(const QString &header)
{
    static const QString prefix = QStringLiteral("@request.auth.claims");
    if (!header.toLower().startsWith(prefix))
        return false;
    const QString rest = header.mid(prefix.size());
    return (rest.startsWith(u'.') && rest.size() > 1)
        || (rest.startsWith(u'[') && rest.endsWith(u']') && rest.size() > 2);
}

QString claimKey(const Value &spec)
{
    const Value &http = spec.value(QStringLiteral("http"));
    for (qsizetype i = 0; i < http.size(); ++i) {
        const Value &matches = http.at(i).value(QStringLiteral("match"));
        for (qsizetype m = 0; m < matches.size(); ++m) {
            for (const char *field : {"headers", "withoutHeaders"}) {
                const Value &headers = matches.at(m).value(QString::fromLatin1(field));
                for (qsizetype h = 0; h < headers.size() && headers.isObject(); ++h) {
                    if (isRoutingClaim(headers.keyAt(h)))
                        return headers.keyAt(h);
                }
            }
        }
    }
    return QString();
}

} // namespace

void analyzeJwtClaimRoutes(Context &c)
{
    const QString key = claimKey(c.spec());
    if (key.isEmpty())
        return;
    const Value &gateways = c.spec().value(QStringLiteral("gateways"));
    for (qsizetype g = 0; g < gateways.size(); ++g) {
        const QString ref = gateways.at(g).toString();
        if (ref == QLatin1String("mesh"))
            continue;
        const QString gwNs = ref.contains(u'/') ? ref.section(u'/', 0, 0) : c.ns;
        const QString gwName = ref.section(u'/', -1);
        const int gw = c.index.gateway(gwNs, gwName);
        if (gw < 0)
            continue;
        const auto selector = stringMap(
            c.objectAt(gw).value(QStringLiteral("spec")).value(QStringLiteral("selector")));
        for (int pod : c.index.ofKind(QStringLiteral("Pod"))) {
            const Value &podObject = c.objectAt(pod);
            const auto labels = podLabelsOf(podObject);
            if (!selects(selector, labels))
                continue;
            const QString podNs = namespaceOf(c.index.entry(pod).id);
            bool covered = false;
            for (const QString &ns : {QStringLiteral("istio-system"), podNs}) {
                for (int ra :
                     c.index.kindInNamespace(QStringLiteral("RequestAuthentication"), ns)) {
                    const auto raSelector = stringMap(c.objectAt(ra)
                                                          .value(QStringLiteral("spec"))
                                                          .value(QStringLiteral("selector"))
                                                          .value(QStringLiteral("matchLabels")));
                    covered = covered || selects(raSelector, labels);
                }
            }
            if (!covered)
                c.report(Severity::Error, "IST0149", itemPath(QStringLiteral("spec.gateways"), g),
                         QStringLiteral("The virtual service uses the JWT claim based routing "
                                        "(key: %1) but found no request authentication for the "
                                        "gateway (%2) pod (%3). The request authentication must "
                                        "first be applied for the gateway pods to validate the JWT "
                                        "token and make the claims available for routing.")
                             .arg(key, gwNs + u'/' + gwName, c.index.entry(pod).id.name));
        }
    }
}

void analyzeJwksFetch(Context &c)
{
    if (stringMap(c.metadata().value(QStringLiteral("labels"))).value(QStringLiteral("app"))
        != QLatin1String("istiod"))
        return;
    const QList<int> requestAuthentications
        = c.index.ofKind(QStringLiteral("RequestAuthentication"));
    if (requestAuthentications.isEmpty())
        return;
    const Value &containers = podSpecOf(c.object).value(QStringLiteral("containers"));
    for (qsizetype i = 0; i < containers.size(); ++i) {
        const Value &env = containers.at(i).value(QStringLiteral("env"));
        for (qsizetype e = 0; e < env.size(); ++e) {
            if (env.at(e).value(QStringLiteral("name")).toString()
                    == QLatin1String("BLOCKED_CIDRS_IN_JWKS_URIS")
                && !env.at(e).value(QStringLiteral("value")).toString().isEmpty())
                return;
        }
    }
    QStringList names;
    for (int ra : requestAuthentications)
        names.append(c.nameOf(ra));
    names.sort();
    QString shown = names.mid(0, 5).join(QStringLiteral(", "));
    if (names.size() > 5)
        shown += QStringLiteral(", and %1 more").arg(names.size() - 5);
    c.report(Severity::Warning, "IST0175", QString(),
             QStringLiteral("BLOCKED_CIDRS_IN_JWKS_URIS is not configured but %1 "
                            "RequestAuthentication resource(s) exist (%2). Consider configuring it "
                            "to restrict JWKS URI fetches to trusted networks.")
                 .arg(names.size())
                 .arg(shown));
}

} // namespace md::istio::analysis
