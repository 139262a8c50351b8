#include "tables.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

struct Column
{
    QString name;
    QString type = QStringLiteral("string");
    int priority = 0;
    QString format = {};
};

QJsonObject meta(const QJsonObject &o)
{
    return o.value(u"metadata"_s).toObject();
}

QString age(const QJsonObject &o)
{
    const QDateTime created
        = QDateTime::fromString(meta(o).value(u"creationTimestamp"_s).toString(), Qt::ISODate);
    if (!created.isValid())
        return u"<unknown>"_s;
    return humanDuration(created.secsTo(QDateTime::currentDateTimeUtc()));
}

QString selectorText(const QJsonObject &selector)
{
    QStringList out;
    for (auto it = selector.begin(); it != selector.end(); ++it)
        out << it.key() + u'=' + it.value().toString();
    return out.isEmpty() ? u"<none>"_s : out.join(u',');
}

// A CRD column's JSONPath: only the simple ".a.b[0].c" form Istio's CRDs use.
QJsonValue evaluatePath(const QJsonObject &o, const QString &path)
{
    QJsonValue v = o;
    QString p = path;
    if (p.startsWith(u'.'))
        p.remove(0, 1);
    for (const QString &part : p.split(u'.', Qt::SkipEmptyParts)) {
        QString name = part;
        int index = -1;
        if (const qsizetype b = part.indexOf(u'['); b >= 0) {
            name = part.left(b);
            index = part.mid(b + 1).chopped(1).toInt();
        }
        v = v.toObject().value(name);
        if (index >= 0)
            v = v.toArray().at(index);
    }
    return v;
}

