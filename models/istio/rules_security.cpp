// Webhook checks of AuthorizationPolicy, RequestAuthentication and PeerAuthentication.

#include "istio/webhookrules_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace md::istio::webhook {

namespace {

void checkNoEmptyStrings(const Value &object, const QString &path, Findings &f)
{
    for (qsizetype i = 0; i < object.size() && object.isObject(); ++i) {
        const Value &list = object.valueAt(i);
        for (qsizetype j = 0; j < list.size() && list.isArray(); ++j) {
            if (list.at(j).isString() && list.at(j).toString().isEmpty())
                f.error(codes::AuthorizationRule, itemPath(joinPath(path, object.keyAt(i)), j),
                        Tr::tr("empty value is not allowed"));
        }
    }
}

void checkSource(const Value &source, const QString &path, bool custom, Findings &f)
{
    if (!source.isObject() || source.isEmpty()) {
        f.error(codes::AuthorizationRule, path, Tr::tr("source must not be empty"));
        return;
    }
    checkNoEmptyStrings(source, path, f);
    for (const char *field : {"serviceAccounts", "notServiceAccounts"}) {
        const Value &accounts = source.value(QString::fromLatin1(field));
        for (qsizetype i = 0; i < accounts.size(); ++i) {
            const QString sa = accounts.at(i).toString();
            if (sa.contains(u'*') || sa.count(u'/') > 1 || sa.size() > 320)
                f.error(codes::AuthorizationRule,
                        itemPath(joinPath(path, QString::fromLatin1(field)), i),
                        Tr::tr("service account \"%1\" must be sa or namespace/sa, without "
                               "wildcards, at most 320 characters")
                            .arg(sa));
        }
    }
    for (const char *field : {"ipBlocks", "notIpBlocks", "remoteIpBlocks", "notRemoteIpBlocks"}) {
        const Value &blocks = source.value(QString::fromLatin1(field));
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            if (!blocks.at(i).toString().isEmpty() && !isCidrOrIp(blocks.at(i).toString()))
                f.error(codes::AuthorizationRule,
                        itemPath(joinPath(path, QString::fromLatin1(field)), i),
                        Tr::tr("\"%1\" is not a valid IP address or CIDR range")
                            .arg(blocks.at(i).toString()));
        }
    }
    if (custom) {
        for (const char *field :
             {"principals", "notPrincipals", "requestPrincipals", "notRequestPrincipals",
              "namespaces", "notNamespaces", "serviceAccounts", "notServiceAccounts"}) {
            if (has(source, QString::fromLatin1(field)))
                f.error(codes::AuthorizationRule, joinPath(path, QString::fromLatin1(field)),
                        Tr::tr("%1 is not supported with the CUSTOM action")
                            .arg(QString::fromLatin1(field)));
        }
    }
}

// As istiod's CheckValidPathTemplate: segment by segment, {*} and {**} are operators,
// after {**} no further operator may come (literal segments may), and in a path with a
// template every other segment must be a literal of RFC 3986 pchars.
QString pathTemplateProblem(const QString &p)
{
    static const QLatin1String one("{*}"), any("{**}");
    const bool templated = p.contains(one) || p.contains(any);
    static const QRegularExpression literal(QStringLiteral("^[a-zA-Z0-9\\-._~%!$&'()+,;:@=]+$"));
    QString trimmed = p;
    while (trimmed.startsWith(u'/'))
        trimmed.remove(0, 1);
    while (trimmed.endsWith(u'/'))
        trimmed.chop(1);
    bool seenAny = false;
    for (const QString &segment : trimmed.split(u'/')) {
        const bool op = segment == one || segment == any;
        if (op && seenAny)
            return Tr::tr("path template \"%1\": {**} must be the last operator (literal "
                          "segments may follow it)")
                .arg(p);
        if (op) {
            seenAny = segment == any;
            continue;
        }
        if (segment.contains(u'{') || segment.contains(u'}'))
            return Tr::tr("path template \"%1\" contains '{' or '}' beyond a supported "
                          "operator ({*} or {**} as a whole segment)")
                .arg(p);
        if (templated && !literal.match(segment).hasMatch())
            return Tr::tr("path template \"%1\": segment \"%2\" is not a valid literal")
                .arg(p, segment);
    }
    return QString();
}

void checkOperation(const Value &operation, const QString &path, Findings &f)
{
    if (!operation.isObject() || operation.isEmpty()) {
        f.error(codes::AuthorizationRule, path, Tr::tr("operation must not be empty"));
        return;
    }
    checkNoEmptyStrings(operation, path, f);
    for (const char *field : {"ports", "notPorts"}) {
        const Value &ports = operation.value(QString::fromLatin1(field));
        for (qsizetype i = 0; i < ports.size(); ++i) {
            bool ok = false;
            const int port = ports.at(i).toString().toInt(&ok);
            if (!ok || port < 0 || port > 65535)
                f.error(codes::AuthorizationRule,
                        itemPath(joinPath(path, QString::fromLatin1(field)), i),
                        Tr::tr("port \"%1\" must be a number in the range 0..65535")
                            .arg(ports.at(i).toString()));
        }
    }
    for (const char *field : {"paths", "notPaths"}) {
        const Value &paths = operation.value(QString::fromLatin1(field));
        for (qsizetype i = 0; i < paths.size(); ++i) {
            const QString problem = pathTemplateProblem(paths.at(i).toString());
            if (!problem.isEmpty())
                f.error(codes::AuthorizationRule,
                        itemPath(joinPath(path, QString::fromLatin1(field)), i), problem);
        }
    }
}

