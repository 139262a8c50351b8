#pragma once

// Side-by-side diff of two texts (the live and the edited YAML): DiffModel holds the rows
// of md::apply::TextDiff (line numbers and text of each side, changed lines coloured),
// DiffView shows them with both sides scrolling together.

#include "apply/textdiff.h"

#include <QAbstractTableModel>
#include <QTableView>

namespace md::ui {

// Roles: Qt::DisplayRole per column, Qt::BackgroundRole (the change's colour),
// KindRole (int, DiffRow::Kind).
class DiffModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { LeftLineColumn = 0, LeftColumn, RightLineColumn, RightColumn, NUM_COLUMNS };
    enum Roles { KindRole = Qt::UserRole + 1 };

    explicit DiffModel(QObject *parent = nullptr);

    void setDiff(const md::apply::TextDiff &diff);
    void setTitles(const QString &left, const QString &right);
    const QList<md::apply::DiffRow> &rows() const { return m_rows; }
    // Row of the first change (-1 when the texts are equal).
    int firstChange() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<md::apply::DiffRow> m_rows;
    QString m_left;
    QString m_right;
};

class DiffView final : public QTableView
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    void setDiff(const md::apply::TextDiff &diff);
    void setTitles(const QString &left, const QString &right);
    DiffModel *diffModel() const { return m_model; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitColumns();
    DiffModel *m_model;
};

} // namespace md::ui
