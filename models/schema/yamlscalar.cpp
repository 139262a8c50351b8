// YAML scalars: core-schema resolution of plain scalars on reading, and the safe
// (plain, quoted or literal block) spelling of scalars on writing.

#include "schema/yamljson.h"

#include <QJsonValue>
#include <QVariant>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace md::schema {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isOneOf(const QByteArray &t, std::initializer_list<const char *> words)
{
    for (const char *w : words) {
        if (t == w)
            return true;
    }
    return false;
}

bool isNullWord(const QByteArray &t)
{
    if (t.isEmpty())
        return true;
    const char c = t.at(0);
    return (c == '~' || c == 'n' || c == 'N') && isOneOf(t, {"~", "null", "Null", "NULL"});
}

// The booleans of YAML's core schema (explicit !!bool tags).
std::optional<bool> boolWord(const QByteArray &t)
{
    const char c = t.isEmpty() ? 0 : t.at(0);
    if ((c == 't' || c == 'T') && isOneOf(t, {"true", "True", "TRUE"}))
        return true;
    if ((c == 'f' || c == 'F') && isOneOf(t, {"false", "False", "FALSE"}))
        return false;
    return std::nullopt;
}

// Plain booleans as kubectl reads them (go-yaml v2, YAML 1.1): also y/n, yes/no and on/off.
std::optional<bool> boolWord11(const QByteArray &t)
{
    if (const auto b = boolWord(t))
        return b;
    if (isOneOf(t, {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"}))
        return true;
    if (isOneOf(t, {"n", "N", "no", "No", "NO", "off", "Off", "OFF"}))
        return false;
    return std::nullopt;
}

// Go's strconv.ParseUint(t, 0, 64), which go-yaml v2 uses for plain integers: 0x/0X hex,
// 0o/0O octal, 0b/0B binary, a leading 0 octal ("0777" is 511), else decimal; no sign.
std::optional<quint64> goParseUnsigned(QByteArrayView t)
{
    int base = 10;
    if (t.size() > 1 && t[0] == '0') {
        const char p = char(t[1] | 0x20);
        if (p == 'x' || p == 'o' || p == 'b') {
            base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
            t = t.sliced(2);
        } else {
            base = 8;
            t = t.sliced(1);
        }
    }
    if (t.isEmpty())
        return std::nullopt;
    quint64 value = 0;
    for (const char c : t) {
        int digit = 0;
        if (isDigit(c))
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        if (digit >= base)
            return std::nullopt;
        if (value > (std::numeric_limits<quint64>::max() - quint64(digit)) / quint64(base))
            return std::nullopt; // out of range
        value = value * quint64(base) + quint64(digit);
    }
    return value;
}

// Go's strconv.ParseInt(t, 0, 64): an optional sign, then as goParseUnsigned, in range.
std::optional<qint64> goParseInt(QByteArrayView t)
{
    bool negative = false;
    if (!t.isEmpty() && (t[0] == '+' || t[0] == '-')) {
        negative = t[0] == '-';
        t = t.sliced(1);
    }
    const auto magnitude = goParseUnsigned(t);
    if (!magnitude)
        return std::nullopt;
    constexpr quint64 max = quint64(std::numeric_limits<qint64>::max());
    if (negative) {
        if (*magnitude > max + 1)
            return std::nullopt;
        return *magnitude == max + 1 ? std::numeric_limits<qint64>::min() : -qint64(*magnitude);
    }
    if (*magnitude > max)
        return std::nullopt;
    return qint64(*magnitude);
}

// [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ (the core schema's integers, for !!int tags)
std::optional<QJsonValue> intValue(const QByteArray &t)
{
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'o')) {
        const bool hex = t[1] == 'x';
        for (qsizetype i = 2; i < t.size(); ++i) {
            if (hex ? !isHex(t[i]) : (t[i] < '0' || t[i] > '7'))
                return std::nullopt;
        }
        bool ok = false;
        const qulonglong u = t.mid(2).toULongLong(&ok, hex ? 16 : 8);
        if (ok && u <= qulonglong(std::numeric_limits<qint64>::max()))
            return QJsonValue(qint64(u));
        // Too large for an integer: keep the magnitude as a double.
        double d = 0;
        for (qsizetype i = 2; i < t.size(); ++i)
            d = d * (hex ? 16 : 8) + QByteArray(1, t[i]).toInt(nullptr, 16);
        return QJsonValue(d);
    }
    qsizetype i = (t.startsWith('-') || t.startsWith('+')) ? 1 : 0;
    if (i == t.size())
        return std::nullopt;
    for (; i < t.size(); ++i) {
        if (!isDigit(t[i]))
            return std::nullopt;
    }
    bool ok = false;
    const qlonglong v = t.toLongLong(&ok, 10);
    if (ok)
        return QJsonValue(qint64(v));
    return QJsonValue(t.toDouble());
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.inf | \.nan
std::optional<double> floatValue(const QByteArray &t)
{
    qsizetype i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) {
        negative = t[i] == '-';
        ++i;
    }
    const QByteArray rest = t.mid(i);
    if (isOneOf(rest, {".inf", ".Inf", ".INF"}))
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    if (i == 0 && isOneOf(rest, {".nan", ".NaN", ".NAN"}))
        return std::numeric_limits<double>::quiet_NaN();
    qsizetype digits = 0;
    while (i < t.size() && isDigit(t[i])) {
        ++i;
        ++digits;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        while (i < t.size() && isDigit(t[i])) {
            ++i;
            ++digits;
        }
    }
    if (digits == 0)
        return std::nullopt;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+'))
            ++i;
        qsizetype expDigits = 0;
        while (i < t.size() && isDigit(t[i])) {
            ++i;
            ++expDigits;
        }
        if (expDigits == 0)
            return std::nullopt;
    }
    if (i != t.size())
        return std::nullopt;
    bool ok = false;
    const double d = t.toDouble(&ok);
    if (!ok && !std::isinf(d))
        return std::nullopt;
    return d;
}

