#include "editors/textcommand.h"

namespace md::ui {

namespace {
constexpr int BurstMs = 1000;
}

TextCommand::TextCommand(QString before, QString after, Source source, Apply apply,
                         bool alreadyShown, const QString &title)
    : QUndoCommand(title)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_source(source)
    , m_apply(std::move(apply))
    , m_skipRedo(alreadyShown)
{
    m_lastEdit.start();
}

void TextCommand::undo()
{
    m_apply(m_before, Source::Other);
}

void TextCommand::redo()
{
    if (m_skipRedo) {
        m_skipRedo = false;
        return;
    }
    m_apply(m_after, Source::Other);
}

bool TextCommand::mergeWith(const QUndoCommand *other)
{
    auto next = static_cast<const TextCommand *>(other);
    if (next->m_source != m_source || m_source != Source::Yaml || m_lastEdit.elapsed() > BurstMs)
        return false;
    m_after = next->m_after;
    m_lastEdit.restart();
    return true;
}

} // namespace md::ui