QJsonValue cellFor(const QJsonValue &v, const QString &type)
{
    if (v.isUndefined() || v.isNull())
        return QJsonValue::Null;
    if (type == u"date"_s) {
        const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
        return t.isValid() ? humanDuration(t.secsTo(QDateTime::currentDateTimeUtc())) : v;
    }
    if (v.isArray() || v.isObject())
        return QString::fromUtf8(v.isArray()
                                     ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return v;
}

QString sinceText(const QString &timestamp)
{
    const QDateTime t = QDateTime::fromString(timestamp, Qt::ISODate);
    return t.isValid() ? humanDuration(t.secsTo(QDateTime::currentDateTimeUtc())) : u"<unknown>"_s;
}

// core/v1 and events.k8s.io/v1 Events print alike.
QJsonArray eventCells(const QJsonObject &o)
{
    const bool core = o.contains(u"involvedObject"_s);
    const QJsonObject regarding = o.value(core ? u"involvedObject"_s : u"regarding"_s).toObject();
    const QString last = core ? o.value(u"lastTimestamp"_s).toString()
                              : o.value(u"deprecatedLastTimestamp"_s).toString();
    const QString first = core ? o.value(u"firstTimestamp"_s).toString()
                               : o.value(u"deprecatedFirstTimestamp"_s).toString();
    const QString eventTime = o.value(u"eventTime"_s).toString();
    const QString source = core ? o.value(u"source"_s).toObject().value(u"component"_s).toString()
                                : o.value(u"reportingController"_s).toString();
    const QString host
        = core ? o.value(u"source"_s).toObject().value(u"host"_s).toString() : QString();
    return {sinceText(last.isEmpty() ? eventTime : last),
            o.value(u"type"_s).toString(),
            o.value(u"reason"_s).toString(),
            regarding.value(u"kind"_s).toString().toLower() + u'/'
                + regarding.value(u"name"_s).toString(),
            regarding.value(u"fieldPath"_s).toString(),
            host.isEmpty() ? source : source + u", "_s + host,
            o.value(core ? u"message"_s : u"note"_s).toString(),
            sinceText(first.isEmpty() ? eventTime : first),
            o.value(core ? u"count"_s : u"deprecatedCount"_s).toInt(1),
            meta(o).value(u"name"_s).toString()};
}

QList<Column> builtinColumns(const QString &kind)
{
    const Column name {u"Name"_s, u"string"_s, 0, u"name"_s};
    const Column ageColumn {u"Age"_s};
    if (kind == u"Pod"_s)
        return {name,
                {u"Ready"_s},
                {u"Status"_s},
                {u"Restarts"_s},
                ageColumn,
                {u"IP"_s, u"string"_s, 1},
                {u"Node"_s, u"string"_s, 1}};
    if (kind == u"Deployment"_s)
        return {name,
                {u"Ready"_s},
                {u"Up-to-date"_s, u"integer"_s},
                {u"Available"_s, u"integer"_s},
                ageColumn,
                {u"Containers"_s, u"string"_s, 1},
                {u"Images"_s, u"string"_s, 1},
                {u"Selector"_s, u"string"_s, 1}};
    if (kind == u"StatefulSet"_s)
        return {name, {u"Ready"_s}, ageColumn};
    if (kind == u"ReplicaSet"_s)
        return {name,
                {u"Desired"_s, u"integer"_s},
                {u"Current"_s, u"integer"_s},
                {u"Ready"_s, u"integer"_s},
                ageColumn,
                {u"Containers"_s, u"string"_s, 1},
                {u"Images"_s, u"string"_s, 1},
                {u"Selector"_s, u"string"_s, 1}};
    if (kind == u"ControllerRevision"_s)
        return {name, {u"Controller"_s}, {u"Revision"_s, u"integer"_s}, ageColumn};
    if (kind == u"Event"_s)
        return {{u"Last Seen"_s},
                {u"Type"_s},
                {u"Reason"_s},
                {u"Object"_s},
                {u"Subobject"_s, u"string"_s, 1},
                {u"Source"_s, u"string"_s, 1},
                {u"Message"_s},
                {u"First Seen"_s, u"string"_s, 1},
                {u"Count"_s, u"integer"_s, 1},
                {u"Name"_s, u"string"_s, 1, u"name"_s}};
    if (kind == u"DaemonSet"_s)
        return {name,
                {u"Desired"_s, u"integer"_s},
                {u"Current"_s, u"integer"_s},
                {u"Ready"_s, u"integer"_s},
                {u"Up-to-date"_s, u"integer"_s},
                {u"Available"_s, u"integer"_s},
                ageColumn};
    if (kind == u"Service"_s)
        return {name,
                {u"Type"_s},
                {u"Cluster-IP"_s},
                {u"External-IP"_s},
                {u"Port(s)"_s},
                ageColumn,
                {u"Selector"_s, u"string"_s, 1}};
    if (kind == u"Endpoints"_s)
        return {name, {u"Endpoints"_s}, ageColumn};
    if (kind == u"Namespace"_s)
        return {name, {u"Status"_s}, ageColumn};
    if (kind == u"Node"_s)
        return {name, {u"Status"_s}, {u"Roles"_s}, ageColumn, {u"Version"_s}};
    if (kind == u"ConfigMap"_s)
        return {name, {u"Data"_s, u"integer"_s}, ageColumn};
    if (kind == u"Secret"_s)
        return {name, {u"Type"_s}, {u"Data"_s, u"integer"_s}, ageColumn};
    if (kind == u"CustomResourceDefinition"_s)
        return {name, {u"Created At"_s, u"date"_s}};
    if (kind.endsWith(u"WebhookConfiguration"_s))
        return {name, {u"Webhooks"_s, u"integer"_s}, ageColumn};
    return {name, ageColumn};
}

QJsonArray builtinCells(const QString &kind, const QJsonObject &o)
{
    const QJsonObject spec = o.value(u"spec"_s).toObject();
    const QJsonObject status = o.value(u"status"_s).toObject();
    const QString name = meta(o).value(u"name"_s).toString();
    if (kind == u"Pod"_s) {
        const QJsonArray statuses = status.value(u"containerStatuses"_s).toArray();
        int ready = 0;
        int restarts = 0;
        QString reason = status.value(u"phase"_s).toString();
        for (const QJsonValue &c : statuses) {
            ready += c.toObject().value(u"ready"_s).toBool();
            restarts += c.toObject().value(u"restartCount"_s).toInt();
            const QString waiting = c.toObject()
                                        .value(u"state"_s)
                                        .toObject()
                                        .value(u"waiting"_s)
                                        .toObject()
                                        .value(u"reason"_s)
                                        .toString();
            if (!waiting.isEmpty())
                reason = waiting;
        }
        return {name,
                QString::number(ready) + u'/'
                    + QString::number(spec.value(u"containers"_s).toArray().size()),
                reason,
                restarts,
                age(o),
                status.value(u"podIP"_s).toString(u"<none>"_s),
                spec.value(u"nodeName"_s).toString(u"<none>"_s)};
    }
    if (kind == u"Deployment"_s || kind == u"StatefulSet"_s) {
        const QString ready = QString::number(status.value(u"readyReplicas"_s).toInt()) + u'/'
            + QString::number(spec.value(u"replicas"_s).toInt(1));
        if (kind == u"StatefulSet"_s)
            return {name, ready, age(o)};
        QStringList containers;
        QStringList images;
        for (const QJsonValue &c : spec.value(u"template"_s)
                                       .toObject()
                                       .value(u"spec"_s)
                                       .toObject()
                                       .value(u"containers"_s)
                                       .toArray()) {
            containers << c.toObject().value(u"name"_s).toString();
            images << c.toObject().value(u"image"_s).toString();
        }
        return {
            name,
            ready,
            status.value(u"updatedReplicas"_s).toInt(),
            status.value(u"availableReplicas"_s).toInt(),
            age(o),
            containers.join(u','),
            images.join(u','),
            selectorText(spec.value(u"selector"_s).toObject().value(u"matchLabels"_s).toObject())};
    }
    if (kind == u"ReplicaSet"_s) {
        QStringList containers;
        QStringList images;
        for (const QJsonValue &c : spec.value(u"template"_s)
                                       .toObject()
                                       .value(u"spec"_s)
                                       .toObject()
                                       .value(u"containers"_s)
                                       .toArray()) {
            containers << c.toObject().value(u"name"_s).toString();
            images << c.toObject().value(u"image"_s).toString();
        }
        return {
            name,
            spec.value(u"replicas"_s).toInt(1),
            status.value(u"replicas"_s).toInt(),
            status.value(u"readyReplicas"_s).toInt(),
            age(o),
            containers.join(u','),
            images.join(u','),
            selectorText(spec.value(u"selector"_s).toObject().value(u"matchLabels"_s).toObject())};
    }
    if (kind == u"ControllerRevision"_s) {
        const QJsonObject owner = meta(o).value(u"ownerReferences"_s).toArray().first().toObject();
        return {name,
                owner.isEmpty() ? u"<none>"_s
                                : owner.value(u"kind"_s).toString().toLower() + u".apps/"_s
                        + owner.value(u"name"_s).toString(),
                o.value(u"revision"_s).toInteger(), age(o)};
    }
    if (kind == u"Event"_s)
        return eventCells(o);
    if (kind == u"DaemonSet"_s)
        return {name,
                status.value(u"desiredNumberScheduled"_s).toInt(),
                status.value(u"currentNumberScheduled"_s).toInt(),
                status.value(u"numberReady"_s).toInt(),
                status.value(u"updatedNumberScheduled"_s).toInt(),
                status.value(u"numberAvailable"_s).toInt(),
                age(o)};
    if (kind == u"Service"_s) {
        QStringList ports;
        for (const QJsonValue &p : spec.value(u"ports"_s).toArray())
            ports << QString::number(p.toObject().value(u"port"_s).toInt()) + u'/'
                    + p.toObject().value(u"protocol"_s).toString(u"TCP"_s);
        const QString type = spec.value(u"type"_s).toString(u"ClusterIP"_s);
        return {name,
                type,
                spec.value(u"clusterIP"_s).toString(u"None"_s),
                type == u"LoadBalancer"_s ? u"<pending>"_s : u"<none>"_s,
                ports.isEmpty() ? u"<none>"_s : ports.join(u','),
                age(o),
                selectorText(spec.value(u"selector"_s).toObject())};
    }
    if (kind == u"Endpoints"_s) {
        QStringList endpoints;
        for (const QJsonValue &subset : o.value(u"subsets"_s).toArray())
            for (const QJsonValue &a : subset.toObject().value(u"addresses"_s).toArray())
                for (const QJsonValue &p : subset.toObject().value(u"ports"_s).toArray())
                    endpoints << a.toObject().value(u"ip"_s).toString() + u':'
                            + QString::number(p.toObject().value(u"port"_s).toInt());
        if (endpoints.size() > 3)
            return {name,
                    QStringList(endpoints.mid(0, 3)).join(u',') + u" + "_s
                        + QString::number(endpoints.size() - 3) + u" more..."_s,
                    age(o)};
        return {name, endpoints.isEmpty() ? u"<none>"_s : endpoints.join(u','), age(o)};
    }
    if (kind == u"Namespace"_s)
        return {name, status.value(u"phase"_s).toString(u"Active"_s), age(o)};
    if (kind == u"Node"_s)
        return {name, u"Ready"_s, u"<none>"_s, age(o),
                status.value(u"nodeInfo"_s).toObject().value(u"kubeletVersion"_s).toString()};
    if (kind == u"ConfigMap"_s)
        return {
            name,
            int(o.value(u"data"_s).toObject().size() + o.value(u"binaryData"_s).toObject().size()),
            age(o)};
    if (kind == u"Secret"_s)
        return {name, o.value(u"type"_s).toString(u"Opaque"_s),
                int(o.value(u"data"_s).toObject().size()), age(o)};
    if (kind == u"CustomResourceDefinition"_s)
        return {name, meta(o).value(u"creationTimestamp"_s).toString()};
    if (kind.endsWith(u"WebhookConfiguration"_s))
        return {name, int(o.value(u"webhooks"_s).toArray().size()), age(o)};
    return {name, age(o)};
}

} // namespace

