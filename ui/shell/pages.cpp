// The one place that knows every module: each adds its pages, palette commands and
// start-up hooks here with one line.

#include "clusters/clusterspage.h"
#include "drift/driftpage.h"
#include "editors/editors.h"
#include "gateways/gatewayspage.h"
#include "overview/overviewpage.h"
#include "policies/policylistpage.h"
#include "resources/resourcespage.h"
#include "secrets/secretspage.h"
#include "services/servicespage.h"
#include "shell/pageregistry.h"
#include "sidecars/sidecarpages.h"
#include "topology/monitorpages.h"

namespace md::ui {

void registerPages(PageRegistry &registry)
{
    registerClusterPages(registry);
    registerEditorPages(registry);
    registerPolicyPages(registry);
    registerMonitorPages(registry);
    registerGatewayPages(registry);
    registerSecretPages(registry);
    registerSidecarPages(registry);
    registerResourcePages(registry);
    registerDriftPages(registry);
    registerServicePages(registry);
    registerOverviewPages(registry);
}

} // namespace md::ui
