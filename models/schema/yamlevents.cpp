#include "schema/yamlevents_p.h"

#include "schema/schematr.h"

#include <QStringDecoder>

#include <yaml.h>

#include <cctype>
#include <cstring>
#include <limits>
#include <vector>

namespace md::schema::detail {

namespace {

// Places where the text may be rewritten for libyaml and read again (Private::rewrite()).
constexpr int kMaxRewrites = 1000;

bool isUtf16(const QByteArray &data)
{
    return data.startsWith("\xff\xfe") || data.startsWith("\xfe\xff");
}

qsizetype bomSize(const QByteArray &data)
{
    return data.startsWith("\xef\xbb\xbf") ? 3 : 0;
}

int clampInt(size_t v)
{
    return v > size_t(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::max() : int(v);
}

YamlMark toMark(const yaml_mark_t &m)
{
    return YamlMark {clampInt(m.line), clampInt(m.column)};
}

int utf8Width(uchar lead)
{
    return lead < 0x80 ? 1 : (lead & 0xe0) == 0xc0 ? 2 : (lead & 0xf0) == 0xe0 ? 3 : 4;
}

// The byte offset of the character libyaml counts as `index` (UTF-8 text only; libyaml does
// not count the byte order mark).
qsizetype byteOffset(const QByteArray &data, size_t index)
{
    qsizetype i = bomSize(data);
    for (size_t n = 0; n < index && i < data.size(); ++n)
        i += utf8Width(uchar(data.at(i)));
    return std::min(i, data.size());
}

bool isBreakAt(const QByteArray &data, qsizetype i)
{
    const char c = data.at(i);
    return c == '\n' || c == '\r'
        || (c == '\xc2' && i + 1 < data.size() && data.at(i + 1) == '\x85')
        || (c == '\xe2' && i + 2 < data.size() && data.at(i + 1) == '\x80'
            && (data.at(i + 2) == '\xa8' || data.at(i + 2) == '\xa9'));
}

// Line and column of a byte offset, counted as libyaml counts them (CR LF, CR, LF, NEL, LS
// and PS end a line; a column is a character).
YamlMark markOfOffset(const QByteArray &data, size_t offset)
{
    YamlMark mark {0, 0};
    const size_t end = std::min(offset, size_t(data.size()));
    if (isUtf16(data)) {
        const bool le = data.startsWith("\xff\xfe");
        const auto unitAt = [&data, le](size_t i) {
            return le ? uint(uchar(data[i])) | (uint(uchar(data[i + 1])) << 8)
                      : (uint(uchar(data[i])) << 8) | uint(uchar(data[i + 1]));
        };
        for (size_t i = 2; i + 1 < size_t(data.size()) && i < end; i += 2) {
            const uint unit = unitAt(i);
            if (unit == '\r' && i + 3 < size_t(data.size()) && unitAt(i + 2) == '\n')
                continue; // CR LF: the LF ends the line
            if (unit == '\n' || unit == '\r' || unit == 0x85 || unit == 0x2028 || unit == 0x2029) {
                ++mark.line;
                mark.column = 0;
            } else if ((unit & 0xfc00) != 0xdc00) { // a low surrogate ends a character
                ++mark.column;
            }
        }
        return mark;
    }
    for (qsizetype i = bomSize(data); i < qsizetype(end);) {
        if (data.at(i) == '\r' && i + 1 < data.size() && data.at(i + 1) == '\n') {
            i += 2;
            ++mark.line;
            mark.column = 0;
        } else if (isBreakAt(data, i)) {
            i += utf8Width(uchar(data.at(i)));
            ++mark.line;
            mark.column = 0;
        } else {
            i += utf8Width(uchar(data.at(i)));
            ++mark.column;
        }
    }
    return mark;
}

// The character at a mark of a UTF-8 text, or an empty string.
QString characterAt(const QByteArray &data, const yaml_mark_t &mark)
{
    if (isUtf16(data))
        return {};
    const qsizetype i = byteOffset(data, mark.index);
    if (i >= data.size())
        return {};
    return QString::fromUtf8(data.mid(i, utf8Width(uchar(data.at(i)))));
}

bool is(const char *text, const char *expected)
{
    return text && std::strcmp(text, expected) == 0;
}

QString hex(uint value, int digits)
{
    return QStringLiteral("%1").arg(value, digits, 16, QLatin1Char('0')).toUpper();
}

// libyaml's problem (and context) as a sentence that says what is wrong in the text.
// `contextMark` is where the construct that failed starts (a key, a quoted string, a
// mapping or a list).
QString describe(const yaml_parser_t &p, const QByteArray &data, const YamlMark &contextMark)
{
    const char *problem = p.problem;
    const char *context = p.context;
    const int line = contextMark.line + 1;
    const int column = contextMark.column + 1;

    switch (p.error) {
    case YAML_MEMORY_ERROR:
        return Tr::tr("not enough memory to read the text");
    case YAML_READER_ERROR:
        if (is(problem, "control characters are not allowed")) {
            return Tr::tr("control character U+%1 is not allowed (write it as an escape such as "
                          "\"\\x01\" in a double-quoted string)")
                .arg(hex(uint(p.problem_value), 4));
        }
        if (is(problem, "input is too long"))
            return Tr::tr("the text is too long");
        if (isUtf16(data))
            return Tr::tr("the text is not valid UTF-16");
        return Tr::tr("the text is not valid UTF-8");
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
        break;
    default:
        return Tr::tr("YAML syntax error: %1").arg(QString::fromUtf8(problem ? problem : "?"));
    }

    // Scanner: characters and tokens
    if (is(problem, "found character that cannot start any token")) {
        const QString c = characterAt(data, p.problem_mark);
        if (c == u'\t')
            return Tr::tr("a tab cannot indent YAML: use spaces");
        if (c.isEmpty())
            return Tr::tr("a value cannot start with this character: quote the value");
        return Tr::tr("a value cannot start with \"%1\": quote the value").arg(c);
    }
    if (is(problem, "found a tab character that violates indentation")
        || is(problem, "found a tab character where an indentation space is expected"))
        return Tr::tr("a tab cannot indent YAML: use spaces");
    if (is(problem, "could not find expected ':'")) {
        return Tr::tr("expected \":\" after the key at line %1, column %2 (a key must fit on one "
                      "line and in 1024 characters)")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "block sequence entries are not allowed in this context"))
        return Tr::tr("a list item (\"- \") is not allowed here: check the indentation");
    if (is(problem, "mapping keys are not allowed in this context"))
        return Tr::tr("a complex key (\"? \") is not allowed here: check the indentation");
    if (is(problem, "mapping values are not allowed in this context")) {
        return Tr::tr("\": \" is not allowed here: quote a value that contains \": \", or check "
                      "the indentation");
    }
    if (is(problem, "found unexpected ':'"))
        return Tr::tr("unexpected \":\" in a plain value: quote the value");

    // Scanner: scalars
    if (is(problem, "found unexpected end of stream")) {
        return Tr::tr("the quoted string that starts at line %1, column %2 is not closed")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "found unexpected document indicator")) {
        return Tr::tr("the quoted string that starts at line %1, column %2 contains a document "
                      "marker (\"---\" or \"...\")")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "found unknown escape character"))
        return Tr::tr("unknown escape sequence in a double-quoted string");
    if (is(problem, "did not find expected hexdecimal number"))
        return Tr::tr("invalid hexadecimal escape in a double-quoted string");
    if (is(problem, "found invalid Unicode character escape code")) {
        return Tr::tr("invalid Unicode escape in a double-quoted string (a lone surrogate or "
                      "beyond U+10FFFF; write characters beyond U+FFFF as \"\\U0001F600\")");
    }
    if (is(problem, "found an indentation indicator equal to 0"))
        return Tr::tr("the indentation indicator of a block scalar cannot be 0");
    if (is(context, "while scanning a block scalar"))
        return Tr::tr("unexpected text after the block scalar indicator (\"|\" or \">\")");

