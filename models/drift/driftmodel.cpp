#include "drift/driftmodel.h"

#include "mesh/selectedmesh.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::drift {

DriftModel::DriftModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<QList<Entry>>::finished, this, [this] {
        m_running = false;
        const QList<Entry> entries = m_watcher.result();
        if (m_again) {
            m_again = false;
            refresh();
            return; // a newer snapshot is on its way
        }
        setEntries(entries);
    });
}

DriftModel::~DriftModel()
{
    m_watcher.waitForFinished();
}

void DriftModel::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh)
        disconnect(m_mesh, nullptr, this, nullptr);
    m_mesh = mesh;
    if (m_mesh) {
        connect(m_mesh, &md::mesh::SelectedMesh::meshChanged, this, &DriftModel::refresh);
        connect(m_mesh->cache(), &md::mesh::MeshCache::changed, this, &DriftModel::refresh);
        connect(m_mesh->cache(), &md::mesh::MeshCache::syncedChanged, this, &DriftModel::refresh);
    }
    refresh();
}

void DriftModel::setMinCopies(int copies)
{
    if (copies == m_minCopies)
        return;
    m_minCopies = copies;
    refresh();
}

void DriftModel::refresh()
{
    if (m_running) {
        m_again = true;
        return;
    }
    Options options;
    options.minCopies = m_minCopies;
    md::mesh::MeshCache::Snapshot snapshot;
    if (m_mesh && m_mesh->cache()) {
        const md::mesh::MeshCache *cache = m_mesh->cache();
        options.clusters = cache->clusters();
        QList<md::mesh::MeshCache::Kind> kinds;
        for (const QString &context : std::as_const(options.clusters)) {
            QHash<QString, QString> served;
            for (const md::kube::ResourceRef &ref : cache->resources(context)) {
                if (!md::mesh::MeshCache::isIstioGroup(ref.group))
                    continue;
                served.insert(kindKey(ref.group, ref.kind), ref.groupVersion());
                const md::mesh::MeshCache::Kind kind {ref.group, ref.kind};
                if (!kinds.contains(kind))
                    kinds.append(kind);
            }
            // A cluster still listing would count as missing everything.
            if (cache->status(context).synced == cache->status(context).informers)
                options.served.insert(context, served);
        }
        if (!kinds.isEmpty())
            snapshot = cache->snapshot(kinds);
    }
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run([snapshot, options] {
        QList<Source> sources;
        for (auto it = snapshot.cbegin(); it != snapshot.cend(); ++it) {
            for (const md::mesh::MeshCache::Item &item : it.value())
                sources.append({it.key(), item.resource, item.object});
        }
        return findDrift(sources, options);
    }));
}

void DriftModel::setEntries(const QList<Entry> &entries)
{
    bool sameRows = entries.size() == m_entries.size();
    for (qsizetype i = 0; sameRows && i < entries.size(); ++i)
        sameRows = entries.at(i).id() == m_entries.at(i).id();
    if (sameRows) {
        m_entries = entries;
        if (!m_entries.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, NUM_COLUMNS - 1));
    } else {
        beginResetModel();
        m_entries = entries;
        endResetModel();
    }
    ++m_updates;
    emit updated();
}

int DriftModel::rowOfId(const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).id() == id)
            return row;
    }
    return -1;
}

int DriftModel::count(Entry::State state) const
{
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(),
                             [state](const Entry &e) { return e.state() == state; }));
}

int DriftModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int DriftModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant DriftModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return entry.kind;
        case NamespaceColumn:
            return entry.namespace_;
        case NameColumn:
            return entry.name;
        case ClustersColumn: {
            QStringList names;
            for (const Copy &copy : entry.copies)
                names << copy.context;
            return names.join(QStringLiteral(", "));
        }
        case StateColumn:
            return entry.stateText();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StateColumn || index.column() == ClustersColumn) {
            QStringList lines;
            for (const Copy &copy : entry.copies)
                lines << tr("%1: version %2 (resourceVersion %3)")
                             .arg(copy.context)
                             .arg(QChar(u'A' + std::min(copy.variant, 25)))
                             .arg(copy.resourceVersion);
            for (const QString &cluster : entry.missing)
                lines << tr("%1: missing").arg(cluster);
            return lines.join(QLatin1Char('\n'));
        }
        return data(index, Qt::DisplayRole);
    case IdRole:
        return entry.id();
    case StateRole:
        return int(entry.state());
    case NameRole:
        return entry.name;
    case NamespaceRole:
        return entry.namespace_;
    case KindRole:
        return entry.kind;
    }
    return {};
}

QVariant DriftModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case NamespaceColumn:
        return tr("Namespace");
    case NameColumn:
        return tr("Name");
    case ClustersColumn:
        return tr("Clusters");
    case StateColumn:
        return tr("State");
    }
    return {};
}

DriftFilterModel::DriftFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void DriftFilterModel::setDifferingOnly(bool on)
{
    if (on == m_differingOnly)
        return;
    m_differingOnly = on;
    invalidateRowsFilter();
}

void DriftFilterModel::setSearchText(const QString &text)
{
    const QString search = text.trimmed().toLower();
    if (search == m_search)
        return;
    m_search = search;
    invalidateRowsFilter();
}

bool DriftFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_differingOnly && index.data(DriftModel::StateRole).toInt() == int(Entry::State::InSync))
        return false;
    if (m_search.isEmpty())
        return true;
    for (int role : {DriftModel::KindRole, DriftModel::NamespaceRole, DriftModel::NameRole}) {
        if (index.data(role).toString().toLower().contains(m_search))
            return true;
    }
    return false;
}

} // namespace md::drift
