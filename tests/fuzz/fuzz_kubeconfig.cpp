// kubeconfig bytes -> parseKubeconfig -> resolveRestConfig for every context: never crash.
#include "kube/kubeconfig.h"
#include "kube/restconfig.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto config = md::kube::parseKubeconfig(bytes, QStringLiteral("/tmp/fuzz/kubeconfig"));
    if (!config)
        return 0;
    for (const QString &context : config->contexts.keys()) {
        md::kube::ResolveOptions options;
        options.context = context;
        (void)md::kube::resolveRestConfig(*config, options);
    }
    return 0;
}
