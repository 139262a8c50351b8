#pragma once

// Internal to models/: the parse events of a YAML stream, read with libyaml's event parser,
// and its syntax errors worded for people (translatable). The tree builder of yamltree_p.h
// turns the events into values; libyaml itself stays inside yamlevents.cpp.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace md::schema::detail {

struct YamlMark
{
    int line = -1; // 0-based; -1 when unknown
    int column = -1; // 0-based, in characters
};

struct YamlEvent
{
    enum class Type : quint8 {
        StreamStart,
        StreamEnd,
        DocumentStart,
        DocumentEnd,
        Alias,
        Scalar,
        SequenceStart,
        SequenceEnd,
        MappingStart,
        MappingEnd,
    };

    Type type = Type::StreamStart;
    YamlMark mark; // where the event starts
    // DocumentStart: the line of "---" when the document has one (its directives come before).
    int documentLine = -1;
    QByteArrayView anchor; // the anchor a node defines, or the one an alias names
    // Scalars: "?" for a plain scalar without a tag, "!" for a quoted or block scalar without
    // a tag, otherwise the resolved tag ("tag:yaml.org,2002:int" for "!!int", "!" for "!").
    QByteArrayView tag;
    QByteArrayView value; // scalars: the text, escapes and folding applied
};

// Reads the events of `data` (UTF-8, or UTF-16 with a byte order mark; a BOM is skipped).
// Where libyaml 0.2 is stricter than YAML 1.2, the reader reads as YAML 1.2 does: a
// "%YAML 1.x" directive of any minor version is accepted, unknown directives in front of
// "---" are ignored, and in a flow collection ":" right before ",", "]" or "}" is a value
// indicator ("[a:]" is [{a: null}]).
class YamlEventReader
{
public:
    explicit YamlEventReader(const QByteArray &data);
    ~YamlEventReader();
    YamlEventReader(const YamlEventReader &) = delete;
    YamlEventReader &operator=(const YamlEventReader &) = delete;

    // The next event; false on a syntax error (errorMark() and errorMessage() say where and
    // what). The views in `event` stay valid until the next call.
    bool next(YamlEvent &event);

    YamlMark errorMark() const;
    QString errorMessage() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace md::schema::detail
