#pragma once

// The destinations of a route: host, subset, port and a weight slider per destination, with
// the live total (it must be 100 when there is more than one) and "Split evenly".

#include "editors/forms/fieldwidgets.h"

class QLabel;
class QSlider;

namespace md::ui::forms {

struct WeightedDestination
{
    md::istio::Destination destination;
    std::optional<qint64> weight;
    bool operator==(const WeightedDestination &) const = default;
};

class DestinationList : public RowList
{
    Q_OBJECT
public:
    explicit DestinationList(QWidget *parent = nullptr);

    QList<WeightedDestination> value() const;
    void setValue(const QList<WeightedDestination> &v);
    void setHostSuggestions(Suggestions hosts) { m_hosts = std::move(hosts); }
    // Subsets of the host typed in a row.
    void setSubsetSuggestions(std::function<QStringList(const QString &host)> subsets)
    {
        m_subsets = std::move(subsets);
    }
    // Called for each row created, with its index (the form registers field paths).
    std::function<void(int, QWidget *row, QWidget *weight)> onRow;

    qint64 total() const;
    QLabel *totalLabel() const { return m_total; }
    void splitEvenly();

    // Reads any list of items with `destination` and `weight` into rows, and back.
    template<typename Item> static QList<WeightedDestination> from(const QList<Item> &items)
    {
        QList<WeightedDestination> out;
        for (const Item &i : items)
            out.append({i.destination, i.weight});
        return out;
    }
    template<typename Item>
    static void assign(QList<Item> &items, const QList<WeightedDestination> &rows)
    {
        items.resize(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            items[i].destination = rows[i].destination;
            items[i].weight = rows[i].weight;
        }
    }

protected:
    void addRow() override;

private:
    void add(const WeightedDestination &d);
    void updateTotal();

    Suggestions m_hosts;
    std::function<QStringList(const QString &)> m_subsets;
    QLabel *m_total = nullptr;
};

} // namespace md::ui::forms
