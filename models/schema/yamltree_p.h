#pragma once

// Internal to models/: builds a value tree of any kind straight from YAML parse events
// (libyaml's, see yamlevents_p.h; no node graph in between), with the error wording,
// duplicate-key, merge-key, alias-expansion and nesting rules shared by every YAML reader of
// MeshDesk. Include only from .cpp files of meshdesk_models.
//
// A Tree traits type provides:
//   using Value, Object, Array;
//   static Value scalar(const QByteArray &text, const QByteArray &tag); // tag: see YamlEvent
//   static Value fromObject(Object &&); static Value fromArray(Array &&);
//   static bool isObject(const Value &); static bool isArray(const Value &);
//   static bool isNull(const Value &);
//   static bool contains(const Object &, const QString &);
//   static void insert(Object &, const QString &, const Value &); // replaces in place
//   static void append(Array &, const Value &);
//   template<typename F> static bool forEachMergeSource(const Value &, F f); // f(key, value)
// A mapping key is the text of a scalar as written ("1.0", "0x1F", "true"), or "null" for a
// null scalar ("~", "null", empty).

#include "core/result.h"
#include "schema/schematr.h"
#include "schema/yamlevents_p.h"
#include "schema/yamljson.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <exception>
#include <optional>
#include <vector>

namespace md::schema::detail {

// Aliases may expand a small text into a huge tree ("billion laughs"); stop long before.
constexpr qint64 kMaxAliasExpansion = 1'000'000;
// No value may lie deeper than this below its document's root (the root is at 0, the values
// of a top-level mapping at 1), also through aliases, so that nothing downstream recurses
// without bound. The JSON readers keep to the same limit.
constexpr int kMaxNesting = 512;

template<typename Tree> class YamlTreeBuilder final
{
public:
    using Value = typename Tree::Value;

    std::optional<Value> root;
    std::optional<YamlMark> failureMark;
    QString failure;

    void reset()
    {
        root.reset();
        m_stack.clear();
        m_anchors.clear();
        m_expanded = 0;
    }

    // Takes one node event (not stream or document events); false once something is wrong.
    bool handle(const YamlEvent &e)
    {
        switch (e.type) {
        case YamlEvent::Type::Scalar:
            scalar(e);
            break;
        case YamlEvent::Type::Alias:
            alias(e);
            break;
        case YamlEvent::Type::SequenceStart:
        case YamlEvent::Type::MappingStart:
            if (m_stack.size() > size_t(kMaxNesting)) {
                fail(e.mark, nestingMessage());
                break;
            }
            if (!e.anchor.isEmpty()) // until it ends, an alias to it would contain itself
                m_anchors.insert(e.anchor.toByteArray(), Anchored {});
            m_stack.push_back(
                Frame {e.type == YamlEvent::Type::MappingStart, e.mark, e.anchor.toByteArray()});
            break;
        case YamlEvent::Type::SequenceEnd:
        case YamlEvent::Type::MappingEnd:
            finishContainer();
            break;
        default:
            break;
        }
        return !failureMark;
    }

private:
    struct Frame
    {
        bool isMap = false;
        YamlMark mark;
        QByteArray anchor;
        typename Tree::Object object {};
        typename Tree::Array array {};
        qint64 nodes = 1;
        int height = 0; // levels of values below this one
        bool haveKey = false;
        bool keyIsMerge = false;
        QString key;
        YamlMark keyMark;
        QSet<QString> merged; // keys that came from "<<" and may still be overridden
    };

    struct CachedKey
    {
        QByteArray text;
        QString key;
    };
    static constexpr qsizetype kMaxCachedKey = 64;
    static constexpr quint32 kKeyCacheSize = 509;

    struct Anchored
    {
        std::optional<Value> value; // none while the anchored node is being read
        qint64 nodes = 1;
        int height = 0;
        QString keyText;
    };

    static QString nestingMessage()
    {
        return Tr::tr("mappings and lists nest deeper than %1 levels").arg(kMaxNesting);
    }

    void fail(const YamlMark &mark, const QString &message)
    {
        if (!failureMark) {
            failureMark = mark;
            failure = message;
        }
    }

    void scalar(const YamlEvent &e)
    {
        const QByteArray text = QByteArray::fromRawData(e.value.data(), e.value.size());
        const QByteArray tag = QByteArray::fromRawData(e.tag.data(), e.tag.size());
        if (!m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey) {
            const QString key = keyText(text, tag);
            if (!e.anchor.isEmpty())
                m_anchors.insert(e.anchor.toByteArray(),
                                 Anchored {Tree::scalar(text, tag), 1, 0, key});
            setKey(key, 1, e.mark, tag == "?" && text == "<<");
            return;
        }
        if (m_stack.size() > size_t(kMaxNesting)) {
            fail(e.mark, nestingMessage());
            return;
        }
        const Value v = Tree::scalar(text, tag);
        if (!e.anchor.isEmpty())
            m_anchors.insert(e.anchor.toByteArray(), Anchored {v, 1, 0, keyText(text, tag)});
        complete(v, 1, 0);
    }

    QString keyText(const QByteArray &text, const QByteArray &tag)
    {
        // Keys that are not strings (true, 31, 1.5, null) become strings as kubectl makes them.
        if (QString typed = yamlKeyText(text, tag); !typed.isNull())
            return typed;
        // Documents repeat their keys: a small cache shares one string per key.
        if (text.size() > kMaxCachedKey)
            return stringFromUtf8(text);
        quint32 hash = 2166136261u; // FNV-1a
        for (const char c : text)
            hash = (hash ^ uchar(c)) * 16777619u;
        if (m_keys.empty())
            m_keys.resize(kKeyCacheSize);
        CachedKey &cached = m_keys[hash % kKeyCacheSize];
        if (cached.text != text) {
            cached.text = QByteArray(text.constData(), text.size());
            cached.key = stringFromUtf8(text);
        }
        return cached.key;
    }

    void alias(const YamlEvent &e)
    {
        const auto it = m_anchors.constFind(e.anchor.toByteArray());
        if (it == m_anchors.constEnd()) {
            fail(e.mark, Tr::tr("undefined alias \"*%1\"").arg(QString::fromUtf8(e.anchor)));
            return;
        }
        if (!it->value) {
            fail(e.mark, Tr::tr("alias refers to a node that contains it"));
            return;
        }
        m_expanded += it->nodes;
        if (m_expanded > kMaxAliasExpansion) {
            fail(e.mark, Tr::tr("aliases expand to more than %1 nodes").arg(kMaxAliasExpansion));
            return;
        }
        if (!m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey) {
            if (Tree::isObject(*it->value) || Tree::isArray(*it->value)) {
                fail(e.mark, Tr::tr("mapping keys must be scalars"));
                return;
            }
            setKey(it->keyText, it->nodes, e.mark, false);
            return;
        }
        if (m_stack.size() + size_t(it->height) > size_t(kMaxNesting)) {
            fail(e.mark, nestingMessage());
            return;
        }
        complete(*it->value, it->nodes, it->height);
    }

    void finishContainer()
    {
        if (m_stack.empty())
            return;
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        const Value v
            = f.isMap ? Tree::fromObject(std::move(f.object)) : Tree::fromArray(std::move(f.array));
        if (!f.anchor.isEmpty())
            m_anchors.insert(f.anchor, Anchored {v, f.nodes, f.height, QString()});
        if (!m_stack.empty() && m_stack.back().isMap && !m_stack.back().haveKey) {
            fail(f.mark, Tr::tr("mapping keys must be scalars"));
            return;
        }
        complete(v, f.nodes, f.height);
    }

    void setKey(const QString &key, qint64 nodes, const YamlMark &mark, bool isMerge)
    {
        Frame &top = m_stack.back();
        top.nodes += nodes;
        top.haveKey = true;
        top.key = key;
        top.keyMark = mark;
        top.keyIsMerge = isMerge;
    }

    void merge(Frame &f, const Value &value, const YamlMark &mark)
    {
        const auto add = [&f](const QString &key, const Value &v) {
            if (!Tree::contains(f.object, key)) {
                Tree::insert(f.object, key, v);
                f.merged.insert(key);
            }
        };
        if (!Tree::forEachMergeSource(value, add))
            fail(mark, Tr::tr("a merge key (<<) takes a mapping or a list of mappings"));
    }

    // A value is complete: it becomes the root, an item, or the value of the pending key.
    void complete(const Value &value, qint64 nodes, int height)
    {
        if (m_stack.empty()) {
            root = value;
            return;
        }
        Frame &top = m_stack.back();
        top.nodes += nodes;
        top.height = std::max(top.height, height + 1);
        if (!top.isMap) {
            Tree::append(top.array, value);
            return;
        }
        top.haveKey = false;
        if (top.keyIsMerge) {
            merge(top, value, top.keyMark);
            return;
        }
        if (Tree::contains(top.object, top.key) && !top.merged.remove(top.key)) {
            fail(top.keyMark, Tr::tr("duplicate key \"%1\"").arg(top.key));
            return;
        }
        Tree::insert(top.object, top.key, value);
    }

    std::vector<Frame> m_stack;
    QHash<QByteArray, Anchored> m_anchors;
    qint64 m_expanded = 0;
    std::vector<CachedKey> m_keys; // for the whole stream
};

inline Unexpected<Error> yamlError(const QString &source, int documentIndex, const YamlMark &mark,
                                   const QString &what)
{
    QString message = Tr::tr("document %1").arg(documentIndex + 1);
    if (mark.line >= 0)
        message += Tr::tr(", line %1, column %2")
                       .arg(qint64(mark.line) + 1)
                       .arg(qint64(mark.column) + 1);
    message += QStringLiteral(": ") + what;
    return unexpected(QStringLiteral("yaml.parse"), message, source);
}

// Parses every document of `data`; calls onDocument(Value, index, line) for each document
// whose root is not null (index 0-based, line 1-based: the line of "---", or of the first
// token without it). Never throws.
template<typename Tree, typename OnDocument>
Result<void> parseYamlTree(const QByteArray &data, const QString &source, OnDocument &&onDocument)
{
    int started = 0; // documents begun
    bool inDocument = false;
    try {
        YamlEventReader reader(data);
        YamlTreeBuilder<Tree> builder;
        YamlEvent event;
        int line = 0;
        while (reader.next(event)) {
            switch (event.type) {
            case YamlEvent::Type::StreamStart:
                break;
            case YamlEvent::Type::StreamEnd:
                return {};
            case YamlEvent::Type::DocumentStart:
                builder.reset();
                ++started;
                inDocument = true;
                line = event.documentLine + 1;
                break;
            case YamlEvent::Type::DocumentEnd:
                inDocument = false;
                if (builder.root && !Tree::isNull(*builder.root))
                    onDocument(std::move(*builder.root), started - 1, line);
                builder.root.reset();
                break;
            default:
                if (!builder.handle(event))
                    return yamlError(source, started - 1, *builder.failureMark, builder.failure);
            }
        }
        return yamlError(source, inDocument ? started - 1 : started, reader.errorMark(),
                         reader.errorMessage());
    } catch (const std::exception &e) { // std::bad_alloc from the containers
        return yamlError(source, inDocument ? started - 1 : started, YamlMark {},
                         QString::fromLocal8Bit(e.what()));
    }
}

} // namespace md::schema::detail
