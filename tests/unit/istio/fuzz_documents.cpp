// libFuzzer target: YAML/JSON text -> documents -> YAML/JSON -> documents, and every
// validation layer over what was read. Bad input must give an error, never a crash, and
// whatever was read must be written back to the same values.
//
//   clang++ -fsanitize=fuzzer,address,undefined ... ; ./fuzz_documents corpus/

#include "istio/analyzers.h"
#include "istio/validator.h"
#include "schema/yamljson.h"

#include <cstdlib>

using namespace md::istio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto json = md::schema::parseYamlStream(input, QStringLiteral("fuzz"))) {
        for (const auto &doc : *json) {
            const auto back = md::schema::parseYamlStream(md::schema::toYaml(doc.value));
            if (!back || back->size() != 1 || back->first().value != doc.value) {
                if (!(doc.value.isDouble() && std::isnan(doc.value.toDouble())))
                    std::abort(); // the QJsonValue writer lost or changed something
            }
        }
    }
    const auto stream = DocumentStream::parse(input, QStringLiteral("fuzz"));
    if (!stream)
        return 0;
    for (const Format format : {Format::Yaml, Format::Json}) {
        DocumentStream copy = *stream;
        copy.format = format;
        const auto again = DocumentStream::parse(copy.write());
        if (!again)
            std::abort(); // written text that cannot be read back
    }
    static const Validator validator;
    MeshIndex index;
    index.add(*stream);
    for (const ObjectRef &ref : stream->objects())
        validator.validate(stream->object(ref));
    analyzeMesh(index);
    return 0;
}