    // Scanner: anchors, aliases, tags, directives
    if (is(context, "while scanning an anchor"))
        return Tr::tr("an anchor (\"&\") needs a name of letters, digits, \"-\" or \"_\"");
    if (is(context, "while scanning an alias"))
        return Tr::tr("an alias (\"*\") needs a name of letters, digits, \"-\" or \"_\"");
    if (is(context, "while scanning a tag") || is(context, "while parsing a tag"))
        return Tr::tr("invalid tag");
    if (is(context, "while scanning a %YAML directive"))
        return Tr::tr("invalid %YAML directive: expected a version such as 1.2");
    if (is(context, "while scanning a %TAG directive")
        || is(context, "while parsing a %TAG directive")
        || is(context, "while scanning a tag directive")
        || is(context, "while parsing a tag directive"))
        return Tr::tr("invalid %TAG directive");
    if (is(context, "while scanning a directive")) {
        return Tr::tr("a line that starts with \"%\" is a directive, and directives go in front "
                      "of \"---\"");
    }

    // Parser
    if (is(problem, "did not find expected key")) {
        return Tr::tr("expected a key at the indentation of the mapping that starts at line %1, "
                      "column %2")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "did not find expected '-' indicator")) {
        return Tr::tr("expected a list item (\"- \") at the indentation of the list that starts "
                      "at line %1, column %2")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "did not find expected ',' or ']'")) {
        return Tr::tr("expected \",\" or \"]\" in the list that starts at line %1, column %2")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "did not find expected ',' or '}'")) {
        return Tr::tr("expected \",\" or \"}\" in the mapping that starts at line %1, column %2")
            .arg(line)
            .arg(column);
    }
    if (is(problem, "did not find expected node content"))
        return Tr::tr("expected a value");
    if (is(problem, "did not find expected <document start>"))
        return Tr::tr("expected \"---\" before the next document");
    if (is(problem, "found undefined tag handle"))
        return Tr::tr("undefined tag handle (declare it with a %TAG directive)");
    if (is(problem, "found duplicate %YAML directive"))
        return Tr::tr("duplicate %YAML directive");
    if (is(problem, "found duplicate %TAG directive"))
        return Tr::tr("duplicate %TAG directive");
    if (is(problem, "found incompatible YAML document"))
        return Tr::tr("unsupported YAML version (YAML 1.x can be read)");
    return Tr::tr("YAML syntax error: %1").arg(QString::fromUtf8(problem ? problem : "?"));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

