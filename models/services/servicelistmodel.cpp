#include "services/servicelistmodel.h"

#include "mesh/selectedmesh.h"
#include "services/servicestr.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::services {

ServiceListModel::ServiceListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_watcher, &QFutureWatcher<QList<MeshService>>::finished, this, [this] {
        if (m_watcher.isCanceled())
            return;
        const QList<MeshService> result = m_watcher.result();
        if (m_again) {
            m_again = false;
            refresh();
        }
        setServices(result);
        ++m_updates;
        emit updated();
    });
}

ServiceListModel::~ServiceListModel()
{
    m_watcher.waitForFinished();
}

void ServiceListModel::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh) {
        disconnect(m_mesh->cache(), nullptr, this, nullptr);
        disconnect(m_mesh, nullptr, this, nullptr);
    }
    m_mesh = mesh;
    if (mesh) {
        connect(mesh->cache(), &md::mesh::MeshCache::changed, this, &ServiceListModel::refresh);
        connect(mesh, &md::mesh::SelectedMesh::meshChanged, this, &ServiceListModel::refresh);
    }
    refresh();
}

void ServiceListModel::refresh()
{
    if (!m_mesh) {
        setServices({});
        return;
    }
    if (m_watcher.isRunning()) {
        m_again = true;
        return;
    }
    const auto snapshot = m_mesh->cache()->snapshot(serviceKinds());
    const QStringList order = m_mesh->cache()->clusters();
    const auto mesh = m_mesh->mesh();
    const QString root = mesh ? mesh->rootNamespace : QStringLiteral("istio-system");
    m_watcher.setFuture(QtConcurrent::run(
        [snapshot, order, root] { return aggregateServices(snapshot, order, root); }));
}

void ServiceListModel::setServices(const QList<MeshService> &services)
{
    QHash<QString, int> wanted;
    for (int i = 0; i < services.size(); ++i)
        wanted.insert(services.at(i).key(), i);
    // Rows that went, from the end.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!wanted.contains(m_rows.at(row).key())) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    // Rows that stayed, changed in place.
    QHash<QString, int> have;
    for (int row = 0; row < m_rows.size(); ++row) {
        have.insert(m_rows.at(row).key(), row);
        const MeshService &fresh = services.at(wanted.value(m_rows.at(row).key()));
        if (!(fresh == m_rows.at(row))) {
            m_rows[row] = fresh;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    // New rows, at the end (the view sorts).
    QList<MeshService> added;
    for (const MeshService &s : services) {
        if (!have.contains(s.key()))
            added << s;
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
    }
}

int ServiceListModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key() == key)
            return row;
    }
    return -1;
}

int ServiceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MeshService &s = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return s.key();
    case NameRole:
        return s.name;
    case NamespaceRole:
        return s.namespaceName;
    case ClustersRole:
        return s.contexts();
    case DiagnosisRole:
        return int(s.diagnosis);
    case ReasonsRole: {
        QStringList texts;
        for (const DiagnosisReason &r : s.reasons)
            texts << r.text;
        return texts;
    }
    case SystemRole:
        return s.system;
    case SearchRole:
        return QStringList {s.name,
                            s.namespaceName,
                            s.portsSummary(),
                            s.versions().join(u' '),
                            s.contexts().join(u' '),
                            data(index, ReasonsRole).toStringList().join(u' ')}
            .join(u' ');
    case Qt::ToolTipRole:
        if (index.column() == ClustersColumn)
            return s.contexts().join(u'\n');
        if (index.column() == PortsColumn)
            return s.portsSummary();
        if (s.reasons.isEmpty())
            return Tr::tr("No problem found");
        return data(index, ReasonsRole).toStringList().join(u'\n');
    case SortRole:
        switch (index.column()) {
        case InjectedColumn:
            return s.podCount() == 0 ? -1.0 : double(s.injectedCount()) / s.podCount();
        case DiagnosisColumn:
            return int(s.diagnosis);
        case ClustersColumn:
            return int(s.clusters.size());
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return s.name;
        case NamespaceColumn:
            return s.namespaceName;
        case ClustersColumn:
            return s.contexts().join(QStringLiteral(", "));
        case PortsColumn:
            return s.portsSummary();
        case VersionsColumn:
            return s.versions().join(QStringLiteral(", "));
        case InjectedColumn:
            return QStringLiteral("%1/%2").arg(s.injectedCount()).arg(s.podCount());
        case DiagnosisColumn:
            return diagnosisText(s.diagnosis);
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant ServiceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return Tr::tr("Name");
    case NamespaceColumn:
        return Tr::tr("Namespace");
    case ClustersColumn:
        return Tr::tr("Clusters");
    case PortsColumn:
        return Tr::tr("Ports");
    case VersionsColumn:
        return Tr::tr("Versions");
    case InjectedColumn:
        return Tr::tr("Injected");
    case DiagnosisColumn:
        return Tr::tr("Diagnosis");
    }
    return {};
}

ServiceFilterModel::ServiceFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ServiceListModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ServiceFilterModel::setCluster(const QString &context)
{
    if (context == m_cluster)
        return;
    m_cluster = context;
    invalidateFilter();
}

void ServiceFilterModel::setNamespace(const QString &ns)
{
    if (ns == m_namespace)
        return;
    m_namespace = ns;
    invalidateFilter();
}

void ServiceFilterModel::setDiagnosis(const QString &id)
{
    if (id == m_diagnosis)
        return;
    m_diagnosis = id;
    invalidateFilter();
}

void ServiceFilterModel::setShowSystem(bool show)
{
    if (show == m_showSystem)
        return;
    m_showSystem = show;
    invalidateFilter();
}

void ServiceFilterModel::setSearch(const QString &text)
{
    const QStringList words = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateFilter();
}

bool ServiceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString ns = index.data(ServiceListModel::NamespaceRole).toString();
    if (!m_namespace.isEmpty() && ns != m_namespace)
        return false;
    // A namespace asked for by name shows even when it is a system one.
    if (!m_showSystem && m_namespace.isEmpty() && index.data(ServiceListModel::SystemRole).toBool())
        return false;
    if (!m_cluster.isEmpty()
        && !index.data(ServiceListModel::ClustersRole).toStringList().contains(m_cluster))
        return false;
    if (!m_diagnosis.isEmpty()) {
        const auto d = Diagnosis(index.data(ServiceListModel::DiagnosisRole).toInt());
        if (m_diagnosis == QLatin1String("problems") ? d == Diagnosis::Normal
                                                     : diagnosisId(d) != m_diagnosis)
            return false;
    }
    if (!m_words.isEmpty()) {
        const QString text = index.data(ServiceListModel::SearchRole).toString();
        for (const QString &word : m_words) {
            if (!text.contains(word, Qt::CaseInsensitive))
                return false;
        }
    }
    return true;
}

} // namespace md::services
