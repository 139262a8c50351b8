#pragma once

#include <QHash>
#include <QSortFilterProxyModel>

namespace md {

// Filters and ranks command palette entries by a typed query. The query is split on white
// space; every term must match one of the row's search texts (SearchTextsRole). A term
// scores highest as a whole word, then as a prefix of a text, then as the prefix of a word
// inside it (CamelCase and spaces count as word starts), then as a substring, and last as
// a subsequence of the characters ("vrtsvc" finds VirtualService). Rows sort by score,
// ties in catalog order. An empty query accepts every row in catalog order.
class CommandFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit CommandFilterModel(QObject *parent = nullptr);

    QString query() const { return m_query; }
    void setQuery(const QString &query);
    void setSourceModel(QAbstractItemModel *model) override;

    // The score of a single term against a single text; 0 means no match.
    static int termScore(const QString &term, const QString &text);
    // The score of a whole query against a row's texts; 0 means the row is filtered out.
    static int queryScore(const QStringList &terms, const QStringList &texts);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    int rowScore(int sourceRow) const;

    QString m_query;
    QStringList m_terms;
    mutable QHash<int, int> m_scores; // source row -> score for m_terms
};

} // namespace md
