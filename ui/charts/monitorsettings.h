#pragma once

// What the Monitor pages share: the time range (last 5 minutes ... 7 days, or a custom
// start/end) and the auto-refresh interval. One instance per application (instance()), so that
// changing the range on the topology changes it on the dashboards too; kept in QSettings.

#include <QDateTime>
#include <QList>
#include <QObject>

#include <chrono>

namespace md::ui {

class MonitorSettings final : public QObject
{
    Q_OBJECT

public:
    struct TimeRange
    {
        std::chrono::seconds last {600}; // "last N" when `custom` is false
        bool custom = false;
        QDateTime start; // custom range (UTC)
        QDateTime end;

        // The window's end (now for "last N") and length.
        QDateTime endTime() const;
        std::chrono::seconds duration() const;
        bool operator==(const TimeRange &) const = default;
    };

    static MonitorSettings *instance();

    // The presets offered: 5m, 15m, 30m, 1h, 3h, 6h, 12h, 1d, 7d.
    static const QList<std::chrono::seconds> &presets();
    // The refresh intervals offered: off (0), 10s, 30s, 1m, 5m.
    static const QList<std::chrono::seconds> &refreshIntervals();
    static QString durationText(std::chrono::seconds duration); // "5m", "1h", "7d"
    static QString presetText(std::chrono::seconds duration); // translated "Last 5 minutes"
    static QString refreshText(std::chrono::seconds interval); // translated "Every 30 s", "Off"

    TimeRange timeRange() const { return m_range; }
    void setTimeRange(const TimeRange &range);
    std::chrono::seconds refreshInterval() const { return m_refresh; }
    void setRefreshInterval(std::chrono::seconds interval);

    // A range query's step for the window: about 120 points, at least 5 s.
    static std::chrono::seconds stepFor(std::chrono::seconds duration);

signals:
    void timeRangeChanged();
    void refreshIntervalChanged();

private:
    explicit MonitorSettings(QObject *parent = nullptr);
    void save() const;

    TimeRange m_range;
    std::chrono::seconds m_refresh {30};
};

} // namespace md::ui
