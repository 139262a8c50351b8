#include "faults.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace md::sim {

QJsonObject FaultConfig::toJson() const
{
    return QJsonObject {{u"latencyMs"_s, latencyMs},
                        {u"errorRate"_s, errorRate},
                        {u"throttleRate"_s, throttleRate},
                        {u"retryAfterSeconds"_s, retryAfterSeconds},
                        {u"dropWatchesEverySeconds"_s, dropWatchesEverySeconds},
                        {u"expireWatchResumes"_s, expireWatchResumes},
                        {u"revokedTokens"_s, QJsonArray::fromStringList(revokedTokens)}};
}

Result<FaultConfig> FaultConfig::merged(const QJsonObject &patch) const
{
    FaultConfig next = *this;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        auto bad = [&](const QString &why) { return unexpected(u"faults"_s, why, key); };
        if (key == u"latencyMs"_s || key == u"retryAfterSeconds"_s
            || key == u"dropWatchesEverySeconds"_s) {
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 3600000)
                return bad(u"must be a non-negative number"_s);
            (key == u"latencyMs"_s               ? next.latencyMs
                 : key == u"retryAfterSeconds"_s ? next.retryAfterSeconds
                                                 : next.dropWatchesEverySeconds)
                = v.toInt();
        } else if (key == u"errorRate"_s || key == u"throttleRate"_s) {
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > 1)
                return bad(u"must be a number from 0 to 1"_s);
            (key == u"errorRate"_s ? next.errorRate : next.throttleRate) = v.toDouble();
        } else if (key == u"expireWatchResumes"_s) {
            if (!v.isBool())
                return bad(u"must be true or false"_s);
            next.expireWatchResumes = v.toBool();
        } else if (key == u"revokedTokens"_s) {
            next.revokedTokens.clear();
            for (const QJsonValue &t : v.toArray()) {
                if (t.toString() != u"admin"_s && t.toString() != u"viewer"_s)
                    return bad(u"lists \"admin\" and/or \"viewer\""_s);
                next.revokedTokens << t.toString();
            }
        } else {
            return bad(u"unknown fault setting"_s);
        }
    }
    if (next.errorRate + next.throttleRate > 1)
        return unexpected(u"faults"_s, u"errorRate + throttleRate must not exceed 1"_s);
    return next;
}

} // namespace md::sim