QString humanDuration(qint64 seconds)
{
    if (seconds < -1)
        return u"<invalid>"_s;
    if (seconds < 0)
        return u"0s"_s;
    if (seconds < 120)
        return QString::number(seconds) + u's';
    const qint64 minutes = seconds / 60;
    if (minutes < 10) {
        const qint64 s = seconds % 60;
        return QString::number(minutes) + u'm' + (s ? QString::number(s) + u's' : QString());
    }
    if (minutes < 180)
        return QString::number(minutes) + u'm';
    const qint64 hours = minutes / 60;
    if (hours < 8) {
        const qint64 m = minutes % 60;
        return QString::number(hours) + u'h' + (m ? QString::number(m) + u'm' : QString());
    }
    if (hours < 48)
        return QString::number(hours) + u'h';
    const qint64 days = hours / 24;
    if (hours < 24 * 8) {
        const qint64 h = hours % 24;
        return QString::number(days) + u'd' + (h ? QString::number(h) + u'h' : QString());
    }
    if (days < 365 * 2)
        return QString::number(days) + u'd';
    const qint64 years = days / 365;
    if (days < 365 * 8) {
        const qint64 d = days % 365;
        return QString::number(years) + u'y' + (d ? QString::number(d) + u'd' : QString());
    }
    return QString::number(years) + u'y';
}