// As istiod's ValidateAttribute: which condition keys it knows. Map-like keys are matched by
// prefix and need a non-empty "[name]" suffix, as istiod reads them.
QString attributeProblem(const QString &key)
{
    const auto mapKey = [&key]() {
        const qsizetype open = key.indexOf(u'[');
        return key.endsWith(u']') && open > 0 && open < key.size() - 2
            ? QString()
            : Tr::tr("bad key \"%1\": should have the form a[b]").arg(key);
    };
    if (key.startsWith(QLatin1String("request.headers"))
        || key.startsWith(QLatin1String("request.auth.claims"))
        || key.startsWith(QLatin1String("experimental.envoy.filters.")))
        return mapKey();
    static const QStringList plain = {QStringLiteral("source.ip"),
                                      QStringLiteral("remote.ip"),
                                      QStringLiteral("source.namespace"),
                                      QStringLiteral("source.serviceAccount"),
                                      QStringLiteral("source.principal"),
                                      QStringLiteral("source.trustDomain"),
                                      QStringLiteral("request.auth.principal"),
                                      QStringLiteral("request.auth.audiences"),
                                      QStringLiteral("request.auth.presenter"),
                                      QStringLiteral("destination.ip"),
                                      QStringLiteral("destination.port"),
                                      QStringLiteral("connection.sni")};
    if (plain.contains(key))
        return QString();
    if (key == QLatin1String("destination.namespace"))
        return Tr::tr("attribute %1 is replaced by the metadata.namespace").arg(key);
    if (key.startsWith(QLatin1String("destination.labels")))
        return Tr::tr("attribute %1 is replaced by the workload selector").arg(key);
    if (key == QLatin1String("destination.name") || key == QLatin1String("destination.user"))
        return Tr::tr("deprecated attribute %1: only supported in v1alpha1").arg(key);
    return Tr::tr("unknown attribute \"%1\"").arg(key);
}

void checkCondition(const Value &condition, const QString &path, bool custom, Findings &f)
{
    const QString key = condition.value(QStringLiteral("key")).toString();
    const QString problem = attributeProblem(key);
    if (!key.isEmpty() && !problem.isEmpty())
        f.error(codes::AuthorizationRule, joinPath(path, QStringLiteral("key")), problem);
    if (custom
        && (key.startsWith(QLatin1String("request.auth."))
            || key.startsWith(QLatin1String("source.namespace"))
            || key.startsWith(QLatin1String("source.principal"))
            || key.startsWith(QLatin1String("source.serviceAccount"))
            || key == QLatin1String("source.trustDomain")))
        f.error(codes::AuthorizationRule, joinPath(path, QStringLiteral("key")),
                Tr::tr("attribute \"%1\" is not supported with the CUSTOM action").arg(key));
    if (condition.value(QStringLiteral("values")).isEmpty()
        && condition.value(QStringLiteral("notValues")).isEmpty())
        f.error(codes::AuthorizationRule, path, Tr::tr("condition needs values or notValues"));
}

} // namespace

