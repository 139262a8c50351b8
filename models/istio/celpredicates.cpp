// Native predicates equivalent to the CEL expressions of Istio's CRDs.

#include "istio/celpredicates_p.h"

#include <QRegularExpression>
#include <QUrl>

namespace md::istio::cel {

namespace {

QString resolutionOf(const Value &spec, const QString &fallback)
{
    return has(spec, QStringLiteral("resolution"))
        ? spec.value(QStringLiteral("resolution")).toString()
        : fallback;
}

} // namespace

bool durationAtLeast1ms(const Value &v)
{
    const auto ns = v.isString() ? parseDuration(v.toString()) : std::nullopt;
    return ns && *ns >= 1'000'000;
}

bool portInRange(const Value &v)
{
    return v.isNumber() && v.toDouble() > 0 && v.toDouble() <= 65535;
}

bool keysWithoutWildcard(const Value &v)
{
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i) {
        if (v.keyAt(i).contains(u'*'))
            return false;
    }
    return true;
}

bool keysNotEmpty(const Value &v)
{
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i) {
        if (v.keyAt(i).isEmpty())
            return false;
    }
    return true;
}

bool withoutWildcard(const Value &v)
{
    return !v.toString().contains(u'*');
}

bool isEmptyString(const Value &v)
{
    return v.toString().isEmpty();
}

bool notStar(const Value &v)
{
    return v.toString() != QLatin1String("*");
}

bool httpUrl(const Value &v)
{
    const QUrl url(v.toString(), QUrl::StrictMode);
    return url.isValid()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

bool portNameKeys(const Value &v)
{
    static const QRegularExpression re(
        QStringLiteral("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"));
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i) {
        if (v.keyAt(i).size() >= 63 || !re.match(v.keyAt(i)).hasMatch())
            return false;
    }
    return true;
}

bool udsAbsolute(const Value &v)
{
    const QString s = v.toString();
    if (!s.startsWith(QLatin1String("unix://")))
        return true;
    return s.size() > 7 && (s[7] == u'/' || s[7] == u'@');
}

bool udsNotDir(const Value &v)
{
    const QString s = v.toString();
    return !s.startsWith(QLatin1String("unix://")) || !s.endsWith(u'/');
}

bool addressOrNetwork(const Value &v)
{
    return has(v, QStringLiteral("address")) || has(v, QStringLiteral("network"));
}

bool udsWithoutPorts(const Value &v)
{
    return !v.value(QStringLiteral("address")).toString().startsWith(QLatin1String("unix://"))
        || !has(v, QStringLiteral("ports"));
}

bool uniquePortNumbers(const Value &v)
{
    QList<double> seen;
    for (qsizetype i = 0; i < v.size() && v.isArray(); ++i) {
        const Value &n = v.at(i).value(QStringLiteral("number"));
        if (n.isNumber() && seen.contains(n.toDouble()))
            return false;
        seen.append(n.toDouble());
    }
    return true;
}

bool portKeys(const Value &v)
{
    for (qsizetype i = 0; i < v.size() && v.isObject(); ++i) {
        bool ok = false;
        const qint64 port = v.keyAt(i).toLongLong(&ok);
        if (!ok || port <= 0 || port > 65535)
            return false;
    }
    return true;
}

Predicate atMostOne(const QStringList &fields)
{
    return [fields](const Value &v) {
        int count = 0;
        for (const QString &f : fields)
            count += has(v, f) ? 1 : 0;
        return count <= 1;
    };
}

bool waypointContext(const Value &v)
{
    const bool waypoint = has(v, QStringLiteral("waypoint"));
    return v.value(QStringLiteral("context")).toString() == QLatin1String("WAYPOINT") ? waypoint
                                                                                      : !waypoint;
}

bool cidrOnlyWithNoneOrStatic(const Value &v)
{
    bool cidr = false;
    const Value &addresses = v.value(QStringLiteral("addresses"));
    for (qsizetype i = 0; i < addresses.size(); ++i)
        cidr = cidr || addresses.at(i).toString().contains(u'/');
    const QString resolution = resolutionOf(v, QStringLiteral("NONE"));
    return !(cidr && resolution != QLatin1String("STATIC") && resolution != QLatin1String("NONE"));
}

bool noneWithoutEndpoints(const Value &v)
{
    return resolutionOf(v, QStringLiteral("NONE")) != QLatin1String("NONE")
        || !has(v, QStringLiteral("endpoints"));
}

bool roundRobinSingleEndpoint(const Value &v)
{
    return resolutionOf(v, QString()) != QLatin1String("DNS_ROUND_ROBIN")
        || v.value(QStringLiteral("endpoints")).size() <= 1;
}

bool serviceAccountsExclusive(const Value &v)
{
    if (!has(v, QStringLiteral("serviceAccounts")) && !has(v, QStringLiteral("notServiceAccounts")))
        return true;
    for (const char *f : {"principals", "notPrincipals", "namespaces", "notNamespaces"}) {
        if (has(v, QString::fromLatin1(f)))
            return false;
    }
    return true;
}

bool portLevelNeedsSelector(const Value &v)
{
    return !has(v, QStringLiteral("portLevelMtls"))
        || v.value(QStringLiteral("selector")).value(QStringLiteral("matchLabels")).size() > 0;
}

bool upsertHasValue(const Value &v)
{
    return v.value(QStringLiteral("operation")).toString() != QLatin1String("UPSERT")
        || !v.value(QStringLiteral("value")).toString().isEmpty();
}

bool removeHasNoValue(const Value &v)
{
    return v.value(QStringLiteral("operation")).toString() != QLatin1String("REMOVE")
        || !has(v, QStringLiteral("value"));
}

} // namespace md::istio::cel