bool isLineEnd(const QByteArray &data, qsizetype i)
{
    return i >= data.size() || data.at(i) == '\n' || data.at(i) == '\r' || data.at(i) == '#';
}

qsizetype nextLine(const QByteArray &data, qsizetype i)
{
    while (i < data.size() && data.at(i) != '\n' && data.at(i) != '\r')
        ++i;
    if (i < data.size() && data.at(i) == '\r')
        ++i;
    if (i < data.size() && data.at(i) == '\n')
        ++i;
    return i;
}

// True when the lines after the one at `i` are blank, comments or directives up to a "---":
// the directive at `i` is in its place, in front of a document.
bool directiveBeforeDocument(const QByteArray &data, qsizetype i)
{
    for (i = nextLine(data, i); i < data.size(); i = nextLine(data, i)) {
        qsizetype j = i;
        while (j < data.size() && isSpace(data.at(j)))
            ++j;
        if (j == i && data.mid(i, 3) == "---"
            && (i + 3 >= data.size() || isSpace(data.at(i + 3)) || isLineEnd(data, i + 3)))
            return true;
        if (!isLineEnd(data, j) && !(j == i && data.at(i) == '%'))
            return false;
    }
    return false;
}

} // namespace

struct YamlEventReader::Private
{
    QByteArray data; // the text, with what libyaml rejects but YAML 1.2 allows rewritten
    yaml_parser_t parser {};
    yaml_event_t event {};
    bool haveEvent = false;
    bool initialized = false;
    qint64 delivered = 0; // events handed out since the start of the stream
    int rewrites = 0;
    size_t replayBudget = 0; // characters that may still be read again
    // Spaces inserted into `data`: (line, column) of each, in the order they were inserted.
    std::vector<std::pair<size_t, size_t>> inserted;

    explicit Private(const QByteArray &text)
        : data(utf8(text))
        , replayBudget(2 * size_t(data.size()) + (1u << 20))
    {
        start();
    }

    // UTF-16 text (with a byte order mark) as UTF-8, so that it can be rewritten like any
    // other; when it is not valid UTF-16, libyaml reads it as it is and says where.
    static QByteArray utf8(const QByteArray &text)
    {
        if (!isUtf16(text) || text.size() % 2 != 0)
            return text;
        QStringDecoder decoder(text.startsWith("\xff\xfe") ? QStringDecoder::Utf16LE
                                                           : QStringDecoder::Utf16BE,
                               QStringDecoder::Flag::Stateless);
        const QString decoded = decoder.decode(text);
        if (decoder.hasError())
            return text;
        for (qsizetype i = 0; i < decoded.size(); ++i) { // the decoder lets lone surrogates by
            if (decoded.at(i).isHighSurrogate() && i + 1 < decoded.size()
                && decoded.at(i + 1).isLowSurrogate())
                ++i;
            else if (decoded.at(i).isSurrogate())
                return text;
        }
        return decoded.toUtf8();
    }

    ~Private()
    {
        clear();
        if (initialized)
            yaml_parser_delete(&parser);
    }

    void start()
    {
        if (initialized)
            yaml_parser_delete(&parser);
        initialized = yaml_parser_initialize(&parser) != 0;
        if (initialized) {
            yaml_parser_set_input_string(&parser, reinterpret_cast<const uchar *>(data.constData()),
                                         size_t(data.size()));
        }
    }