void checkAuthorizationPolicy(const Value &spec, Findings &f)
{
    checkSelectorAndTargetRefs(spec, QStringLiteral("selector"), QStringLiteral("matchLabels"), f);
    const QString action = spec.value(QStringLiteral("action")).toString();
    const bool custom = action == QLatin1String("CUSTOM");
    const Value &rules = spec.value(QStringLiteral("rules"));
    if (has(spec, QStringLiteral("provider")) && !custom)
        f.error(codes::AuthorizationRule, QStringLiteral("spec.provider"),
                Tr::tr("provider is only allowed with the CUSTOM action"));
    if (custom
        && spec.value(QStringLiteral("provider"))
               .value(QStringLiteral("name"))
               .toString()
               .isEmpty())
        f.error(codes::AuthorizationRule, QStringLiteral("spec.provider.name"),
                Tr::tr("the CUSTOM action needs a provider name"));
    if (custom && !has(spec, QStringLiteral("rules")))
        f.error(codes::AuthorizationRule, QStringLiteral("spec.rules"),
                Tr::tr("the CUSTOM action needs rules (an empty rule {} matches everything)"));
    if (action == QLatin1String("DENY") && !has(spec, QStringLiteral("rules")))
        f.error(codes::AuthorizationRule, QStringLiteral("spec.rules"),
                Tr::tr("a DENY policy needs at least one rule"));
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const Value &rule = rules.at(i);
        const QString path = itemPath(QStringLiteral("spec.rules"), i);
        if (!rule.isObject()) {
            f.error(codes::AuthorizationRule, path, Tr::tr("rule must not be null"));
            continue;
        }
        for (const char *field : {"from", "to", "when"}) {
            const Value *list = rule.find(QString::fromLatin1(field));
            if (list && (list->isNull() || (list->isArray() && list->isEmpty())))
                f.error(codes::AuthorizationRule, joinPath(path, QString::fromLatin1(field)),
                        Tr::tr("%1 must not be empty").arg(QString::fromLatin1(field)));
        }
        const Value &from = rule.value(QStringLiteral("from"));
        for (qsizetype j = 0; j < from.size(); ++j)
            checkSource(from.at(j).value(QStringLiteral("source")),
                        itemPath(joinPath(path, QStringLiteral("from")), j)
                            + QStringLiteral(".source"),
                        custom, f);
        const Value &to = rule.value(QStringLiteral("to"));
        for (qsizetype j = 0; j < to.size(); ++j)
            checkOperation(to.at(j).value(QStringLiteral("operation")),
                           itemPath(joinPath(path, QStringLiteral("to")), j)
                               + QStringLiteral(".operation"),
                           f);
        const Value &when = rule.value(QStringLiteral("when"));
        for (qsizetype j = 0; j < when.size(); ++j)
            checkCondition(when.at(j), itemPath(joinPath(path, QStringLiteral("when")), j), custom,
                           f);
    }
}

void checkRequestAuthentication(const Value &spec, Findings &f)
{
    checkSelectorAndTargetRefs(spec, QStringLiteral("selector"), QStringLiteral("matchLabels"), f);
    const Value &rules = spec.value(QStringLiteral("jwtRules"));
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const Value &rule = rules.at(i);
        const QString path = itemPath(QStringLiteral("spec.jwtRules"), i);
        if (!has(rule, QStringLiteral("issuer")) && !has(rule, QStringLiteral("jwksUri"))
            && !has(rule, QStringLiteral("jwks_uri")))
            f.error(codes::JwtRule, path, Tr::tr("a JWT rule needs an issuer or a jwksUri"));
        const QString jwks = rule.value(QStringLiteral("jwks")).toString();
        if (!jwks.isEmpty()) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(jwks.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                f.error(codes::JwtRule, joinPath(path, QStringLiteral("jwks")),
                        Tr::tr("jwks is not a valid JSON Web Key Set"));
            } else {
                for (const QJsonValue &key : doc.object().value(QLatin1String("keys")).toArray()) {
                    if (key.toObject().contains(QLatin1String("d"))) {
                        f.warning(codes::JwtRule, joinPath(path, QStringLiteral("jwks")),
                                  Tr::tr("jwks contains a private key"));
                        break;
                    }
                }
            }
        }
        for (const char *field : {"audiences", "fromParams", "fromCookies"}) {
            const Value &list = rule.value(QString::fromLatin1(field));
            for (qsizetype j = 0; j < list.size(); ++j) {
                if (list.at(j).toString().isEmpty())
                    f.error(codes::JwtRule, itemPath(joinPath(path, QString::fromLatin1(field)), j),
                            Tr::tr("empty value is not allowed"));
            }
        }
        const Value &headers = rule.value(QStringLiteral("fromHeaders"));
        for (qsizetype j = 0; j < headers.size(); ++j) {
            if (headers.at(j).value(QStringLiteral("name")).toString().isEmpty())
                f.error(codes::JwtRule,
                        itemPath(joinPath(path, QStringLiteral("fromHeaders")), j)
                            + QStringLiteral(".name"),
                        Tr::tr("header name must not be empty"));
        }
        const Value &claims = rule.value(QStringLiteral("outputClaimToHeaders"));
        for (qsizetype j = 0; j < claims.size(); ++j) {
            const QString item
                = itemPath(joinPath(path, QStringLiteral("outputClaimToHeaders")), j);
            const QString header = claims.at(j).value(QStringLiteral("header")).toString();
            if (header.isEmpty()
                || claims.at(j).value(QStringLiteral("claim")).toString().isEmpty())
                f.error(codes::JwtRule, item,
                        Tr::tr("outputClaimToHeaders needs both header and claim"));
            else if (!isHeaderName(header))
                f.error(codes::JwtRule, joinPath(item, QStringLiteral("header")),
                        Tr::tr("header name \"%1\" is not valid").arg(header));
        }
        checkDurationPrecision(rule.value(QStringLiteral("timeout")),
                               joinPath(path, QStringLiteral("timeout")), f);
    }
}

void checkPeerAuthentication(const Value &spec, Findings &f)
{
    checkSelectorAndTargetRefs(spec, QStringLiteral("selector"), QStringLiteral("matchLabels"), f);
}

} // namespace md::istio::webhook
