// Error answers of an API server -> parseStatus: never crash, always a readable error.
#include "kube/apierror.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const int code = 400 + (data[0] % 200);
    const QByteArray retryAfter(reinterpret_cast<const char *>(data + 1), 1);
    const QByteArray body(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    const md::kube::ApiError e
        = md::kube::parseStatus(code, body, QStringLiteral("https://x"), retryAfter);
    if (e.reason.isEmpty() || e.summary().isEmpty())
        std::abort(); // every error must say something
    (void)e.detail();
    (void)md::kube::isFailureStatus(body);
    return 0;
}
