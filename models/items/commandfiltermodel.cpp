#include "items/commandfiltermodel.h"

#include "items/commandmodel.h"

namespace md {

namespace {

bool isWordStart(const QString &text, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar prev = text.at(i - 1);
    const QChar cur = text.at(i);
    if (!prev.isLetterOrNumber())
        return true;
    return prev.isLower() && cur.isUpper();
}

bool isSubsequence(const QString &needle, const QString &haystack)
{
    qsizetype pos = 0;
    for (const QChar c : needle) {
        pos = haystack.indexOf(c, pos, Qt::CaseInsensitive);
        if (pos < 0)
            return false;
        ++pos;
    }
    return true;
}

} // namespace

CommandFilterModel::CommandFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void CommandFilterModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    m_terms = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_scores.clear();
    invalidate();
}

void CommandFilterModel::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_scores.clear();
    if (model) {
        // Scores depend on the (translated) texts: forget them when the source changes.
        const auto forget = [this] { m_scores.clear(); };
        connect(model, &QAbstractItemModel::dataChanged, this, forget);
        connect(model, &QAbstractItemModel::modelReset, this, forget);
        connect(model, &QAbstractItemModel::rowsInserted, this, forget);
        connect(model, &QAbstractItemModel::rowsRemoved, this, forget);
        connect(model, &QAbstractItemModel::rowsMoved, this, forget);
    }
    QSortFilterProxyModel::setSourceModel(model);
}

int CommandFilterModel::termScore(const QString &term, const QString &text)
{
    if (term.isEmpty() || text.isEmpty())
        return 0;
    if (text.compare(term, Qt::CaseInsensitive) == 0)
        return 100;
    if (text.startsWith(term, Qt::CaseInsensitive))
        return 80;
    int best = 0;
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(term, from, Qt::CaseInsensitive);
        if (at < 0)
            break;
        if (isWordStart(text, at))
            return 60;
        best = 40;
        from = at + 1;
    }
    if (best > 0)
        return best;
    return isSubsequence(term, text) ? 10 : 0;
}

int CommandFilterModel::queryScore(const QStringList &terms, const QStringList &texts)
{
    int total = 0;
    for (const QString &term : terms) {
        int best = 0;
        for (const QString &text : texts)
            best = std::max(best, termScore(term, text));
        if (best == 0)
            return 0;
        total += best;
    }
    return terms.isEmpty() ? 1 : total;
}

int CommandFilterModel::rowScore(int sourceRow) const
{
    const auto cached = m_scores.constFind(sourceRow);
    if (cached != m_scores.constEnd())
        return *cached;
    const QModelIndex idx = sourceModel()->index(sourceRow, 0);
    const QStringList texts = idx.data(CommandModel::SearchTextsRole).toStringList();
    const int score = queryScore(m_terms, texts);
    m_scores.insert(sourceRow, score);
    return score;
}

bool CommandFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    return rowScore(sourceRow) > 0;
}

bool CommandFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int l = rowScore(left.row());
    const int r = rowScore(right.row());
    if (l != r)
        return l > r;
    return left.row() < right.row();
}

} // namespace md
