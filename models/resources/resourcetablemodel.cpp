#include "resources/resourcetablemodel.h"

#include "items/policyrow.h"
#include "mesh/liveanalysis.h"
#include "mesh/selectedmesh.h"

#include <QtConcurrent/QtConcurrentRun>

#include <QSet>

namespace md::resources {

using md::mesh::MeshCache;

QDateTime creationTime(const QByteArray &json)
{
    static const QByteArray field = QByteArrayLiteral("\"creationTimestamp\":\"");
    const qsizetype at = json.indexOf(field);
    if (at < 0)
        return {};
    const qsizetype start = at + field.size();
    const qsizetype end = json.indexOf('"', start);
    if (end < 0)
        return {};
    return QDateTime::fromString(QString::fromLatin1(json.mid(start, end - start)), Qt::ISODate);
}

QList<ResourceRow> resourceRows(const MeshCache::Snapshot &snapshot)
{
    QList<ResourceRow> rows;
    QSet<QString> keys;
    for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
        for (const MeshCache::Item &item : it.value()) {
            if (!MeshCache::isIstioGroup(item.resource.group))
                continue;
            ResourceRow row;
            row.context = it.key();
            row.resource = item.resource;
            row.namespace_ = item.object.namespaceName();
            row.name = item.object.name();
            row.resourceVersion = item.object.resourceVersion();
            row.created = creationTime(item.object.json());
            const QString path = md::kube::KubeObject::keyFor(row.namespace_, row.name);
            row.key = row.context + QLatin1Char('\n') + row.resource.group + QLatin1Char('/')
                + row.resource.kind + QLatin1Char('\n') + path;
            if (keys.contains(row.key))
                continue;
            keys.insert(row.key);
            row.checkId
                = row.context + QLatin1Char('\n') + row.resource.kind + QLatin1Char(' ') + path;
            row.haystack = (row.name + QLatin1Char('\n') + row.namespace_ + QLatin1Char('\n')
                            + row.resource.kind)
                               .toLower();
            rows.append(row);
        }
    }
    return rows;
}

int ResourceTableModel::Checks::severity() const
{
    if (errors)
        return int(md::istio::Severity::Error);
    if (warnings)
        return int(md::istio::Severity::Warning);
    if (infos)
        return int(md::istio::Severity::Info);
    return -1;
}

ResourceTableModel::ResourceTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<QList<ResourceRow>>::finished, this, [this] {
        m_running = false;
        if (m_again) {
            m_again = false;
            refresh();
            return;
        }
        setRows(m_watcher.result());
    });
}

ResourceTableModel::~ResourceTableModel()
{
    m_watcher.waitForFinished();
}

void ResourceTableModel::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh) {
        disconnect(m_mesh, nullptr, this, nullptr);
        disconnect(m_mesh->cache(), nullptr, this, nullptr);
        disconnect(m_mesh->analysis(), nullptr, this, nullptr);
    }
    m_mesh = mesh;
    if (m_mesh) {
        connect(m_mesh, &md::mesh::SelectedMesh::meshChanged, this, &ResourceTableModel::refresh);
        connect(m_mesh->cache(), &MeshCache::changed, this, &ResourceTableModel::refresh);
        connect(m_mesh->cache(), &MeshCache::syncedChanged, this, &ResourceTableModel::refresh);
        connect(m_mesh->analysis(), &md::mesh::LiveAnalysis::updated, this,
                [this] { setMessages(m_mesh->analysis()->messages()); });
        if (m_mesh->analysis()->runs() > 0)
            setMessages(m_mesh->analysis()->messages());
    }
    refresh();
}

void ResourceTableModel::refresh()
{
    if (m_running) {
        m_again = true;
        return;
    }
    MeshCache::Snapshot snapshot;
    if (m_mesh && m_mesh->cache()) {
        const MeshCache *cache = m_mesh->cache();
        QList<MeshCache::Kind> kinds;
        for (const QString &context : cache->clusters()) {
            for (const md::kube::ResourceRef &ref : cache->resources(context)) {
                const MeshCache::Kind kind {ref.group, ref.kind};
                if (MeshCache::isIstioGroup(ref.group) && !kinds.contains(kind))
                    kinds.append(kind);
            }
        }
        if (!kinds.isEmpty())
            snapshot = cache->snapshot(kinds);
    }
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run([snapshot] { return resourceRows(snapshot); }));
}

void ResourceTableModel::setRows(const QList<ResourceRow> &rows)
{
    QHash<QString, int> fresh;
    fresh.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        fresh.insert(rows.at(i).key, i);

    // Removed rows, in runs from the end.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (fresh.contains(m_rows.at(row).key))
            continue;
        int first = row;
        while (first > 0 && !fresh.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, row);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        row = first;
    }
    reindex();
    // Changed rows in place, new ones at the end.
    QList<ResourceRow> added;
    for (const ResourceRow &row : rows) {
        const int at = m_rowOfKey.value(row.key, -1);
        if (at < 0) {
            added.append(row);
        } else if (m_rows.at(at).resourceVersion != row.resourceVersion) {
            m_rows[at] = row;
            emit dataChanged(index(at, 0), index(at, NUM_COLUMNS - 1));
        }
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
        reindex();
    }
    ++m_updates;
    emit updated();
}