    void clear()
    {
        if (haveEvent)
            yaml_event_delete(&event);
        haveEvent = false;
    }

    bool parse()
    {
        clear();
        if (!initialized || !yaml_parser_parse(&parser, &event))
            return false;
        haveEvent = true;
        return true;
    }

    // A mark of `data` as a mark of the text as given (without the inserted spaces).
    YamlMark original(const yaml_mark_t &m) const
    {
        size_t column = m.column;
        for (const auto &[line, at] : inserted) {
            if (line == m.line && at < m.column && column > 0)
                --column;
        }
        return YamlMark {clampInt(m.line), clampInt(column)};
    }

    // Where libyaml stopped on something YAML 1.2 allows, rewrites the text so that libyaml
    // reads it as YAML 1.2 does, and returns true when it did:
    // - "%YAML 1.3" (a later minor version) must be read, with a warning; "%YAML 1.2" too
    //   (libyaml before 0.2.3 rejects it). The version becomes 1.1, in place.
    // - Unknown directives must be ignored: one in front of a document becomes a comment.
    // - In a flow collection, a plain scalar may end with ":" right before ",", "[", "]", "{"
    //   or "}": kubectl (go-yaml v2) reads `[1.2.3.4, 001:db8::]` as two strings, the ":"
    //   part of the second, where libyaml 0.2.5 rejects it. The scalar is quoted in place
    //   (it is a string either way: no null, boolean or number ends with ":"), and the marks
    //   that follow on that line are corrected.
    bool rewrite()
    {
        // Reading again costs the text up to here: a bounded number of times, at most about
        // twice the text in all.
        if (rewrites >= kMaxRewrites || isUtf16(data) || parser.mark.index > replayBudget)
            return false;
        if (parser.error == YAML_PARSER_ERROR
            && is(parser.problem, "found incompatible YAML document")) {
            qsizetype i = byteOffset(data, parser.problem_mark.index);
            if (data.mid(i, 5) != "%YAML")
                return false;
            for (i += 5; i < data.size() && isSpace(data.at(i));)
                ++i;
            const qsizetype begin = i;
            while (i < data.size() && (std::isdigit(uchar(data.at(i))) || data.at(i) == '.'))
                ++i;
            const QByteArray version = data.mid(begin, i - begin);
            if (!version.startsWith("1.") || version.size() < 3 || version.indexOf('.', 2) >= 0
                || version == "1.1")
                return false;
            // 1.1 is the version every libyaml reads; scalars are typed by MeshDesk anyway.
            data.replace(begin, version.size(), QByteArray("1.1").leftJustified(version.size()));
        } else if (parser.error == YAML_SCANNER_ERROR
                   && is(parser.problem, "found unknown directive name")) {
            const qsizetype i = byteOffset(data, parser.context_mark.index);
            if (parser.context_mark.column != 0 || i >= data.size() || data.at(i) != '%'
                || !directiveBeforeDocument(data, i))
                return false;
            data[i] = '#'; // a comment now
        } else if (parser.error == YAML_SCANNER_ERROR
                   && is(parser.problem, "found unexpected ':'")) {
            const qsizetype i = byteOffset(data, parser.problem_mark.index);
            if (i + 1 >= data.size() || data.at(i) != ':'
                || !QByteArrayView(",[]{}").contains(data.at(i + 1)))
                return false;
            // The start of the scalar, on this line: after the flow indicator or the value or
            // key indicator before it.
            qsizetype begin = i;
            while (begin > 0) {
                const char c = data.at(begin - 1);
                if (c == '\n' || c == '\r' || QByteArrayView(",[{").contains(c))
                    break;
                if ((c == ' ' || c == '\t') && begin >= 2
                    && (data.at(begin - 2) == ':' || data.at(begin - 2) == '?'))
                    break;
                --begin;
            }
            while (begin < i && isSpace(data.at(begin)))
                ++begin;
            // The scalar's column: the problem's, less the characters (not bytes) before it.
            size_t characters = 0;
            for (qsizetype k = begin; k < i; ++k)
                characters += (uchar(data.at(k)) & 0xc0) != 0x80;
            const size_t column = parser.problem_mark.column >= characters
                ? parser.problem_mark.column - characters
                : 0;
            if (begin == i
                || (begin > 0 && data.at(begin - 1) != ',' && data.at(begin - 1) != '['
                    && data.at(begin - 1) != '{' && !isSpace(data.at(begin - 1))))
                return false;
            QByteArray quoted = data.mid(begin, i + 1 - begin);
            const qsizetype quotes = quoted.count('\'');
            quoted.replace("'", "''");
            data.replace(begin, i + 1 - begin, QByteArray("'" + quoted + "'"));
            // The marks after it move by the quotes (and doubled quotes) put in.
            inserted.emplace_back(parser.problem_mark.line, column);
            for (qsizetype q = 0; q < quotes; ++q)
                inserted.emplace_back(parser.problem_mark.line, column + 1);
            inserted.emplace_back(parser.problem_mark.line, parser.problem_mark.column + 1);
        } else {
            return false;
        }
        ++rewrites;
        replayBudget -= parser.mark.index;
        return true;
    }

