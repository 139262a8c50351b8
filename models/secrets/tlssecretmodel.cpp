#include "secrets/tlssecretmodel.h"

#include "secrets/secretstr.h"

namespace md::secrets {

namespace {

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
    : SnapshotRowModel({{QString(), QStringLiteral("Secret")}}, parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_clockTimer.setInterval(10 * 60 * 1000);
    connect(&m_clockTimer, &QTimer::timeout, this, &TlsSecretModel::refresh);
    m_clockTimer.start();
}

void TlsSecretModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    refresh();
}

std::function<QList<TlsSecretRow>(const md::mesh::MeshCache::Snapshot &)>
TlsSecretModel::computation() const
{
    return [now = m_clock()](const md::mesh::MeshCache::Snapshot &snapshot) {
        return tlsSecretRows(snapshot, now);
    };
}

bool TlsSecretModel::sameRow(const TlsSecretRow &a, const TlsSecretRow &b) const
{
    return a.resourceVersion == b.resourceVersion && a.status == b.status && a.problem == b.problem
        && a.context == b.context;
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
