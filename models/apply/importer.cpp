#include "apply/importer.h"

#include "apply/applytr.h"
#include "apply/revert.h"

#include <QFile>
#include <QSet>

namespace md::apply {

using md::istio::Value;

bool isClusterScoped(const QString &kind)
{
    static const QSet<QString> kinds {
        QStringLiteral("Namespace"),
        QStringLiteral("Node"),
        QStringLiteral("PersistentVolume"),
        QStringLiteral("ClusterRole"),
        QStringLiteral("ClusterRoleBinding"),
        QStringLiteral("CustomResourceDefinition"),
        QStringLiteral("MutatingWebhookConfiguration"),
        QStringLiteral("ValidatingWebhookConfiguration"),
        QStringLiteral("ValidatingAdmissionPolicy"),
        QStringLiteral("ValidatingAdmissionPolicyBinding"),
        QStringLiteral("StorageClass"),
        QStringLiteral("PriorityClass"),
        QStringLiteral("APIService"),
        QStringLiteral("IngressClass"),
        QStringLiteral("RuntimeClass"),
        QStringLiteral("CSIDriver"),
        QStringLiteral("GatewayClass"),
    };
    return kinds.contains(kind);
}

Result<QList<ApplyItem>> importObjects(const QByteArray &data, const QString &source,
                                       const ImportOptions &options)
{
    auto stream = md::istio::DocumentStream::parse(data, source);
    if (!stream)
        return Unexpected<Error> {stream.error()};
    QList<ApplyItem> items;
    const QString where = source.isEmpty() ? Tr::tr("<input>") : source;
    for (const md::istio::ObjectRef &ref : stream->objects()) {
        Value object = stream->object(ref);
        const int line = stream->line(ref);
        const md::istio::ObjectId id = md::istio::ObjectId::of(object);
        const QString location
            = Tr::tr("%1: document %2, line %3").arg(where).arg(ref.document + 1).arg(line);
        if (id.apiVersion.isEmpty())
            return unexpected(QStringLiteral("import.object"),
                              Tr::tr("%1 has no apiVersion").arg(id.kind), location);
        if (id.name.isEmpty()) {
            const bool generated = !object.value(QStringLiteral("metadata"))
                                        .value(QStringLiteral("generateName"))
                                        .toString()
                                        .isEmpty();
            return unexpected(QStringLiteral("import.object"),
                              generated ? Tr::tr("%1 uses metadata.generateName, which apply "
                                                 "cannot update later: give it a name")
                                              .arg(id.kind)
                                        : Tr::tr("%1 has no metadata.name").arg(id.kind),
                              location);
        }
        if (id.namespace_.isEmpty() && !options.defaultNamespace.isEmpty()
            && !isClusterScoped(id.kind))
            object.member(QStringLiteral("metadata"))
                .insert(QStringLiteral("namespace"), options.defaultNamespace);
        ApplyItem item = ApplyItem::create(object);
        item.source = where;
        item.line = line;
        items.append(item);
    }
    if (items.isEmpty())
        return unexpected(QStringLiteral("import.empty"),
                          Tr::tr("no Kubernetes object (a mapping with apiVersion and kind) found"),
                          where);
    return items;
}

Result<QList<ApplyItem>> importFile(const QString &path, const ImportOptions &options)
{
    QFile file;
    const bool stdinput = path == QLatin1String("-");
    bool opened = false;
    if (stdinput) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return unexpected(QStringLiteral("io.read"),
                          Tr::tr("cannot read file: %1").arg(file.errorString()), path);
    return importObjects(file.readAll(), stdinput ? QStringLiteral("<stdin>") : path, options);
}

QByteArray exportYaml(const QList<Value> &objects)
{
    QByteArray out;
    for (const Value &object : objects) {
        if (!out.isEmpty())
            out += "---\n";
        Value copy = forCreate(object);
        out += md::istio::toYaml(copy);
    }
    return out;
}

} // namespace md::apply