    // Reads the stream again from the start and skips what was already handed out.
    bool restart()
    {
        start();
        for (qint64 n = 0; n < delivered; ++n) {
            if (!parse())
                return false;
        }
        return true;
    }
};

YamlEventReader::YamlEventReader(const QByteArray &data)
    : d(std::make_unique<Private>(data))
{ }

YamlEventReader::~YamlEventReader() = default;

bool YamlEventReader::next(YamlEvent &event)
{
    while (!d->parse()) {
        if (!d->rewrite() || !d->restart())
            return false;
    }
    ++d->delivered;
    const yaml_event_t &e = d->event;
    const auto view = [](const yaml_char_t *s) {
        return s ? QByteArrayView(reinterpret_cast<const char *>(s)) : QByteArrayView();
    };
    event.mark = d->inserted.empty() ? toMark(e.start_mark) : d->original(e.start_mark);
    event.documentLine = -1;
    event.anchor = {};
    event.tag = {};
    event.value = {};
    switch (e.type) {
    case YAML_STREAM_START_EVENT:
    case YAML_NO_EVENT:
        event.type = YamlEvent::Type::StreamStart;
        break;
    case YAML_STREAM_END_EVENT:
        event.type = YamlEvent::Type::StreamEnd;
        break;
    case YAML_DOCUMENT_START_EVENT:
        event.type = YamlEvent::Type::DocumentStart;
        event.documentLine = clampInt(e.end_mark.line);
        break;
    case YAML_DOCUMENT_END_EVENT:
        event.type = YamlEvent::Type::DocumentEnd;
        break;
    case YAML_ALIAS_EVENT:
        event.type = YamlEvent::Type::Alias;
        event.anchor = view(e.data.alias.anchor);
        break;
    case YAML_SCALAR_EVENT:
        event.type = YamlEvent::Type::Scalar;
        event.anchor = view(e.data.scalar.anchor);
        event.value = QByteArrayView(reinterpret_cast<const char *>(e.data.scalar.value),
                                     qsizetype(e.data.scalar.length));
        if (e.data.scalar.tag)
            event.tag = view(e.data.scalar.tag);
        else
            event.tag = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE ? "?" : "!";
        break;
    case YAML_SEQUENCE_START_EVENT:
        event.type = YamlEvent::Type::SequenceStart;
        event.anchor = view(e.data.sequence_start.anchor);
        break;
    case YAML_SEQUENCE_END_EVENT:
        event.type = YamlEvent::Type::SequenceEnd;
        break;
    case YAML_MAPPING_START_EVENT:
        event.type = YamlEvent::Type::MappingStart;
        event.anchor = view(e.data.mapping_start.anchor);
        break;
    case YAML_MAPPING_END_EVENT:
        event.type = YamlEvent::Type::MappingEnd;
        break;
    }
    return true;
}

YamlMark YamlEventReader::errorMark() const
{
    const yaml_parser_t &p = d->parser;
    if (!d->initialized || p.error == YAML_MEMORY_ERROR)
        return {};
    if (p.error == YAML_READER_ERROR) {
        size_t offset = p.problem_offset;
        // Point at the character, not at the byte after it that showed it is wrong.
        if (is(p.problem, "invalid trailing UTF-8 octet")) {
            while (offset > 0 && (uchar(d->data.at(qsizetype(offset - 1))) & 0xc0) == 0x80)
                --offset;
            offset = offset > 0 ? offset - 1 : 0;
        } else if (is(p.problem, "expected low surrogate area") && offset >= 2) {
            offset -= 2;
        }
        const YamlMark mark = markOfOffset(d->data, offset);
        yaml_mark_t m {};
        m.line = size_t(mark.line);
        m.column = size_t(mark.column);
        return d->original(m);
    }
    return d->original(p.problem_mark);
}

QString YamlEventReader::errorMessage() const
{
    if (!d->initialized)
        return Tr::tr("not enough memory to read the text");
    return describe(d->parser, d->data, d->original(d->parser.context_mark));
}

} // namespace md::schema::detail