// A plain scalar as kubectl reads it: go-yaml v2 (through sigs.k8s.io/yaml) follows YAML 1.1
// here, and what it reads is what an apply sends. Null and boolean words (y/n, yes/no,
// on/off included), .inf/.nan; then, for text starting with a digit or a sign, with '_'
// removed: a Go integer (0x, 0o, 0b, a leading 0 for octal), an unsigned one, or a float
// ("1.10" is the number 1.1, "08" the float 8); ".5" style floats; anything else a string
// (timestamps included: go-yaml v2 gives them as strings).
QJsonValue resolvePlain(const QByteArray &t)
{
    if (isNullWord(t))
        return QJsonValue(QJsonValue::Null);
    if (const auto b = boolWord11(t))
        return QJsonValue(*b);
    if (isOneOf(t, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return QJsonValue(std::numeric_limits<double>::infinity());
    if (isOneOf(t, {"-.inf", "-.Inf", "-.INF"}))
        return QJsonValue(-std::numeric_limits<double>::infinity());
    if (isOneOf(t, {".nan", ".NaN", ".NAN"}))
        return QJsonValue(std::numeric_limits<double>::quiet_NaN());
    const char c = t.at(0);
    if (c == '.') {
        if (const auto d = floatValue(t); d && !std::isnan(*d) && !std::isinf(*d))
            return QJsonValue(*d);
        return QJsonValue(stringFromUtf8(t));
    }
    if (isDigit(c) || c == '-' || c == '+') {
        const QByteArray plain = QByteArray(t).replace('_', QByteArray());
        if (const auto i = goParseInt(plain))
            return QJsonValue(*i);
        if (const auto u = goParseUnsigned(plain))
            return QJsonValue(double(*u));
        if (const auto d = floatValue(plain); d && !std::isnan(*d) && !std::isinf(*d))
            return QJsonValue(*d);
    }
    return QJsonValue(stringFromUtf8(t));
}

// Strings that YAML 1.1 readers (Go's yaml.v2, PyYAML) would not read back as strings:
// booleans such as yes/on, sexagesimal and underscored numbers, timestamps.
bool looksTypedForYaml11(const QString &s)
{
    static const QStringList words = {
        QStringLiteral("y"),   QStringLiteral("Y"),   QStringLiteral("yes"), QStringLiteral("Yes"),
        QStringLiteral("YES"), QStringLiteral("n"),   QStringLiteral("N"),   QStringLiteral("no"),
        QStringLiteral("No"),  QStringLiteral("NO"),  QStringLiteral("on"),  QStringLiteral("On"),
        QStringLiteral("ON"),  QStringLiteral("off"), QStringLiteral("Off"), QStringLiteral("OFF"),
        QStringLiteral("<<"),  QStringLiteral("=")};
    if (words.contains(s))
        return true;
    qsizetype i = (s.startsWith(u'-') || s.startsWith(u'+')) ? 1 : 0;
    if (i < s.size() && s[i] == u'0' && i + 1 < s.size()
        && (s[i + 1] == u'x' || s[i + 1] == u'b' || s[i + 1] == u'o'))
        return true;
    // Only digits, '_', '.', ':' and an optional exponent: some reader may see a number.
    bool sawDigit = false;
    for (; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.isDigit() && c.unicode() < 128) {
            sawDigit = true;
        } else if (c == u'_' || c == u'.' || c == u':') {
            continue;
        } else if ((c == u'e' || c == u'E') && sawDigit) {
            continue;
        } else if ((c == u'-' || c == u'+') && i > 0 && (s[i - 1] == u'e' || s[i - 1] == u'E')) {
            continue;
        } else {
            break;
        }
    }
    if (i == s.size() && sawDigit)
        return true;
    // Timestamps: 2001-12-14...
    if (s.size() >= 8 && s[0].isDigit() && s[1].isDigit() && s[2].isDigit() && s[3].isDigit()
        && s[4] == u'-')
        return true;
    return false;
}

bool isPrintableChar(char32_t c)
{
    if (c == U'\t')
        return true;
    // NEL (0x85), LS and PS end a line for YAML 1.1 readers (libyaml, Go): always escaped.
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
        return false;
    return QChar::isPrint(c) || QChar::category(c) == QChar::Other_PrivateUse
        || QChar::category(c) == QChar::Separator_Space;
}

QByteArray singleQuoted(const QString &s)
{
    // Encode the whole string at once: QChar by QChar would split surrogate pairs (characters
    // beyond the BMP) into lone surrogates, which UTF-8 cannot hold.
    QByteArray out = "'";
    out += s.toUtf8().replace('\'', "''");
    out += '\'';
    return out;
}

QByteArray doubleQuoted(const QString &s)
{
    QByteArray out = "\"";
    const QList<uint> code = s.toUcs4();
    for (const uint c : code) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        case 0:
            out += "\\0";
            break;
        default:
            if (c == '\t' || isPrintableChar(c)) {
                out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1).toUtf8();
            } else if (c <= 0xffff) {
                out += "\\u" + QByteArray::number(c, 16).rightJustified(4, '0');
            } else {
                out += "\\U" + QByteArray::number(c, 16).rightJustified(8, '0');
            }
        }
    }
    out += '"';
    return out;
}

