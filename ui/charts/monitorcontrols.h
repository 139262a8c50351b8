#pragma once

// The controls every Monitor page shows in its tool bar: the time range (the presets of
// MonitorSettings, the current custom range, and "Custom…" where the page offers it), the
// auto-refresh interval and the Refresh button (F5). They follow MonitorSettings, so changing
// the range on one page changes it on the others, and ask the page to refresh when the range
// changes, the button is pressed or the interval elapses while the page is shown.

#include <QObject>
#include <QTimer>

#include <functional>

class QComboBox;
class QPushButton;
class QWidget;

namespace md::ui {

class MonitorControls final : public QObject
{
    Q_OBJECT

public:
    // `prefix` names the widgets ("topology" -> topologyTimeRange, topologyRefreshInterval,
    // topologyRefresh). With `offerCustom`, the range list ends with "Custom…".
    MonitorControls(const QString &prefix, bool offerCustom, QWidget *page);

    QComboBox *timeRange() const { return m_timeRange; }
    QComboBox *refreshPicker() const { return m_refreshPicker; }
    QPushButton *refreshButton() const { return m_refreshButton; }

    // A timed refresh is skipped while this returns true (a load still running).
    void setBusy(std::function<bool()> busy) { m_busy = std::move(busy); }
    void retranslate();
    // Selects the current range again (after a cancelled custom range).
    void showCurrentRange() { fillTimeRanges(); }
    void stop() { m_timer.stop(); }

signals:
    void refreshRequested();
    // "Custom…" was chosen: the page asks for the range and sets it in MonitorSettings.
    void customRangeRequested();

private:
    void fillTimeRanges();
    void updateTimer();

    QWidget *m_page = nullptr; // parent
    bool m_offerCustom = false;
    QComboBox *m_timeRange = nullptr;
    QComboBox *m_refreshPicker = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QTimer m_timer;
    std::function<bool()> m_busy;
};

} // namespace md::ui
