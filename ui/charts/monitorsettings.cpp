#include "charts/monitorsettings.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>

namespace md::ui {

using namespace std::chrono_literals;

namespace {
const QString RangeKey = QStringLiteral("monitor/timeRangeSeconds");
const QString RefreshKey = QStringLiteral("monitor/refreshSeconds");
} // namespace

QDateTime MonitorSettings::TimeRange::endTime() const
{
    return custom && end.isValid() ? end : QDateTime::currentDateTimeUtc();
}

std::chrono::seconds MonitorSettings::TimeRange::duration() const
{
    if (custom && start.isValid() && end.isValid() && start < end)
        return std::chrono::seconds(start.secsTo(end));
    return last;
}

MonitorSettings::MonitorSettings(QObject *parent)
    : QObject(parent)
{
    QSettings settings;
    const auto range = std::chrono::seconds(settings.value(RangeKey, 600).toLongLong());
    if (presets().contains(range))
        m_range.last = range;
    const auto refresh = std::chrono::seconds(settings.value(RefreshKey, 30).toLongLong());
    if (refreshIntervals().contains(refresh))
        m_refresh = refresh;
}

MonitorSettings *MonitorSettings::instance()
{
    static QPointer<MonitorSettings> settings;
    if (!settings)
        settings = new MonitorSettings(QCoreApplication::instance());
    return settings;
}

const QList<std::chrono::seconds> &MonitorSettings::presets()
{
    static const QList<std::chrono::seconds> list
        = {5min, 10min, 15min, 30min, 1h, 3h, 6h, 12h, 24h, 24h * 7}; // 10 min: the default
    return list;
}

const QList<std::chrono::seconds> &MonitorSettings::refreshIntervals()
{
    static const QList<std::chrono::seconds> list = {0s, 10s, 30s, 1min, 5min};
    return list;
}

QString MonitorSettings::durationText(std::chrono::seconds duration)
{
    const qint64 s = duration.count();
    if (s > 0 && s % 86400 == 0)
        return QStringLiteral("%1d").arg(s / 86400);
    if (s > 0 && s % 3600 == 0)
        return QStringLiteral("%1h").arg(s / 3600);
    if (s > 0 && s % 60 == 0)
        return QStringLiteral("%1m").arg(s / 60);
    return QStringLiteral("%1s").arg(s);
}

QString MonitorSettings::presetText(std::chrono::seconds duration)
{
    const qint64 s = duration.count();
    if (s % 86400 == 0)
        return tr("Last %n day(s)", nullptr, int(s / 86400));
    if (s % 3600 == 0)
        return tr("Last %n hour(s)", nullptr, int(s / 3600));
    return tr("Last %n minute(s)", nullptr, int(s / 60));
}

QString MonitorSettings::refreshText(std::chrono::seconds interval)
{
    const qint64 s = interval.count();
    if (s <= 0)
        return tr("Refresh: off");
    if (s % 60 == 0)
        return tr("Refresh: every %n minute(s)", nullptr, int(s / 60));
    return tr("Refresh: every %n second(s)", nullptr, int(s));
}

void MonitorSettings::setTimeRange(const TimeRange &range)
{
    if (range == m_range)
        return;
    m_range = range;
    save();
    emit timeRangeChanged();
}

void MonitorSettings::setRefreshInterval(std::chrono::seconds interval)
{
    if (interval == m_refresh)
        return;
    m_refresh = interval;
    save();
    emit refreshIntervalChanged();
}

std::chrono::seconds MonitorSettings::stepFor(std::chrono::seconds duration)
{
    return std::max<std::chrono::seconds>(5s, duration / 120);
}

void MonitorSettings::save() const
{
    QSettings settings;
    if (!m_range.custom)
        settings.setValue(RangeKey, qint64(m_range.last.count()));
    settings.setValue(RefreshKey, qint64(m_refresh.count()));
}

} // namespace md::ui
