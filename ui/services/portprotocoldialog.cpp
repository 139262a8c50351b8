#include "services/portprotocoldialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace md::ui {

using namespace md::services;

namespace {

QString sourceText(const SelectedProtocol &selected)
{
    switch (selected.source) {
    case ProtocolSource::AppProtocol:
        return PortProtocolDialog::tr("from appProtocol");
    case ProtocolSource::PortName:
        return PortProtocolDialog::tr("from the port name");
    case ProtocolSource::TransportUdp:
        return PortProtocolDialog::tr("UDP is not proxied");
    case ProtocolSource::WellKnownPort:
        return PortProtocolDialog::tr("a well-known port, never sniffed");
    case ProtocolSource::None:
        break;
    }
    return PortProtocolDialog::tr("not declared: detected from the traffic");
}

} // namespace

PortProtocolDialog::PortProtocolDialog(const MeshService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_cluster(new QComboBox(this))
    , m_port(new QComboBox(this))
    , m_protocol(new QComboBox(this))
    , m_byName(new QRadioButton(tr("Port name prefix"), this))
    , m_byAppProtocol(new QRadioButton(tr("appProtocol field (takes precedence)"), this))
    , m_current(new QLabel(this))
    , m_preview(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("portProtocolDialog"));
    setWindowTitle(tr("Port protocol of %1.%2").arg(service.name, service.namespaceName));
    m_cluster->setObjectName(QStringLiteral("clusterBox"));
    m_port->setObjectName(QStringLiteral("portBox"));
    m_protocol->setObjectName(QStringLiteral("protocolBox"));
    m_byName->setObjectName(QStringLiteral("byNameButton"));
    m_byAppProtocol->setObjectName(QStringLiteral("byAppProtocolButton"));
    m_preview->setObjectName(QStringLiteral("previewLabel"));
    m_current->setWordWrap(true);
    m_preview->setWordWrap(true);
    for (const ClusterService &c : service.clusters)
        m_cluster->addItem(c.context, c.context);
    for (PortProtocol p : selectableProtocols())
        m_protocol->addItem(protocolName(p), int(p));
    m_byName->setChecked(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Review…"));

    auto intro = new QLabel(tr("Istio reads a port's protocol from its appProtocol, else from "
                               "its name (<protocol>[-<suffix>]). The change is reviewed "
                               "before it is applied to the cluster's Service."),
                            this);
    intro->setWordWrap(true);
    auto form = new QFormLayout;
    form->addRow(tr("Cluster:"), m_cluster);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Istio reads today:"), m_current);
    form->addRow(tr("Protocol:"), m_protocol);
    auto styles = new QVBoxLayout;
    styles->addWidget(m_byName);
    styles->addWidget(m_byAppProtocol);
    form->addRow(tr("Declare it with:"), styles);
    form->addRow(tr("Will write:"), m_preview);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_cluster, &QComboBox::currentIndexChanged, this, &PortProtocolDialog::fillPorts);
    connect(m_port, &QComboBox::currentIndexChanged, this, [this] {
        if (const ServicePort *p = currentPort()) {
            const int i = m_protocol->findData(int(p->selected.protocol));
            if (i >= 0)
                m_protocol->setCurrentIndex(i);
        }
        updatePreview();
    });
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &PortProtocolDialog::updatePreview);
    connect(m_byName, &QRadioButton::toggled, this, &PortProtocolDialog::updatePreview);
    fillPorts();
    resize(520, sizeHint().height());
}

QString PortProtocolDialog::context() const
{
    return m_cluster->currentData().toString();
}

int PortProtocolDialog::port() const
{
    return m_port->currentData().toInt();
}

PortProtocol PortProtocolDialog::protocol() const
{
    return PortProtocol(m_protocol->currentData().toInt());
}

ProtocolStyle PortProtocolDialog::style() const
{
    return m_byName->isChecked() ? ProtocolStyle::PortName : ProtocolStyle::AppProtocol;
}

void PortProtocolDialog::setContext(const QString &context)
{
    m_cluster->setCurrentIndex(std::max(0, m_cluster->findData(context)));
}

void PortProtocolDialog::setPort(int port)
{
    m_port->setCurrentIndex(std::max(0, m_port->findData(port)));
}

void PortProtocolDialog::setProtocol(PortProtocol protocol)
{
    m_protocol->setCurrentIndex(std::max(0, m_protocol->findData(int(protocol))));
}

void PortProtocolDialog::setStyle(ProtocolStyle style)
{
    (style == ProtocolStyle::PortName ? m_byName : m_byAppProtocol)->setChecked(true);
}

const ServicePort *PortProtocolDialog::currentPort() const
{
    const ClusterService *c = m_service.cluster(context());
    if (!c)
        return nullptr;
    for (const ServicePort &p : c->ports) {
        if (p.port == port() && p.transport != QLatin1String("UDP"))
            return &p;
    }
    return nullptr;
}

void PortProtocolDialog::fillPorts()
{
    const int previous = port();
    QSignalBlocker blocker(m_port);
    m_port->clear();
    if (const ClusterService *c = m_service.cluster(context())) {
        for (const ServicePort &p : c->ports) {
            if (p.transport == QLatin1String("UDP"))
                continue; // Istio does not proxy UDP
            m_port->addItem(p.name.isEmpty() ? QString::number(p.port)
                                             : QStringLiteral("%1 (%2)").arg(p.port).arg(p.name),
                            p.port);
        }
    }
    blocker.unblock();
    setPort(previous);
    if (const ServicePort *p = currentPort()) {
        const int i = m_protocol->findData(int(p->selected.protocol));
        if (i >= 0)
            m_protocol->setCurrentIndex(i);
    }
    updatePreview();
}

void PortProtocolDialog::updatePreview()
{
    const ServicePort *p = currentPort();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p != nullptr);
    if (!p) {
        m_current->setText(tr("This cluster's Service has no TCP port."));
        m_preview->clear();
        return;
    }
    m_current->setText(
        QStringLiteral("%1 (%2)").arg(protocolName(p->selected.protocol), sourceText(p->selected)));
    if (style() == ProtocolStyle::PortName) {
        QStringList others;
        if (const ClusterService *c = m_service.cluster(context())) {
            for (const ServicePort &o : c->ports) {
                if (o.port != p->port)
                    others << o.name;
            }
        }
        const QString name = portNameFor(protocol(), p->name, others);
        m_preview->setText(p->appProtocol.isEmpty()
                               ? tr("name: %1").arg(name)
                               : tr("name: %1, and appProtocol %2 removed (it would override the "
                                    "name)")
                                     .arg(name, p->appProtocol));
    } else {
        m_preview->setText(tr("appProtocol: %1").arg(protocolId(protocol())));
    }
}

} // namespace md::ui
