#pragma once

// The mesh at a glance, for the Mesh overview page: requests per second, success rate (non-5xx),
// and the five services with the most requests with their error rate and P95 latency, from
// instant queries to the selected mesh's Prometheus over the shared time range (at most the
// last 5 minutes), refreshed with the Monitor pages' interval.

#include "shell/pagecontext.h"

#include <QTimer>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace md::ui {

class MeshPrometheus;

class MeshMetricStrip final : public QWidget
{
    Q_OBJECT

public:
    struct ServiceRow
    {
        QString namespaceName;
        QString name;
        double rate = 0; // requests/s
        double errorPercent = 0; // 5xx share
        double p95Ms = -1; // -1: unknown
    };

    MeshMetricStrip(const PageContext &context, QWidget *parent = nullptr);

    MeshPrometheus *prometheus() const { return m_prometheus; }
    double requestRate() const { return m_rate; }
    double successRate() const { return m_success; } // 0..1, -1 unknown
    const QList<ServiceRow> &topServices() const { return m_top; }
    QString messageText() const;

public slots:
    void refresh();

signals:
    void refreshed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onPrometheusChanged();
    void showRows();
    void retranslate();

    MeshPrometheus *m_prometheus = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_rateCaption = nullptr;
    QLabel *m_successLabel = nullptr;
    QLabel *m_successCaption = nullptr;
    QLabel *m_topCaption = nullptr;
    QLabel *m_message = nullptr;
    QGridLayout *m_table = nullptr;
    QTimer m_timer;
    double m_rate = 0;
    double m_success = -1;
    QList<ServiceRow> m_top;
    quint64 m_generation = 0;
};

} // namespace md::ui
