#pragma once

// The rows of a review: one per object to write, with its operation, its validation counts
// and how the dry run and the apply went.

#include "apply/applytypes.h"

#include <QAbstractTableModel>

namespace md::ui {

struct ReviewRow
{
    enum class Stage : quint8 {
        Pending, // not sent yet
        Blocked, // validation errors: never sent
        DryRunning,
        DryRunPassed,
        DryRunFailed,
        Applying,
        Applied,
        Failed,
        Skipped,
    };
    md::apply::ApplyItem item;
    int errors = 0;
    int warnings = 0;
    Stage stage = Stage::Pending;
    QString result; // one line: what happened
    std::optional<md::apply::ItemResult> last; // the latest result from the engine
};

// Roles: Qt::DisplayRole per column, Qt::ForegroundRole (red for failures), StageRole (int).
class ResultModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Columns { OperationColumn = 0, ObjectColumn, ChecksColumn, ResultColumn, NUM_COLUMNS };
    enum Roles { StageRole = Qt::UserRole + 1 };

    explicit ResultModel(QObject *parent = nullptr);

    void setRows(QList<ReviewRow> rows);
    const QList<ReviewRow> &rows() const { return m_rows; }
    const ReviewRow &row(int index) const { return m_rows.at(index); }
    void updateRow(int index, const std::function<void(ReviewRow &)> &change);
    int count(ReviewRow::Stage stage) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString stageText(ReviewRow::Stage stage);

private:
    QList<ReviewRow> m_rows;
};

} // namespace md::ui
