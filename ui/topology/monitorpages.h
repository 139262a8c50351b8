#pragma once

namespace md::ui {

class PageRegistry;

// Adds the Monitor pages to the shell: "monitor.topology" (TopologyPage) and
// "monitor.metrics" (MetricsPage).
void registerMonitorPages(PageRegistry &registry);

} // namespace md::ui
