#include "secrets/validatenames.h"

#include "secrets/secretstr.h"

#include <QRegularExpression>

#include <cmath>

namespace md::secrets {

namespace {

const QRegularExpression &labelPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return re;
}

const QRegularExpression &keyNamePattern()
{
    static const QRegularExpression re(
        QStringLiteral("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$"));
    return re;
}

Unexpected<Error> invalid(const QString &message)
{
    return unexpected(QStringLiteral("name.invalid"), message);
}

} // namespace

Result<void> validateLabel(const QString &value)
{
    if (value.isEmpty())
        return invalid(Tr::tr("must not be empty"));
    if (value.size() > 63)
        return invalid(Tr::tr("must be at most 63 characters (has %1)").arg(value.size()));
    if (!labelPattern().match(value).hasMatch())
        return invalid(Tr::tr("\"%1\" must consist of lower-case letters, digits and '-', and "
                              "start and end with a letter or digit")
                           .arg(value));
    return {};
}

Result<void> validateSubdomain(const QString &value)
{
    if (value.isEmpty())
        return invalid(Tr::tr("must not be empty"));
    if (value.size() > 253)
        return invalid(Tr::tr("must be at most 253 characters (has %1)").arg(value.size()));
    for (const QString &part : value.split(QLatin1Char('.'))) {
        if (part.isEmpty() || !labelPattern().match(part).hasMatch())
            return invalid(Tr::tr("\"%1\" must consist of lower-case letters, digits, '-' and "
                                  "'.', and start and end with a letter or digit")
                               .arg(value));
    }
    return {};
}

Result<void> validateLabelKey(const QString &key)
{
    if (key.isEmpty())
        return invalid(Tr::tr("a key must not be empty"));
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    const QString name = slash < 0 ? key : key.mid(slash + 1);
    if (slash >= 0) {
        if (auto prefix = validateSubdomain(key.left(slash)); !prefix)
            return invalid(Tr::tr("the prefix of key \"%1\": %2").arg(key, prefix.error().message));
    }
    if (name.isEmpty() || name.size() > 63 || !keyNamePattern().match(name).hasMatch())
        return invalid(Tr::tr("key \"%1\": the name must be 1-63 letters, digits, '-', '_' or "
                              "'.', starting and ending with a letter or digit")
                           .arg(key));
    return {};
}

Result<void> validateLabelValue(const QString &value)
{
    if (value.isEmpty())
        return {};
    if (value.size() > 63 || !keyNamePattern().match(value).hasMatch())
        return invalid(Tr::tr("value \"%1\" must be at most 63 letters, digits, '-', '_' or '.', "
                              "starting and ending with a letter or digit")
                           .arg(value));
    return {};
}

std::optional<double> quantityValue(const QString &value)
{
    static const QRegularExpression re(QStringLiteral(
        "^([+-]?)([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|"
        "([eE][+-]?[0-9]+))?$"));
    const auto match = re.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    double number = match.captured(2).toDouble();
    if (match.captured(1) == QLatin1String("-"))
        number = -number;
    const QString suffix = match.captured(3);
    static const QHash<QString, double> factors {
        {QStringLiteral("Ki"), 1024.0},
        {QStringLiteral("Mi"), std::pow(1024.0, 2)},
        {QStringLiteral("Gi"), std::pow(1024.0, 3)},
        {QStringLiteral("Ti"), std::pow(1024.0, 4)},
        {QStringLiteral("Pi"), std::pow(1024.0, 5)},
        {QStringLiteral("Ei"), std::pow(1024.0, 6)},
        {QStringLiteral("n"), 1e-9},
        {QStringLiteral("u"), 1e-6},
        {QStringLiteral("m"), 1e-3},
        {QStringLiteral("k"), 1e3},
        {QStringLiteral("M"), 1e6},
        {QStringLiteral("G"), 1e9},
        {QStringLiteral("T"), 1e12},
        {QStringLiteral("P"), 1e15},
        {QStringLiteral("E"), 1e18},
    };
    if (!suffix.isEmpty())
        number *= factors.value(suffix, 1.0);
    else if (!match.captured(4).isEmpty())
        number *= std::pow(10.0, match.captured(4).mid(1).toDouble());
    return number;
}

Result<void> validateQuantity(const QString &value)
{
    if (value.isEmpty())
        return invalid(Tr::tr("must not be empty"));
    const auto number = quantityValue(value);
    if (!number)
        return unexpected(
            QStringLiteral("quantity.invalid"),
            Tr::tr("\"%1\" is not a quantity (such as 100m, 0.5, 128Mi or 1Gi)").arg(value));
    if (*number < 0)
        return unexpected(QStringLiteral("quantity.invalid"),
                          Tr::tr("\"%1\" must not be negative").arg(value));
    return {};
}

Result<void> validatePort(int port)
{
    if (port < 1 || port > 65535)
        return unexpected(QStringLiteral("port.invalid"),
                          Tr::tr("port %1 is not between 1 and 65535").arg(port));
    return {};
}

} // namespace md::secrets
