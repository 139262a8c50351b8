// libFuzzer target: YAML/JSON text -> documents -> YAML/JSON -> documents, and every
// validation layer over what was read: the CRD schema (Istio's CRDs from MESHDESK_CRDS or
// ../shared; the target refuses to run without them), Istio's rules and the analyzers. Bad
// input must give an error, never a crash, and whatever was read must be written back to
// the same values.
//
//   clang++ -fsanitize=fuzzer,address,undefined ... ; ./fuzz_documents corpus/

#include "istio/analyzers.h"
#include "istio/validator.h"
#include "schema/yamljson.h"

#include <cstdio>
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
    static const Validator validator = [] {
        QString crds = qEnvironmentVariable("MESHDESK_CRDS");
        if (crds.isEmpty())
            crds = QStringLiteral(MESHDESK_SHARED_DIR "/istio/crd-all.gen.yaml");
        auto loaded = Validator::fromCrdFile(crds);
        if (!loaded || !loaded->hasSchemas()) {
            std::fprintf(stderr, "fuzz_documents: cannot load the CRDs from %s: %s\n",
                         qPrintable(crds),
                         loaded ? "no schemas" : qPrintable(loaded.error().toString()));
            std::abort(); // without the schema layer the target would test less than it says
        }
        return std::move(*loaded);
    }();
    MeshIndex index;
    index.add(*stream);
    for (const ObjectRef &ref : stream->objects())
        validator.validate(stream->object(ref));
    analyzeMesh(index);
    return 0;
}
