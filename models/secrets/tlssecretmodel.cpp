#include "secrets/tlssecretmodel.h"

#include "gateways/rowupdate.h"
#include "mesh/selectedmesh.h"
#include "secrets/secretstr.h"

#include <QtConcurrent/QtConcurrentRun>

namespace md::secrets {

namespace {

bool sameRow(const TlsSecretRow &a, const TlsSecretRow &b)
{
    return a.resourceVersion == b.resourceVersion && a.status == b.status && a.problem == b.problem
        && a.context == b.context;
}

QString sansText(const TlsSecretRow &row)
{
    if (!row.certificate)
        return {};
    QStringList out;
    for (const QString &san : row.certificate->sans)
        out << (san.startsWith(QLatin1String("DNS:")) ? san.mid(4) : san);
    return out.join(QStringLiteral(", "));
}

// The issuer's CN ("CN=Shop CA,O=Example" -> "Shop CA"), else its whole name.
QString issuerName(const CertificateInfo &c)
{
    for (const QString &part : c.issuer.split(QLatin1Char(','))) {
        if (part.startsWith(QLatin1String("CN=")))
            return part.mid(3);
    }
    return c.issuer;
}

QString certificateTip(const CertificateInfo &c)
{
    QStringList lines;
    lines << Tr::tr("Subject: %1").arg(c.subject);
    if (!c.sans.isEmpty())
        lines << Tr::tr("SANs: %1").arg(c.sans.join(QStringLiteral(", ")));
    lines << Tr::tr("Issuer: %1").arg(c.issuer);
    lines << Tr::tr("Valid from %1 to %2")
                 .arg(c.notBefore.toString(Qt::ISODate), c.notAfter.toString(Qt::ISODate));
    if (!c.keyType.isEmpty())
        lines << Tr::tr("Key: %1").arg(c.keyType);
    lines << Tr::tr("SHA-256: %1").arg(c.sha256);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

TlsSecretModel::TlsSecretModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    connect(&m_watcher, &QFutureWatcher<QList<TlsSecretRow>>::finished, this,
            [this] { apply(m_watcher.result()); });
    m_clockTimer.setInterval(10 * 60 * 1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &TlsSecretModel::refresh);
    m_clockTimer.start();
}

TlsSecretModel::~TlsSecretModel()
{
    m_watcher.waitForFinished();
}

void TlsSecretModel::setMesh(md::mesh::SelectedMesh *mesh)
{
    if (m_mesh)
        disconnect(m_mesh->cache(), nullptr, this, nullptr);
    m_mesh = mesh;
    if (!mesh) {
        m_source = nullptr;
        apply({});
        return;
    }
    m_source = [mesh] {
        return mesh->cache()->snapshot(
            QList<md::mesh::MeshCache::Kind> {{QString(), QStringLiteral("Secret")}});
    };
    connect(mesh->cache(), &md::mesh::MeshCache::changed, this, &TlsSecretModel::refresh);
    refresh();
}

void TlsSecretModel::setSnapshot(const md::mesh::MeshCache::Snapshot &snapshot)
{
    m_source = [snapshot] { return snapshot; };
    refresh();
}

void TlsSecretModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    refresh();
}

void TlsSecretModel::refresh()
{
    if (!m_source)
        return;
    if (m_running) {
        m_again = true;
        return;
    }
    m_running = true;
    m_watcher.setFuture(
        QtConcurrent::run([](const md::mesh::MeshCache::Snapshot &snapshot,
                             const QDateTime &now) { return tlsSecretRows(snapshot, now); },
                          m_source(), m_clock()));
}

void TlsSecretModel::apply(QList<TlsSecretRow> rows)
{
    md::gateways::RowSignals s;
    s.beginRemove = [this](int first, int last) { beginRemoveRows({}, first, last); };
    s.endRemove = [this] { endRemoveRows(); };
    s.beginInsert = [this](int first, int last) { beginInsertRows({}, first, last); };
    s.endInsert = [this] { endInsertRows(); };
    s.changed = [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); };
    md::gateways::applyRows(m_rows, std::move(rows), s, sameRow);
    m_running = false;
    ++m_updates;
    emit updated();
    if (m_again) {
        m_again = false;
        refresh();
    }
}

int TlsSecretModel::rowOfKey(const QString &key) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key() == key)
            return int(i);
    }
    return -1;
}

QStringList TlsSecretModel::namespaces() const
{
    QStringList out;
    for (const TlsSecretRow &row : m_rows) {
        if (!out.contains(row.namespace_))
            out << row.namespace_;
    }
    out.sort();
    return out;
}

QStringList TlsSecretModel::clusters() const
{
    QStringList out;
    for (const TlsSecretRow &row : m_rows) {
        if (!out.contains(row.context))
            out << row.context;
    }
    out.sort();
    return out;
}

int TlsSecretModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TlsSecretModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TlsSecretModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TlsSecretRow &row = m_rows.at(index.row());
    switch (role) {
    case KeyRole:
        return row.key();
    case ContextRole:
        return row.context;
    case NamespaceRole:
        return row.namespace_;
    case NameRole:
        return row.name;
    case StatusRole:
        return int(row.status);
    case SortRole:
        if (index.column() == Expires)
            return row.notAfter();
        if (index.column() == Status)
            return int(row.status);
        return data(index, Qt::DisplayRole).toString();
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name:
            return row.name;
        case Namespace:
            return row.namespace_;
        case Cluster:
            return row.context;
        case Status:
            return statusText(row.status);
        case Subject: // the CN when there is one; the whole name in the tooltip
            if (!row.certificate)
                return QString();
            return row.certificate->commonName.isEmpty() ? row.certificate->subject
                                                         : row.certificate->commonName;
        case Sans:
            return sansText(row);
        case Issuer:
            if (!row.certificate)
                return QString();
            return issuerName(*row.certificate);
        case Expires:
            if (!row.certificate)
                return QString();
            return Tr::tr("%1 (%2)").arg(
                QLocale().toString(row.notAfter().date(), QLocale::ShortFormat),
                expiryDistance(row.notAfter(), m_clock()));
        case Type:
            return row.caOnly ? Tr::tr("%1, CA only").arg(row.type) : row.type;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Status && !row.problem.isEmpty())
            return row.problem;
        if (index.column() == Type)
            return Tr::tr("Data keys: %1").arg(row.keys.join(QStringLiteral(", ")));
        if (row.certificate) {
            QString tip = certificateTip(*row.certificate);
            if (row.chainLength > 1)
                tip += QLatin1Char('\n')
                    + Tr::tr("Chain: %n certificate(s)", nullptr, row.chainLength);
            if (!row.problem.isEmpty())
                tip += QLatin1Char('\n') + row.problem;
            return tip;
        }
        return row.problem.isEmpty() ? QVariant() : QVariant(row.problem);
    default:
        return {};
    }
}

QVariant TlsSecretModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name:
        return Tr::tr("Name");
    case Namespace:
        return Tr::tr("Namespace");
    case Cluster:
        return Tr::tr("Cluster");
    case Status:
        return Tr::tr("Status");
    case Subject:
        return Tr::tr("Subject");
    case Sans:
        return Tr::tr("SANs");
    case Issuer:
        return Tr::tr("Issuer");
    case Expires:
        return Tr::tr("Expires");
    case Type:
        return Tr::tr("Type");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace md::secrets
