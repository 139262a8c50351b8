#include "items/policyexport.h"

#include "istio/document.h"
#include "items/policyrow.h"

namespace md {

Result<QByteArray> exportPoliciesYaml(const QList<ExportObject> &objects)
{
    using md::istio::Value;
    QByteArray out;
    for (const ExportObject &item : objects) {
        const QString where = item.kind + QLatin1Char(' ') + item.object.key();
        auto value = md::istio::parseValue(item.object.json(), where);
        if (!value)
            return unexpected(value.error());
        if (!value->isObject()) {
            return unexpected(QStringLiteral("export.object"), PolicyTr::tr("not a JSON object"),
                              where);
        }
        // apiVersion and kind first, as kubectl writes them.
        Value object = Value::object();
        object.insert(QStringLiteral("apiVersion"),
                      value->contains(QStringLiteral("apiVersion"))
                          ? value->value(QStringLiteral("apiVersion"))
                          : Value(item.apiVersion));
        object.insert(QStringLiteral("kind"),
                      value->contains(QStringLiteral("kind")) ? value->value(QStringLiteral("kind"))
                                                              : Value(item.kind));
        for (qsizetype i = 0; i < value->size(); ++i) {
            const QString &key = value->keyAt(i);
            if (key != QLatin1String("apiVersion") && key != QLatin1String("kind")
                && key != QLatin1String("status"))
                object.insert(key, value->valueAt(i));
        }
        if (Value *metadata = object.find(QStringLiteral("metadata"))) {
            for (const char *field : {"managedFields", "resourceVersion", "uid",
                                      "creationTimestamp", "generation", "selfLink"})
                metadata->remove(QString::fromLatin1(field));
        }
        if (!out.isEmpty())
            out += "---\n";
        out += md::istio::toYaml(object);
    }
    return out;
}

} // namespace md