void ResourceTableModel::reindex()
{
    m_rowOfKey.clear();
    m_rowOfKey.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOfKey.insert(m_rows.at(i).key, i);
}

void ResourceTableModel::setMessages(const QList<md::istio::Message> &messages)
{
    m_checks.clear();
    for (const md::istio::Message &m : messages) {
        Checks &checks = m_checks[m.source + QLatin1Char('\n') + m.object];
        switch (m.severity) {
        case md::istio::Severity::Error:
            ++checks.errors;
            break;
        case md::istio::Severity::Warning:
            ++checks.warnings;
            break;
        case md::istio::Severity::Info:
            ++checks.infos;
            break;
        }
        QString line = md::istio::severityName(m.severity) + QStringLiteral(" [") + m.code
            + QStringLiteral("] ");
        if (!m.path.isEmpty())
            line += m.path + QStringLiteral(": ");
        checks.lines << line + m.text;
    }
    m_checked = true;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, ChecksColumn), index(rowCount() - 1, ChecksColumn));
}

QStringList ResourceTableModel::namespaces() const
{
    QSet<QString> set;
    for (const ResourceRow &row : m_rows)
        set.insert(row.namespace_);
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QStringList ResourceTableModel::clusters() const
{
    QSet<QString> set;
    for (const ResourceRow &row : m_rows)
        set.insert(row.context);
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

QHash<QString, int> ResourceTableModel::kindCounts() const
{
    QHash<QString, int> counts;
    for (const ResourceRow &row : m_rows)
        ++counts[row.resource.group + QLatin1Char('/') + row.resource.kind];
    return counts;
}

int ResourceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResourceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant ResourceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ResourceRow &row = m_rows.at(index.row());
    const auto checks = m_checks.constFind(row.checkId);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case NamespaceColumn:
            return row.namespace_;
        case KindColumn:
            if (role == Qt::ToolTipRole)
                return QString(row.resource.groupVersion() + QLatin1Char(' ') + row.resource.kind);
            return row.resource.kind;
        case ClusterColumn:
            return row.context;
        case ChecksColumn:
            if (!m_checked)
                return QString();
            if (checks == m_checks.cend())
                return role == Qt::ToolTipRole ? tr("The live checks found no problem") : tr("OK");
            if (role == Qt::ToolTipRole)
                return checks->lines.join(QLatin1Char('\n'));
            {
                QStringList parts;
                if (checks->errors)
                    parts << tr("%n error(s)", nullptr, checks->errors);
                if (checks->warnings)
                    parts << tr("%n warning(s)", nullptr, checks->warnings);
                if (checks->infos)
                    parts << tr("%n info(s)", nullptr, checks->infos);
                return parts.join(QStringLiteral(", "));
            }
        case AgeColumn:
            return role == Qt::ToolTipRole
                ? QLocale().toString(row.created.toLocalTime(), QLocale::ShortFormat)
                : md::ageText(row.created, QDateTime::currentDateTimeUtc());
        }
        return {};
    case SortRole:
        if (index.column() == AgeColumn)
            return -row.created.toSecsSinceEpoch(); // youngest first, as kubectl's age
        if (index.column() == ChecksColumn)
            return checks == m_checks.cend() ? 9 : checks->severity();
        return data(index, Qt::DisplayRole);
    case KeyRole:
        return row.key;
    case ContextRole:
        return row.context;
    case GroupRole:
        return row.resource.group;
    case KindRole:
        return row.resource.kind;
    case NamespaceRole:
        return row.namespace_;
    case NameRole:
        return row.name;
    case SeverityRole:
        return checks == m_checks.cend() ? -1 : checks->severity();
    }
    return {};
}

QVariant ResourceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case NamespaceColumn:
        return tr("Namespace");
    case KindColumn:
        return tr("Kind");
    case ClusterColumn:
        return tr("Cluster");
    case ChecksColumn:
        return tr("Checks");
    case AgeColumn:
        return tr("Age");
    }
    return {};
}

ResourceFilterModel::ResourceFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ResourceTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ResourceFilterModel::setKind(const QString &group, const QString &kind)
{
    m_group = group;
    m_kind = kind;
    invalidateRowsFilter();
}

void ResourceFilterModel::setNamespaceFilter(const QString &ns)
{
    m_namespace = ns;
    invalidateRowsFilter();
}

void ResourceFilterModel::setClusterFilter(const QString &cluster)
{
    m_cluster = cluster;
    invalidateRowsFilter();
}

void ResourceFilterModel::setSearchText(const QString &text)
{
    const QString search = text.trimmed().toLower();
    if (search == m_search)
        return;
    m_search = search;
    invalidateRowsFilter();
}

bool ResourceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto *model = qobject_cast<const ResourceTableModel *>(sourceModel());
    if (!model || sourceParent.isValid())
        return false;
    const ResourceRow &row = model->rowAt(sourceRow);
    if (!m_group.isEmpty() && row.resource.group != m_group)
        return false;
    if (!m_kind.isEmpty() && row.resource.kind != m_kind)
        return false;
    if (!m_namespace.isEmpty() && row.namespace_ != m_namespace)
        return false;
    if (!m_cluster.isEmpty() && row.context != m_cluster)
        return false;
    return m_search.isEmpty() || row.haystack.contains(m_search);
}

} // namespace md::resources