// A literal block (|, |- or |+) whose content lines start at `indent`, or an empty
// array when the string cannot be written that way safely.
QByteArray literalBlock(const QString &s, int indent)
{
    if (s.startsWith(u' ') || s.startsWith(u'\t') || s.startsWith(u'\n') || s.trimmed().isEmpty())
        return {};
    for (const uint c : s.toUcs4()) {
        if (c != '\n' && (c == '\t' || !isPrintableChar(c)))
            return {};
    }
    qsizetype trailing = 0;
    while (trailing < s.size() && s[s.size() - 1 - trailing] == u'\n')
        ++trailing;
    QByteArray out = trailing == 0 ? "|-" : (trailing == 1 ? "|" : "|+");
    const QString body = s.left(s.size() - trailing);
    const QByteArray pad(indent, ' ');
    for (const QString &line : body.split(u'\n')) {
        out += '\n';
        if (!line.isEmpty())
            out += pad + line.toUtf8();
    }
    // The caller ends the last line; keep-chomping needs the extra empty lines.
    for (qsizetype i = 1; i < trailing; ++i)
        out += '\n';
    return out;
}

} // namespace

QJsonValue yamlScalarValue(const QByteArray &text, const QByteArray &tag)
{
    if (tag == "?")
        return resolvePlain(text);
    if (tag.startsWith("tag:yaml.org,2002:")) {
        const QByteArrayView type = QByteArrayView(tag).sliced(18);
        if (type == "null")
            return QJsonValue(QJsonValue::Null);
        if (type == "bool") {
            if (const auto b = boolWord(text))
                return QJsonValue(*b);
        } else if (type == "int") {
            if (auto i = intValue(text))
                return *i;
        } else if (type == "float") {
            if (const auto d = floatValue(text))
                return QJsonValue(*d);
        }
    }
    return QJsonValue(stringFromUtf8(text));
}

QString stringFromUtf8(QByteArrayView utf8)
{
    static constexpr QByteArrayView bom("\xef\xbb\xbf");
    if (!utf8.startsWith(bom))
        return QString::fromUtf8(utf8);
    qsizetype boms = 0;
    while (utf8.sliced(3 * boms).startsWith(bom))
        ++boms;
    return QString(boms, QChar(0xfeff)) + QString::fromUtf8(utf8.sliced(3 * boms));
}

