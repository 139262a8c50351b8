// A watch stream cut into chunks anywhere -> WatchDecoder: never crash; the same events
// whatever the chunking.
#include "kube/watchdecoder.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t step = 1 + data[0] % 64;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    md::kube::WatchDecoder whole;
    const auto all = whole.feed(stream);

    md::kube::WatchDecoder chunked;
    qsizetype events = 0;
    bool failed = false;
    for (qsizetype at = 0; at < stream.size(); at += qsizetype(step)) {
        const auto part = chunked.feed(stream.mid(at, qsizetype(step)));
        if (!part) {
            failed = true;
            break;
        }
        events += part->size();
    }
    if (all.has_value() == failed)
        std::abort(); // chunking must not change whether the stream is valid
    if (all && events != all->size())
        std::abort(); // nor which events it holds
    (void)whole.finish();
    return 0;
}
