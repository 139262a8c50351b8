#pragma once

// Internal to models/: builds a value tree of any kind straight from yaml-cpp's parse
// events (no YAML::Node in between), with the error wording, duplicate-key, merge-key and
// alias-expansion rules shared by every YAML reader of MeshDesk. Include only from .cpp
// files of meshdesk_models (it pulls in yaml-cpp headers).
//
// A Tree traits type provides:
//   using Value, Object, Array;
//   static Value scalar(const QByteArray &text, const QByteArray &tag);
//   static Value fromObject(Object &&); static Value fromArray(Array &&);
//   static bool isObject(const Value &); static bool isArray(const Value &);
//   static bool isNull(const Value &); static bool isString(const Value &);
//   static QString keyText(const Value &scalar, const QByteArray &rawText);
//   static bool contains(const Object &, const QString &);
//   static void insert(Object &, const QString &, const Value &); // replaces in place
//   static void append(Array &, const Value &);
//   template<typename F> static bool forEachMergeSource(const Value &, F f); // f(key, value)

#include "core/result.h"
#include "schema/schematr.h"

#include <QCoreApplication>
#include <QSet>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>
#include <unordered_map>
#include <vector>

namespace md::schema::detail {

// Aliases may expand a small text into a huge tree ("billion laughs"); stop long before.
constexpr qint64 kMaxAliasExpansion = 1'000'000;

template<typename Tree> class YamlTreeBuilder final : public YAML::EventHandler
{
public:
    using Value = typename Tree::Value;

    struct Failure
    {
        YAML::Mark mark;
        QString message;
    };

    std::optional<Value> root;
    int documentLine = 0;
    YAML::Mark documentMark = YAML::Mark::null_mark();
    std::optional<Failure> failure;
    qint64 eventBudget = 0; // events left for the whole stream

    // Thrown through yaml-cpp to stop a parse that does not end (see parseYamlTree).
    struct Runaway
    {
        YAML::Mark mark;
    };

    void spend(const YAML::Mark &mark)
    {
        if (--eventBudget < 0)
            throw Runaway {mark};
    }

    void reset()
    {
        root.reset();
        documentMark = YAML::Mark::null_mark();
        m_stack.clear();
        m_anchors.clear();
        m_expanded = 0;
    }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        spend(mark);
        documentLine = mark.line + 1;
        documentMark = mark;
    }
    void OnDocumentEnd() override { }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        spend(mark);
        complete(Tree::scalar(QByteArray(), QByteArrayLiteral("?")), 1, mark, anchor,
                 QStringLiteral("null"), false);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        spend(mark);
        if (failure)
            return;
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end()) {
            fail(mark, Tr::tr("alias refers to a node that contains it"));
            return;
        }
        m_expanded += it->second.nodes;
        if (m_expanded > kMaxAliasExpansion) {
            fail(mark, Tr::tr("aliases expand to more than %1 nodes").arg(kMaxAliasExpansion));
            return;
        }
        const Value v = it->second.value;
        complete(v, it->second.nodes, mark, 0, it->second.keyText, false);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        spend(mark);
        if (failure)
            return;
        const QByteArray text = QByteArray::fromStdString(value);
        Value v = Tree::scalar(text, QByteArray::fromStdString(tag));
        const QString keyText = Tree::keyText(v, text);
        complete(v, 1, mark, anchor, keyText, tag == "?" && value == "<<");
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        spend(mark);
        m_stack.push_back(Frame {false, mark, anchor});
    }

    void OnSequenceEnd() override { finishContainer(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        spend(mark);
        m_stack.push_back(Frame {true, mark, anchor});
    }

    void OnMapEnd() override { finishContainer(); }

private:
    struct Frame
    {
        bool isMap = false;
        YAML::Mark mark;
        YAML::anchor_t anchor = 0;
        typename Tree::Object object {};
        typename Tree::Array array {};
        qint64 nodes = 1;
        bool haveKey = false;
        bool keyIsMerge = false;
        QString key;
        YAML::Mark keyMark;
        QSet<QString> merged; // keys that came from "<<" and may still be overridden
    };

    struct Anchored
    {
        Value value;
        qint64 nodes = 1;
        QString keyText;
    };

    void fail(const YAML::Mark &mark, const QString &message)
    {
        if (!failure)
            failure = Failure {mark, message};
    }

    void finishContainer()
    {
        if (m_stack.empty())
            return;
        Frame f = std::move(m_stack.back());
        m_stack.pop_back();
        if (failure)
            return;
        const Value v
            = f.isMap ? Tree::fromObject(std::move(f.object)) : Tree::fromArray(std::move(f.array));
        complete(v, f.nodes, f.mark, f.anchor, QString(), false);
    }

    void merge(Frame &f, const Value &value, const YAML::Mark &mark)
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

    void complete(const Value &value, qint64 nodes, const YAML::Mark &mark, YAML::anchor_t anchor,
                  const QString &keyText, bool isMergeKey)
    {
        if (failure)
            return;
        if (anchor != 0)
            m_anchors[anchor] = Anchored {value, nodes, keyText};
        if (m_stack.empty()) {
            root = value;
            return;
        }
        Frame &top = m_stack.back();
        top.nodes += nodes;
        if (!top.isMap) {
            Tree::append(top.array, value);
            return;
        }
        if (!top.haveKey) {
            if (Tree::isObject(value) || Tree::isArray(value)) {
                fail(mark, Tr::tr("mapping keys must be scalars"));
                return;
            }
            top.haveKey = true;
            top.key = keyText;
            top.keyMark = mark;
            top.keyIsMerge = isMergeKey;
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
    std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
    qint64 m_expanded = 0;
};

inline Unexpected<Error> yamlError(const QString &source, int documentIndex, const YAML::Mark &mark,
                                   const QString &what)
{
    QString message = Tr::tr("document %1").arg(documentIndex + 1);
    if (!mark.is_null() && mark.line >= 0)
        message += Tr::tr(", line %1, column %2").arg(mark.line + 1).arg(mark.column + 1);
    message += QStringLiteral(": ") + what;
    return unexpected(QStringLiteral("yaml.parse"), message, source);
}

// Parses every document of `data`; calls onDocument(Value, index, line) for each document
// whose root is not null. Never throws.
template<typename Tree, typename OnDocument>
Result<void> parseYamlTree(const QByteArray &data, const QString &source, OnDocument &&onDocument)
{
    int index = 0;
    YamlTreeBuilder<Tree> builder;
    // yaml-cpp 0.7 can loop forever on some malformed input, emitting empty documents at the
    // same place: stop when a document does not advance, or when the events outnumber what
    // the text can hold.
    builder.eventBudget = 4 * qint64(data.size()) + 4096;
    int previousPos = -1;
    try {
        std::istringstream in(data.toStdString());
        YAML::Parser parser(in);
        for (;; ++index) {
            builder.reset();
            if (!parser.HandleNextDocument(builder))
                break;
            if (builder.documentMark.pos >= 0 && builder.documentMark.pos <= previousPos
                && (!builder.root || Tree::isNull(*builder.root))) {
                return yamlError(source, index, builder.documentMark,
                                 Tr::tr("the YAML parser cannot read past this point"));
            }
            previousPos = builder.documentMark.pos;
            if (builder.failure)
                return yamlError(source, index, builder.failure->mark, builder.failure->message);
            if (builder.root && !Tree::isNull(*builder.root))
                onDocument(std::move(*builder.root), index, builder.documentLine);
        }
    } catch (const typename YamlTreeBuilder<Tree>::Runaway &r) {
        return yamlError(source, index, r.mark,
                         Tr::tr("the YAML parser cannot read past this point"));
    } catch (const YAML::Exception &e) {
        return yamlError(source, index, e.mark, QString::fromStdString(e.msg));
    } catch (const std::exception &e) {
        return yamlError(source, index, YAML::Mark::null_mark(), QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return yamlError(source, index, YAML::Mark::null_mark(), Tr::tr("unknown error"));
    }
    return {};
}

} // namespace md::schema::detail