namespace {

// Go's strconv.FormatFloat(f, 'g', -1, 32), which sigs.k8s.io/yaml uses for float mapping
// keys: the shortest digits of the float32, in %e form when the exponent is < -4 or >= 6
// (at least two exponent digits), else in %f form.
QString goFormatFloat32(double value)
{
    if (std::isnan(value))
        return QStringLiteral(".nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
    char buffer[64];
    const float f = float(value);
    if (std::isinf(f)) // beyond float32's range: Go's float32 is infinite too
        return f > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
    const auto [end, ec]
        = std::to_chars(buffer, buffer + sizeof buffer, f, std::chars_format::scientific);
    if (ec != std::errc())
        return QString::number(value);
    const std::string sci(buffer, end); // "-1.2345e+06"
    const size_t e = sci.find('e');
    if (e == std::string::npos || e + 1 >= sci.size())
        return QString::number(value);
    const bool negative = sci.front() == '-';
    std::string digits;
    for (size_t i = negative ? 1 : 0; i < e; ++i) {
        if (sci[i] != '.')
            digits += sci[i];
    }
    const int exponent = std::stoi(sci.substr(e + 1));
    std::string out = negative ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
        out += digits.substr(0, 1);
        if (digits.size() > 1)
            out += '.' + digits.substr(1);
        const int magnitude = std::abs(exponent);
        out += exponent < 0 ? "e-" : "e+";
        if (magnitude < 10)
            out += '0';
        out += std::to_string(magnitude);
    } else if (exponent < 0) {
        out += "0." + std::string(size_t(-exponent - 1), '0') + digits;
    } else {
        const size_t whole = size_t(exponent) + 1;
        if (digits.size() <= whole)
            out += digits + std::string(whole - digits.size(), '0');
        else
            out += digits.substr(0, whole) + '.' + digits.substr(whole);
    }
    return QString::fromStdString(out);
}

} // namespace

QString yamlKeyText(const QByteArray &text, const QByteArray &tag)
{
    if (tag == "!")
        return {}; // quoted or block: the text itself
    if (tag == "?" && !text.isEmpty()) {
        // Most keys are words no reader types: skip the resolution for them.
        const char c = text.at(0);
        if (!isDigit(c) && !QByteArrayView("yYnNtTfFoO~.+-").contains(c))
            return {};
    }
    const QJsonValue value = yamlScalarValue(text, tag);
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        // An integer only when it was read as one (QJsonValue keeps 1e6 as an integer too).
        const QByteArray plain = QByteArray(text).replace('_', QByteArray());
        const bool integer
            = tag == "?" ? goParseInt(plain) || goParseUnsigned(plain) : tag.endsWith(":int");
        if (integer) {
            if (const auto u = goParseUnsigned(plain); u && !goParseInt(plain))
                return QString::number(*u);
            return QString::number(value.toInteger());
        }
        return goFormatFloat32(value.toDouble());
    }
    default:
        return {};
    }
}

bool yamlScalarIsNull(const QByteArray &text, const QByteArray &tag)
{
    return tag == "?" ? isNullWord(text) : tag == "tag:yaml.org,2002:null";
}

bool isPlainSafe(const QString &s)
{
    if (s.isEmpty() || s.size() > 4096)
        return false;
    if (!resolvePlain(s.toUtf8()).isString() || looksTypedForYaml11(s))
        return false;
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    if (indicators.contains(s[0]) || s.startsWith(QStringLiteral("...")))
        return false;
    if (s[0].isSpace() || s[s.size() - 1].isSpace() || s.endsWith(u':'))
        return false;
    if (s.contains(QStringLiteral(": ")) || s.contains(QStringLiteral(" #"))
        || s.contains(QStringLiteral(":\t")) || s.contains(QStringLiteral("\t#")))
        return false;
    for (const uint c : s.toUcs4()) {
        if (c == '\t' || !isPrintableChar(c))
            return false;
    }
    return true;
}

QByteArray yamlScalarText(const QJsonValue &scalar, int indent, bool allowBlock)
{
    switch (scalar.type()) {
    case QJsonValue::Bool:
        return scalar.toBool() ? "true" : "false";
    case QJsonValue::Double: {
        const QVariant v = scalar.toVariant();
        if (v.typeId() == QMetaType::LongLong)
            return QByteArray::number(v.toLongLong());
        const double d = scalar.toDouble();
        if (std::isnan(d))
            return ".nan";
        if (std::isinf(d))
            return d < 0 ? "-.inf" : ".inf";
        QByteArray text = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        if (!text.contains('.') && !text.contains('e'))
            text += ".0";
        return text;
    }
    case QJsonValue::String: {
        const QString s = scalar.toString();
        if (isPlainSafe(s))
            return s.toUtf8();
        if (allowBlock && s.contains(u'\n')) {
            const QByteArray block = literalBlock(s, std::max(indent, 1));
            if (!block.isEmpty())
                return block;
        }
        for (const uint c : s.toUcs4()) {
            if (c == '\t' || !isPrintableChar(c))
                return doubleQuoted(s);
        }
        return singleQuoted(s);
    }
    case QJsonValue::Array:
        return "[]";
    case QJsonValue::Object:
        return "{}";
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return "null";
}

} // namespace md::schema
