#pragma once

// Applies a freshly built list of rows to a table model in place: rows whose key is gone
// are removed, rows whose value changed are replaced (dataChanged), new rows are appended.
// Selections and scroll positions survive an update; a proxy sorts. Row needs key() and
// operator== (or a `same` function).

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>

namespace md::gateways {

// Model must give applyRowsAccess: beginRemoveRows & co. are protected, so the model passes
// lambdas for them.
struct RowSignals
{
    std::function<void(int first, int last)> beginRemove, beginInsert;
    std::function<void()> endRemove, endInsert;
    std::function<void(int row)> changed;
};

template<typename Row, typename Same>
void applyRows(QList<Row> &rows, QList<Row> fresh, const RowSignals &s, Same same)
{
    QHash<QString, qsizetype> freshIndex;
    for (qsizetype i = 0; i < fresh.size(); ++i)
        freshIndex.insert(fresh.at(i).key(), i);
    // Removals, from the end so that positions stay right.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        if (freshIndex.contains(rows.at(i).key()))
            continue;
        qsizetype first = i;
        while (first > 0 && !freshIndex.contains(rows.at(first - 1).key()))
            --first;
        s.beginRemove(int(first), int(i));
        rows.remove(first, i - first + 1);
        s.endRemove();
        i = first;
    }
    QHash<QString, qsizetype> oldIndex;
    for (qsizetype i = 0; i < rows.size(); ++i)
        oldIndex.insert(rows.at(i).key(), i);
    QList<Row> added;
    for (Row &row : fresh) {
        const auto it = oldIndex.constFind(row.key());
        if (it == oldIndex.cend()) {
            added.append(std::move(row));
        } else if (!same(rows.at(*it), row)) {
            rows[*it] = std::move(row);
            s.changed(int(*it));
        }
    }
    if (!added.isEmpty()) {
        s.beginInsert(int(rows.size()), int(rows.size() + added.size() - 1));
        rows.append(added);
        s.endInsert();
    }
}

} // namespace md::gateways
