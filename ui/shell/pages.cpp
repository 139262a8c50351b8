// The one place that knows every module: each adds its pages, palette commands and
// start-up hooks here with one line.

#include "clusters/clusterspage.h"
#include "editors/editors.h"
#include "policies/policylistpage.h"
#include "shell/pageregistry.h"
#include "topology/monitorpages.h"

namespace md::ui {

void registerPages(PageRegistry &registry)
{
    registerClusterPages(registry);
    registerEditorPages(registry);
    registerPolicyPages(registry);
    registerMonitorPages(registry);
}

} // namespace md::ui
