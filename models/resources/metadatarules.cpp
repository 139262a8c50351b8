#include "resources/metadatarules.h"

#include <QRegularExpression>
#include <QSet>

namespace md::resources {

namespace {

bool isQualifiedNamePart(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$"));
    return re.match(name).hasMatch();
}

bool isDnsSubdomain(const QString &prefix)
{
    static const QRegularExpression re(
        QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"));
    return re.match(prefix).hasMatch();
}

Result<void> checkAll(const KeyValues &items, const QString &field, const QString &what,
                      bool labels)
{
    QSet<QString> seen;
    for (const auto &[key, value] : items) {
        const QString where = QStringLiteral("metadata.%1[%2]").arg(field, key);
        if (auto checked = checkQualifiedName(key, what); !checked)
            return unexpected(checked.error().code, checked.error().message, where);
        if (seen.contains(key))
            return unexpected(QStringLiteral("metadata.duplicate"),
                              Tr::tr("%1 \"%2\" is given twice").arg(what, key), where);
        seen.insert(key);
        if (labels) {
            if (auto checked = checkLabelValue(key, value); !checked)
                return unexpected(checked.error().code, checked.error().message, where);
        }
    }
    return {};
}

} // namespace

Result<void> checkQualifiedName(const QString &key, const QString &what)
{
    const QString code = QStringLiteral("metadata.key");
    if (key.isEmpty())
        return unexpected(code, Tr::tr("%1 is empty").arg(what));
    const QStringList parts = key.split(QLatin1Char('/'));
    if (parts.size() > 2)
        return unexpected(code,
                          Tr::tr("%1 \"%2\" has more than one '/': a key is "
                                 "\"prefix/name\" or \"name\"")
                              .arg(what, key));
    const QString name = parts.last();
    if (parts.size() == 2) {
        const QString &prefix = parts.first();
        if (prefix.isEmpty())
            return unexpected(code,
                              Tr::tr("%1 \"%2\" has an empty prefix before '/'").arg(what, key));
        if (prefix.size() > 253)
            return unexpected(code,
                              Tr::tr("%1 \"%2\": the prefix must be 253 characters or "
                                     "less")
                                  .arg(what, key));
        if (!isDnsSubdomain(prefix))
            return unexpected(code,
                              Tr::tr("%1 \"%2\": the prefix must be a DNS subdomain "
                                     "(lowercase letters, digits, '-' and '.', starting "
                                     "and ending with a letter or digit)")
                                  .arg(what, key));
    }
    if (name.isEmpty())
        return unexpected(code, Tr::tr("%1 \"%2\" has an empty name after '/'").arg(what, key));
    if (name.size() > 63)
        return unexpected(code,
                          Tr::tr("%1 \"%2\": the name must be 63 characters or less "
                                 "(it has %3)")
                              .arg(what, key)
                              .arg(name.size()));
    if (!isQualifiedNamePart(name))
        return unexpected(code,
                          Tr::tr("%1 \"%2\": the name must consist of letters, digits, "
                                 "'-', '_' or '.', and start and end with a letter or "
                                 "digit")
                              .arg(what, key));
    return {};
}

Result<void> checkLabelValue(const QString &key, const QString &value)
{
    const QString code = QStringLiteral("metadata.labelValue");
    if (value.isEmpty())
        return {};
    if (value.size() > 63)
        return unexpected(code,
                          Tr::tr("The value of label \"%1\" must be 63 characters or "
                                 "less (it has %2)")
                              .arg(key)
                              .arg(value.size()));
    if (!isQualifiedNamePart(value))
        return unexpected(code,
                          Tr::tr("The value of label \"%1\" must be empty or consist "
                                 "of letters, digits, '-', '_' or '.', and start and "
                                 "end with a letter or digit")
                              .arg(key));
    return {};
}

Result<void> checkLabels(const KeyValues &labels)
{
    return checkAll(labels, QStringLiteral("labels"), Tr::tr("Label key"), true);
}

Result<void> checkAnnotations(const KeyValues &annotations)
{
    if (auto checked
        = checkAll(annotations, QStringLiteral("annotations"), Tr::tr("Annotation key"), false);
        !checked)
        return checked;
    qsizetype bytes = 0;
    for (const auto &[key, value] : annotations)
        bytes += key.toUtf8().size() + value.toUtf8().size();
    if (bytes > MaxAnnotationBytes)
        return unexpected(QStringLiteral("metadata.annotationSize"),
                          Tr::tr("The annotations take %1 bytes; the limit is %2 bytes")
                              .arg(bytes)
                              .arg(MaxAnnotationBytes),
                          QStringLiteral("metadata.annotations"));
    return {};
}

} // namespace md::resources
