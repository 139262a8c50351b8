#include "topology/monitorpages.h"

#include "charts/metricspage.h"
#include "shell/pageregistry.h"
#include "topology/topologypage.h"

namespace md::ui {

void registerMonitorPages(PageRegistry &registry)
{
    registry.addPage(QStringLiteral("monitor.topology"),
                     [](const PageContext &context, QWidget *parent) {
                         return new topology::TopologyPage(context, parent);
                     });
    registry.addPage(QStringLiteral("monitor.metrics"),
                     [](const PageContext &context, QWidget *parent) {
                         return new MetricsPage(context, parent);
                     });
}

} // namespace md::ui