std::optional<QString> acceptedTableVersion(const QByteArray &accept)
{
    for (const QByteArray &entry : accept.split(',')) {
        const QList<QByteArray> params = entry.split(';');
        QByteArray as, g, v;
        for (const QByteArray &p : params) {
            const QByteArray t = p.trimmed();
            if (t.startsWith("as="))
                as = t.mid(3);
            else if (t.startsWith("g="))
                g = t.mid(2);
            else if (t.startsWith("v="))
                v = t.mid(2);
        }
        if (as == "Table" && g == "meta.k8s.io" && (v == "v1" || v == "v1beta1"))
            return QString::fromLatin1(v);
        if (as.isEmpty() && params.first().trimmed() == "application/json")
            return std::nullopt; // plain JSON preferred before any Table
    }
    return std::nullopt;
}

IncludeObject includeObjectFrom(const QString &query)
{
    if (query == u"None"_s)
        return IncludeObject::None;
    if (query == u"Object"_s)
        return IncludeObject::Object;
    return IncludeObject::Metadata;
}

QJsonObject makeTable(const ResourceType &type, const QString &tableVersion,
                      const QList<QJsonObject> &objects, IncludeObject include,
                      const QJsonObject &listMetadata)
{
    QList<Column> columns;
    QList<QPair<QString, QString>> paths; // custom resources: jsonPath, type
    const QJsonArray printer
        = type.custom ? type.printerColumns.value(type.storageVersion) : QJsonArray {};
    if (type.custom) {
        columns << Column {u"Name"_s, u"string"_s, 0, u"name"_s};
        for (const QJsonValue &c : printer) {
            const QJsonObject o = c.toObject();
            columns << Column {o.value(u"name"_s).toString(),
                               o.value(u"type"_s).toString(u"string"_s),
                               o.value(u"priority"_s).toInt()};
            paths << qMakePair(o.value(u"jsonPath"_s).toString(), o.value(u"type"_s).toString());
        }
        if (printer.isEmpty())
            columns << Column {u"Age"_s};
    } else {
        columns = builtinColumns(type.kind);
    }
    QJsonArray definitions;
    for (const Column &c : columns)
        definitions.append(QJsonObject {{u"name"_s, c.name},
                                        {u"type"_s, c.type},
                                        {u"format"_s, c.format},
                                        {u"description"_s, QString()},
                                        {u"priority"_s, c.priority}});
    QJsonArray rows;
    for (const QJsonObject &o : objects) {
        QJsonArray cells;
        if (type.custom) {
            cells.append(meta(o).value(u"name"_s));
            for (const auto &p : paths)
                cells.append(cellFor(evaluatePath(o, p.first), p.second));
            if (printer.isEmpty())
                cells.append(age(o));
        } else {
            cells = builtinCells(type.kind, o);
        }
        QJsonObject row {{u"cells"_s, cells}};
        if (include == IncludeObject::Object) {
            row.insert(u"object"_s, o);
        } else if (include == IncludeObject::Metadata) {
            QJsonObject m = meta(o);
            m.remove(u"managedFields"_s);
            row.insert(u"object"_s,
                       QJsonObject {{u"kind"_s, u"PartialObjectMetadata"_s},
                                    {u"apiVersion"_s, u"meta.k8s.io/"_s + tableVersion},
                                    {u"metadata"_s, m}});
        }
        rows.append(row);
    }
    return QJsonObject {{u"kind"_s, u"Table"_s},
                        {u"apiVersion"_s, u"meta.k8s.io/"_s + tableVersion},
                        {u"metadata"_s, listMetadata},
                        {u"columnDefinitions"_s, definitions},
                        {u"rows"_s, rows}};
}

} // namespace md::sim
