#include "editors/forms/destinations.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

namespace md::ui::forms {

DestinationList::DestinationList(QWidget *parent)
    : RowList(tr("Add destination"), parent)
    , m_total(new QLabel(this))
{
    m_total->setObjectName(QStringLiteral("weightTotal"));
    auto split = new QToolButton(this);
    split->setText(tr("Split evenly"));
    split->setObjectName(QStringLiteral("splitEvenly"));
    split->setAutoRaise(true);
    footer()->insertWidget(1, split);
    footer()->addWidget(m_total);
    connect(split, &QToolButton::clicked, this, [this] {
        splitEvenly();
        emit changed();
    });
    connect(this, &RowList::changed, this, &DestinationList::updateTotal);
    updateTotal();
}

void DestinationList::addRow()
{
    WeightedDestination d;
    if (rowCount() > 0) // a second destination: weights become explicit
        d.weight = 0;
    add(d);
    if (rowCount() == 2) {
        auto first = rowAt(0)->findChild<IntField *>(QStringLiteral("weight"));
        if (!first->value())
            first->setValue(100);
    }
}

void DestinationList::add(const WeightedDestination &d)
{
    auto host = new ChoiceField({}, true);
    host->setObjectName(QStringLiteral("host"));
    host->setToolTip(tr("Service host: a short name, an FQDN or a ServiceEntry host"));
    host->setValue(d.destination.host);
    host->setSuggestions(m_hosts);
    host->lineEdit()->setPlaceholderText(tr("host"));
    auto subset = new ChoiceField({}, true);
    subset->setObjectName(QStringLiteral("subset"));
    subset->lineEdit()->setPlaceholderText(tr("subset"));
    subset->setValue(d.destination.subset);
    subset->setSuggestions(
        [this, host] { return m_subsets ? m_subsets(host->value()) : QStringList(); });
    auto port = new IntField(1, 65535);
    port->setObjectName(QStringLiteral("port"));
    port->setToolTip(tr("Port (needed when the service has several)"));
    port->setValue(d.destination.port);
    auto slider = new QSlider(Qt::Horizontal);
    slider->setObjectName(QStringLiteral("weightSlider"));
    slider->setRange(0, 100);
    slider->setMinimumWidth(90);
    slider->setValue(int(d.weight.value_or(0)));
    auto weight = new IntField(0, 100);
    weight->setObjectName(QStringLiteral("weight"));
    weight->setSuffix(QStringLiteral(" %"));
    weight->setSpecialValueText(tr("\u2014"));
    weight->setValue(d.weight);
    weight->setToolTip(tr("Share of the requests; the weights of a route add up to 100"));
    connect(host, &ChoiceField::changed, this, &RowList::changed);
    connect(subset, &ChoiceField::changed, this, &RowList::changed);
    connect(port, &IntField::changed, this, &RowList::changed);
    connect(slider, &QSlider::sliderMoved, this, [this, weight](int v) {
        weight->setValue(v);
        emit changed();
    });
    connect(slider, &QSlider::actionTriggered, this, [this, slider, weight] {
        weight->setValue(slider->sliderPosition());
        emit changed();
    });
    connect(weight, &IntField::changed, this, [this, slider, weight] {
        const QSignalBlocker block(slider);
        slider->setValue(int(weight->value().value_or(0)));
        emit changed();
    });
    QWidget *row = appendRow({host, subset, port, slider, weight}, {5, 2, 1, 3, 1});
    if (onRow)
        onRow(rowCount() - 1, row, weight);
}

QList<WeightedDestination> DestinationList::value() const
{
    QList<WeightedDestination> out;
    for (int i = 0; i < rowCount(); ++i) {
        QWidget *row = rowAt(i);
        WeightedDestination d;
        d.destination.host = row->findChild<ChoiceField *>(QStringLiteral("host"))->value();
        d.destination.subset = row->findChild<ChoiceField *>(QStringLiteral("subset"))->value();
        d.destination.port = row->findChild<IntField *>(QStringLiteral("port"))->value();
        d.weight = row->findChild<IntField *>(QStringLiteral("weight"))->value();
        out.append(d);
    }
    return out;
}

void DestinationList::setValue(const QList<WeightedDestination> &v)
{
    if (value() == v)
        return;
    clearRows();
    for (const WeightedDestination &d : v)
        add(d);
    updateTotal();
}

qint64 DestinationList::total() const
{
    qint64 sum = 0;
    for (const WeightedDestination &d : value())
        sum += d.weight.value_or(0);
    return sum;
}

void DestinationList::splitEvenly()
{
    const int n = rowCount();
    if (n == 0)
        return;
    for (int i = 0; i < n; ++i) {
        const qint64 share = 100 / n + (i < 100 % n ? 1 : 0);
        rowAt(i)->findChild<IntField *>(QStringLiteral("weight"))->setValue(share);
        rowAt(i)->findChild<QSlider *>()->setValue(int(share));
    }
    updateTotal();
}

void DestinationList::updateTotal()
{
    const int n = rowCount();
    const qint64 sum = total();
    const bool implicit = n == 1 && !value().constFirst().weight;
    const bool ok = n == 0 || implicit || sum == 100;
    if (n == 0)
        m_total->setText(tr("No destination"));
    else if (implicit)
        m_total->setText(tr("Total: 100 % (one destination)"));
    else
        m_total->setText(
            ok ? tr("Total: %1 %").arg(sum)
               : tr("\u26a0 Total: %1 % \u2014 the weights must add up to 100").arg(sum));
    m_total->setStyleSheet(ok ? QString() : QStringLiteral("color: #d0312d; font-weight: bold;"));
}

} // namespace md::ui::forms
