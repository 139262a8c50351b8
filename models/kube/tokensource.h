#pragma once

// Bearer token from a kubeconfig `tokenFile`, re-read about once a minute as client-go's
// transport does (projected service-account tokens rotate underneath a running client).

#include "core/result.h"

#include <QDateTime>
#include <QMutex>
#include <QString>

#include <chrono>
#include <functional>

namespace md::kube {

class TokenFileSource
{
public:
    using Clock = std::function<QDateTime()>;
    static constexpr std::chrono::seconds DefaultPeriod {60};

    explicit TokenFileSource(QString path, std::chrono::milliseconds period = DefaultPeriod,
                             Clock clock = {});

    QString path() const { return m_path; }

    // The token, read again from the file once `period` has passed since the last read.
    // When a re-read fails the last good token is kept; the first read failing is an error.
    Result<QString> token();

private:
    const QString m_path;
    const std::chrono::milliseconds m_period;
    const Clock m_clock;
    QMutex m_mutex;
    QString m_token;
    QDateTime m_readAt; // invalid = never read successfully
};

} // namespace md::kube
