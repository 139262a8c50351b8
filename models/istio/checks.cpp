#include "istio/checks.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <cmath>

namespace md::istio {

namespace {

bool matches(const QRegularExpression &re, QStringView s)
{
    return re.match(s).hasMatch();
}

} // namespace

std::optional<qint64> parseDuration(QStringView s)
{
    if (s == u"0")
        return 0;
    qsizetype i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == u'-' || s[i] == u'+')) {
        negative = s[i] == u'-';
        ++i;
    }
    if (i == s.size())
        return std::nullopt;
    long double total = 0;
    while (i < s.size()) {
        const qsizetype start = i;
        long double number = 0;
        bool digits = false;
        while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128) {
            number = number * 10 + (s[i].unicode() - '0');
            digits = true;
            ++i;
        }
        if (i < s.size() && s[i] == u'.') {
            ++i;
            long double scale = 0.1L;
            while (i < s.size() && s[i].isDigit() && s[i].unicode() < 128) {
                number += scale * (s[i].unicode() - '0');
                scale /= 10;
                digits = true;
                ++i;
            }
        }
        if (!digits || i == start)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < s.size() && !(s[i].isDigit() && s[i].unicode() < 128) && s[i] != u'.')
            ++i;
        const QStringView unit = s.mid(unitStart, i - unitStart);
        long double factor = 0;
        if (unit == u"ns")
            factor = 1;
        else if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
            factor = 1e3L;
        else if (unit == u"ms")
            factor = 1e6L;
        else if (unit == u"s")
            factor = 1e9L;
        else if (unit == u"m")
            factor = 60e9L;
        else if (unit == u"h")
            factor = 3600e9L;
        else
            return std::nullopt;
        total += number * factor;
        if (total > 9.2e18L)
            return std::nullopt;
    }
    const qint64 ns = qint64(std::llround(total));
    return negative ? -ns : ns;
}

QString durationProblem(QStringView text, bool allowZero)
{
    const auto ns = parseDuration(text);
    if (!ns || *ns < 0 || (*ns < 1'000'000 && !(allowZero && *ns == 0)))
        return Tr::tr("must be a valid duration greater than 1ms");
    if (*ns % 1'000'000 != 0)
        return Tr::tr("only durations to ms precision are supported");
    return QString();
}

bool isDnsLabel(QStringView s)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return s.size() <= 63 && matches(re, s);
}

bool isDnsLabelAnyCase(QStringView s)
{
    static const QRegularExpression re(QStringLiteral("^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$"));
    return s.size() <= 63 && matches(re, s);
}

bool isIpAddress(const QString &s)
{
    QHostAddress address;
    return !s.contains(u'/') && address.setAddress(s);
}

bool isCidrOrIp(const QString &s)
{
    if (!s.contains(u'/'))
        return isIpAddress(s);
    const auto subnet = QHostAddress::parseSubnet(s);
    return !subnet.first.isNull() && isIpAddress(s.section(u'/', 0, 0));
}

QString hostnameProblem(const QString &host, bool allowWildcard)
{
    if (host.isEmpty())
        return Tr::tr("domain name is empty");
    if (host.size() > 255)
        return Tr::tr("domain name %1 is too long (max 255)")
            .arg(host.left(40) + QStringLiteral("..."));
    const qsizetype dot = host.indexOf(u'.');
    const QString first = dot < 0 ? host : host.left(dot);
    const QString rest = dot < 0 ? QString() : host.mid(dot + 1);
    bool firstOk = isDnsLabelAnyCase(first);
    if (!firstOk && allowWildcard && first.startsWith(u'*')) {
        const QString tail = first.mid(first.startsWith(QStringLiteral("*-")) ? 2 : 1);
        firstOk = first.size() <= 63 && (tail.isEmpty() || isDnsLabelAnyCase(tail));
    }
    if (!firstOk)
        return Tr::tr("domain name \"%1\" invalid (label \"%2\" invalid)").arg(host, first);
    if (dot < 0)
        return QString();
    const QStringList labels = rest.split(u'.');
    bool numeric = false;
    labels.last().toLongLong(&numeric);
    if (numeric)
        return Tr::tr("domain name \"%1\" invalid (top level domain \"%2\" cannot be all-numeric)")
            .arg(host, labels.last());
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i == labels.size() - 1 && labels.at(i).isEmpty())
            continue; // a trailing dot is allowed
        if (!isDnsLabelAnyCase(labels.at(i)))
            return Tr::tr("domain name \"%1\" invalid (label \"%2\" invalid)")
                .arg(host, labels.at(i));
    }
    return QString();
}

bool isLabelKey(const QString &key)
{
    static const QRegularExpression name(
        QStringLiteral("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$"));
    static const QRegularExpression subdomain(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    const qsizetype slash = key.indexOf(u'/');
    const QString local = slash < 0 ? key : key.mid(slash + 1);
    if (slash >= 0) {
        const QString prefix = key.left(slash);
        if (prefix.isEmpty() || prefix.size() > 253 || !matches(subdomain, prefix))
            return false;
    }
    return !local.isEmpty() && local.size() <= 63 && matches(name, local);
}

bool isLabelValue(const QString &value)
{
    static const QRegularExpression re(
        QStringLiteral("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"));
    return value.size() <= 63 && matches(re, value);
}

bool isHeaderName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[-_A-Za-z0-9]+$"));
    return matches(re, name);
}

} // namespace md::istio
