#include "kube/tokensource.h"

#include "kube/kubetr.h"

#include <QFile>
#include <QMutexLocker>

namespace md::kube {

TokenFileSource::TokenFileSource(QString path, std::chrono::milliseconds period, Clock clock)
    : m_path(std::move(path))
    , m_period(period)
    , m_clock(clock ? std::move(clock) : Clock([] { return QDateTime::currentDateTimeUtc(); }))
{ }

Result<QString> TokenFileSource::token()
{
    QMutexLocker locker(&m_mutex);
    const QDateTime now = m_clock();
    if (m_readAt.isValid() && now < m_readAt.addMSecs(m_period.count()))
        return m_token;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (m_readAt.isValid())
            return m_token; // keep using the cached token, try again on the next call
        return md::unexpected(QStringLiteral("kube.tokenFile"),
                              Tr::tr("cannot read the token file: %1").arg(file.errorString()),
                              m_path);
    }
    // Like client-go, surrounding whitespace (a trailing newline) is not part of the token,
    // and an empty file is a failed read.
    const QString token = QString::fromUtf8(file.readAll()).trimmed();
    if (token.isEmpty()) {
        if (m_readAt.isValid())
            return m_token;
        return md::unexpected(QStringLiteral("kube.tokenFile"), Tr::tr("the token file is empty"),
                              m_path);
    }
    m_token = token;
    m_readAt = now;
    return m_token;
}

} // namespace md::kube
