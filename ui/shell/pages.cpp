// The one place that knows every module: each adds its pages, palette commands and
// start-up hooks here with one line.

#include "clusters/clusterspage.h"
#include "shell/pageregistry.h"

namespace md::ui {

void registerPages(PageRegistry &registry)
{
    registerClusterPages(registry);
}

} // namespace md::ui
