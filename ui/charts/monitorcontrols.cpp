#include "charts/monitorcontrols.h"

#include "charts/monitorsettings.h"

#include <QComboBox>
#include <QKeySequence>
#include <QPushButton>
#include <QSignalBlocker>

namespace md::ui {

MonitorControls::MonitorControls(const QString &prefix, bool offerCustom, QWidget *page)
    : QObject(page)
    , m_page(page)
    , m_offerCustom(offerCustom)
{
    m_timeRange = new QComboBox(page);
    m_timeRange->setObjectName(prefix + QStringLiteral("TimeRange"));
    m_refreshPicker = new QComboBox(page);
    m_refreshPicker->setObjectName(prefix + QStringLiteral("RefreshInterval"));
    for (auto interval : MonitorSettings::refreshIntervals())
        m_refreshPicker->addItem(QString(), qint64(interval.count()));
    m_refreshButton = new QPushButton(page);
    m_refreshButton->setObjectName(prefix + QStringLiteral("Refresh"));
    m_refreshButton->setShortcut(QKeySequence::Refresh);

    auto settings = MonitorSettings::instance();
    m_refreshPicker->setCurrentIndex(
        int(MonitorSettings::refreshIntervals().indexOf(settings->refreshInterval())));
    connect(m_timeRange, &QComboBox::activated, this, [this](int index) {
        const QVariant data = m_timeRange->itemData(index);
        if (data.typeId() != QMetaType::LongLong) {
            // "Custom…" has no data; the current custom range is already set.
            if (!data.isValid() && m_offerCustom)
                emit customRangeRequested();
            return;
        }
        MonitorSettings::TimeRange range;
        range.last = std::chrono::seconds(data.toLongLong());
        MonitorSettings::instance()->setTimeRange(range);
    });
    connect(m_refreshPicker, &QComboBox::activated, this, [this](int index) {
        MonitorSettings::instance()->setRefreshInterval(
            std::chrono::seconds(m_refreshPicker->itemData(index).toLongLong()));
    });
    connect(m_refreshButton, &QPushButton::clicked, this, &MonitorControls::refreshRequested);
    connect(settings, &MonitorSettings::timeRangeChanged, this, [this] {
        fillTimeRanges();
        emit refreshRequested();
    });
    connect(settings, &MonitorSettings::refreshIntervalChanged, this, [this] {
        const int i = int(MonitorSettings::refreshIntervals().indexOf(
            MonitorSettings::instance()->refreshInterval()));
        if (i >= 0 && m_refreshPicker->currentIndex() != i)
            m_refreshPicker->setCurrentIndex(i);
        updateTimer();
    });
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_page->isVisible() && !(m_busy && m_busy()))
            emit refreshRequested();
    });
    fillTimeRanges();
    updateTimer();
}

void MonitorControls::retranslate()
{
    for (int i = 0; i < m_refreshPicker->count(); ++i)
        m_refreshPicker->setItemText(i,
                                     MonitorSettings::refreshText(std::chrono::seconds(
                                         m_refreshPicker->itemData(i).toLongLong())));
    m_refreshButton->setText(tr("Refresh"));
    m_refreshButton->setToolTip(tr("Load the data again (F5)"));
    fillTimeRanges();
}

void MonitorControls::fillTimeRanges()
{
    const auto range = MonitorSettings::instance()->timeRange();
    QSignalBlocker block(m_timeRange);
    m_timeRange->clear();
    for (auto preset : MonitorSettings::presets())
        m_timeRange->addItem(MonitorSettings::presetText(preset), qint64(preset.count()));
    if (range.custom) {
        const QString format = QStringLiteral("yyyy-MM-dd HH:mm");
        m_timeRange->addItem(tr("%1 – %2").arg(range.start.toLocalTime().toString(format),
                                               range.end.toLocalTime().toString(format)),
                             QStringLiteral("custom-current"));
        m_timeRange->setCurrentIndex(m_timeRange->count() - 1);
    } else {
        m_timeRange->setCurrentIndex(int(MonitorSettings::presets().indexOf(range.last)));
    }
    if (m_offerCustom)
        m_timeRange->addItem(tr("Custom…"));
}

void MonitorControls::updateTimer()
{
    const auto interval = MonitorSettings::instance()->refreshInterval();
    if (interval.count() <= 0)
        m_timer.stop();
    else
        m_timer.start(std::chrono::duration_cast<std::chrono::milliseconds>(interval));
}

} // namespace md::ui
