#include "cli/kubecommands.h"

#include "cli/clisession.h"
#include "cli/clitr.h"
#include "kube/discovery.h"
#include "kube/kubeclient.h"
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"
#include "schema/yamljson.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace md::cli {

namespace {

using namespace md::kube;

Result<Kubeconfig> loadConfig(const KubeOptions &options)
{
    return loadKubeconfig(LoadingRules::fromEnvironment(options.kubeconfig));
}

void printTable(const QList<QStringList> &rows, QTextStream &out)
{
    if (rows.isEmpty())
        return;
    QList<qsizetype> widths(rows.constFirst().size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i + 1 < row.size())
                line += row.at(i).leftJustified(widths.at(i) + 3);
            else
                line += row.at(i);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out << line << '\n';
    }
}

// kubectl leaves metadata.managedFields out of its output unless asked: so do we.
QJsonObject withoutManagedFields(QJsonObject object)
{
    QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
    metadata.remove(QLatin1String("managedFields"));
    object.insert(QStringLiteral("metadata"), metadata);
    return object;
}

QString metadataString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String(key)).toString();
}

} // namespace

QString formatAge(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 120)
        return QString::number(seconds) + QLatin1Char('s');
    if (seconds < 120 * 60)
        return QString::number(seconds / 60) + QLatin1Char('m');
    if (seconds < 48 * 3600)
        return QString::number(seconds / 3600) + QLatin1Char('h');
    if (seconds < 2 * 365 * 86400)
        return QString::number(seconds / 86400) + QLatin1Char('d');
    return QString::number(seconds / (365 * 86400)) + QLatin1Char('y');
}

int runContexts(const KubeOptions &options, QTextStream &out, QTextStream &err)
{
    const Result<Kubeconfig> config = loadConfig(options);
    if (!config) {
        err << Tr::tr("meshdesk-cli: %1").arg(config.error().toString()) << '\n';
        return Failure;
    }
    if (options.output == QLatin1String("name")) {
        for (const QString &name : config->contexts.keys())
            out << name << '\n';
        return Success;
    }
    QList<QStringList> rows {{Tr::tr("CURRENT"), Tr::tr("NAME"), Tr::tr("CLUSTER"),
                              Tr::tr("AUTHINFO"), Tr::tr("NAMESPACE")}};
    for (auto it = config->contexts.cbegin(); it != config->contexts.cend(); ++it) {
        rows.append({it.key() == config->currentContext ? QStringLiteral("*") : QString(), it.key(),
                     it->cluster, it->user, it->namespaceName});
    }
    printTable(rows, out);
    return Success;
}

int runGet(const KubeOptions &options, const QStringList &args, QTextStream &out, QTextStream &err)
{
    if (args.isEmpty() || args.size() > 2) {
        err << Tr::tr("meshdesk-cli get: expected KIND [NAME], e.g. `meshdesk-cli get "
                      "virtualservices -n bookinfo`")
            << '\n';
        return UsageError;
    }
    const QStringList outputs {QString(), QStringLiteral("json"), QStringLiteral("yaml"),
                               QStringLiteral("name")};
    if (!outputs.contains(options.output)) {
        err << Tr::tr("meshdesk-cli get: unknown output format \"%1\" (use json, yaml or name)")
                   .arg(options.output)
            << '\n';
        return UsageError;
    }
    auto session
        = connectSession({options.kubeconfig, options.context, options.namespaceName}, err);
    if (!session) {
        err << Tr::tr("meshdesk-cli: %1").arg(session.error()) << '\n';
        return Failure;
    }
    const RestConfig *rest = &(*session)->rest;
    KubeClient &client = *(*session)->client;
    const ApiResource *resource = (*session)->discovery.find(args.constFirst());
    if (!resource) {
        err << Tr::tr("meshdesk-cli: the server doesn't have a resource type \"%1\"")
                   .arg(args.constFirst())
            << '\n';
        return Failure;
    }
    const QString ns
        = options.allNamespaces || !resource->ref.namespaced ? QString() : rest->namespaceName;

    QList<QJsonObject> objects;
    QJsonValue document;
    if (args.size() == 2) {
        auto got = await<ObjectResult>([&](QObject *ctx, auto done) {
            client.get(resource->ref, rest->namespaceName, args.at(1), ctx, done);
        });
        if (!got || !*got) {
            err << Tr::tr("Error from server: %1")
                       .arg(got ? got->error().detail() : Tr::tr("no answer within 60 s"))
                << '\n';
            return Failure;
        }
        objects.append(**got);
        document = options.showManagedFields ? **got : withoutManagedFields(**got);
    } else {
        ListOptions listOptions;
        listOptions.limit = 500;
        listOptions.labelSelector = options.labelSelector;
        auto listed = await<ListResult>([&](QObject *ctx, auto done) {
            client.listAll(resource->ref, ns, listOptions, ctx, done);
        });
        if (!listed || !*listed) {
            err << Tr::tr("Error from server: %1")
                       .arg(listed ? listed->error().detail() : Tr::tr("no answer within 60 s"))
                << '\n';
            return Failure;
        }
        for (const KubeObject &item : (*listed)->items)
            objects.append(item.toJson());
        QJsonArray items;
        for (const QJsonObject &o : objects)
            items.append(options.showManagedFields ? o : withoutManagedFields(o));
        document = QJsonObject {
            {QStringLiteral("apiVersion"), QStringLiteral("v1")},
            {QStringLiteral("kind"), QStringLiteral("List")},
            {QStringLiteral("items"), items},
            {QStringLiteral("metadata"),
             QJsonObject {{QStringLiteral("resourceVersion"), (*listed)->resourceVersion}}}};
    }

    if (options.output == QLatin1String("json")) {
        out << QString::fromUtf8(
            QJsonDocument(document.toObject()).toJson(QJsonDocument::Indented));
        return Success;
    }
    if (options.output == QLatin1String("yaml")) {
        out << QString::fromUtf8(md::schema::toYaml(document));
        return Success;
    }
    // As kubectl prints it: the kind in lower case, qualified by its group.
    const QString kind = resource->ref.kind.toLower();
    const QString typeName
        = resource->ref.group.isEmpty() ? kind : kind + QLatin1Char('.') + resource->ref.group;
    if (options.output == QLatin1String("name")) {
        for (const QJsonObject &o : objects)
            out << typeName << '/' << metadataString(o, "name") << '\n';
        return Success;
    }
    if (objects.isEmpty()) {
        err << (ns.isEmpty() ? Tr::tr("No resources found")
                             : Tr::tr("No resources found in %1 namespace.").arg(ns))
            << '\n';
        return Success;
    }
    const bool showNamespace = resource->ref.namespaced && ns.isEmpty();
    QList<QStringList> rows;
    QStringList header;
    if (showNamespace)
        header << Tr::tr("NAMESPACE");
    header << Tr::tr("NAME") << Tr::tr("AGE");
    rows << header;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonObject &o : objects) {
        QStringList row;
        if (showNamespace)
            row << metadataString(o, "namespace");
        const QDateTime created
            = QDateTime::fromString(metadataString(o, "creationTimestamp"), Qt::ISODate);
        row << metadataString(o, "name")
            << (created.isValid() ? formatAge(created.secsTo(now)) : QStringLiteral("<unknown>"));
        rows << row;
    }
    std::sort(rows.begin() + 1, rows.end());
    printTable(rows, out);
    return Success;
}

} // namespace md::cli
