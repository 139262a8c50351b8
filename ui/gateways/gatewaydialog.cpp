#include "gateways/gatewaydialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace md::ui {

using md::gateways::GatewayForm;
using md::gateways::GatewayPort;
using md::gateways::GatewayType;

namespace {

enum PortColumn { PortName, PortNumber, PortTarget, PortNode, PortProtocol, PortColumns };

QString pairsText(const QList<std::pair<QString, QString>> &pairs)
{
    QStringList lines;
    for (const auto &[k, v] : pairs)
        lines << k + QStringLiteral(": ") + v;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

Result<QList<std::pair<QString, QString>>> parseAnnotationLines(const QString &text)
{
    QList<std::pair<QString, QString>> pairs;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        qsizetype sep = line.indexOf(QLatin1String(": "));
        qsizetype skip = 2;
        if (sep < 0) {
            sep = line.indexOf(QLatin1Char('='));
            skip = 1;
        }
        if (sep <= 0)
            return unexpected(QStringLiteral("gateway.annotation"),
                              GatewayDialog::tr("line %1: write key: value").arg(i + 1));
        QString value = line.mid(sep + skip).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"'))
            && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        pairs.append({line.left(sep).trimmed(), value});
    }
    return pairs;
}

GatewayDialog::GatewayDialog(Mode mode, const QStringList &clusters, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_name(new QLineEdit(this))
    , m_cluster(new QComboBox(this))
    , m_namespace(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_replicas(new QSpinBox(this))
    , m_cpuRequest(new QLineEdit(this))
    , m_memoryRequest(new QLineEdit(this))
    , m_cpuLimit(new QLineEdit(this))
    , m_memoryLimit(new QLineEdit(this))
    , m_serviceType(new QComboBox(this))
    , m_ports(new QTableWidget(0, PortColumns, this))
    , m_serviceAnnotations(new QPlainTextEdit(this))
    , m_podAnnotations(new QPlainTextEdit(this))
    , m_problemsLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("gatewayDialog"));
    setWindowTitle(mode == Mode::Create ? tr("New mesh gateway") : tr("Edit mesh gateway"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_cluster->setObjectName(QStringLiteral("clusterCombo"));
    m_cluster->addItems(clusters);
    m_namespace->setObjectName(QStringLiteral("namespaceCombo"));
    m_namespace->setEditable(true);
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_type->addItem(md::gateways::typeText(GatewayType::Ingress), int(GatewayType::Ingress));
    m_type->addItem(md::gateways::typeText(GatewayType::Egress), int(GatewayType::Egress));
    m_replicas->setObjectName(QStringLiteral("replicasBox"));
    m_replicas->setRange(0, 1000);
    m_cpuRequest->setObjectName(QStringLiteral("cpuRequestEdit"));
    m_memoryRequest->setObjectName(QStringLiteral("memoryRequestEdit"));
    m_cpuLimit->setObjectName(QStringLiteral("cpuLimitEdit"));
    m_memoryLimit->setObjectName(QStringLiteral("memoryLimitEdit"));
    for (QLineEdit *edit : {m_cpuRequest, m_cpuLimit})
        edit->setPlaceholderText(tr("e.g. 100m or 2"));
    for (QLineEdit *edit : {m_memoryRequest, m_memoryLimit})
        edit->setPlaceholderText(tr("e.g. 128Mi or 1Gi"));
    m_serviceType->setObjectName(QStringLiteral("serviceTypeCombo"));
    m_serviceType->addItems(
        {QStringLiteral("LoadBalancer"), QStringLiteral("NodePort"), QStringLiteral("ClusterIP")});
    m_ports->setObjectName(QStringLiteral("portsTable"));
    m_ports->setHorizontalHeaderLabels(
        {tr("Name"), tr("Port"), tr("Target port"), tr("Node port"), tr("Protocol")});
    m_ports->verticalHeader()->hide();
    m_ports->horizontalHeader()->setStretchLastSection(true);
    m_ports->setMinimumHeight(130);
    m_serviceAnnotations->setObjectName(QStringLiteral("serviceAnnotationsEdit"));
    m_serviceAnnotations->setPlaceholderText(tr(
        "key: value, one per line (e.g. service.beta.kubernetes.io/aws-load-balancer-type: nlb)"));
    m_podAnnotations->setObjectName(QStringLiteral("podAnnotationsEdit"));
    m_podAnnotations->setPlaceholderText(tr("key: value, one per line"));
    for (QPlainTextEdit *edit : {m_serviceAnnotations, m_podAnnotations})
        edit->setMaximumHeight(edit->fontMetrics().height() * 4 + 12);
    m_problemsLabel->setObjectName(QStringLiteral("problemsLabel"));
    m_problemsLabel->setWordWrap(true);
    m_problemsLabel->setTextFormat(Qt::PlainText);
    QPalette palette = m_problemsLabel->palette();
    palette.setColor(QPalette::WindowText, QColor(0xa0, 0x1c, 0x1c));
    m_problemsLabel->setPalette(palette);
    reviewButton()->setText(tr("Review…"));
    reviewButton()->setObjectName(QStringLiteral("reviewButton"));

    auto identity = new QGroupBox(tr("Gateway"), this);
    auto identityForm = new QFormLayout(identity);
    identityForm->addRow(tr("&Name:"), m_name);
    identityForm->addRow(tr("&Cluster:"), m_cluster);
    identityForm->addRow(tr("Na&mespace:"), m_namespace);
    identityForm->addRow(tr("&Type:"), m_type);
    identityForm->addRow(tr("&Replicas:"), m_replicas);
    identityForm->addRow(tr("Pod annotations:"), m_podAnnotations);

    auto resources = new QGroupBox(tr("Proxy resources"), this);
    auto resourceGrid = new QFormLayout(resources);
    auto requests = new QHBoxLayout;
    requests->addWidget(new QLabel(tr("CPU"), resources));
    requests->addWidget(m_cpuRequest);
    requests->addWidget(new QLabel(tr("Memory"), resources));
    requests->addWidget(m_memoryRequest);
    auto limits = new QHBoxLayout;
    limits->addWidget(new QLabel(tr("CPU"), resources));
    limits->addWidget(m_cpuLimit);
    limits->addWidget(new QLabel(tr("Memory"), resources));
    limits->addWidget(m_memoryLimit);
    resourceGrid->addRow(tr("Requests:"), requests);
    resourceGrid->addRow(tr("Limits:"), limits);

    auto service = new QGroupBox(tr("Service"), this);
    auto serviceForm = new QFormLayout(service);
    serviceForm->addRow(tr("T&ype:"), m_serviceType);
    auto portButtons = new QHBoxLayout;
    auto addPort = new QPushButton(tr("Add port"), service);
    addPort->setObjectName(QStringLiteral("addPortButton"));
    auto removePort = new QPushButton(tr("Remove port"), service);
    removePort->setObjectName(QStringLiteral("removePortButton"));
    portButtons->addWidget(addPort);
    portButtons->addWidget(removePort);
    portButtons->addStretch(1);
    auto portsColumn = new QVBoxLayout;
    portsColumn->addWidget(m_ports);
    portsColumn->addLayout(portButtons);
    serviceForm->addRow(tr("Ports:"), portsColumn);
    serviceForm->addRow(tr("Annotations:"), m_serviceAnnotations);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(identity);
    layout->addWidget(resources);
    layout->addWidget(service, 1);
    layout->addWidget(m_problemsLabel);
    layout->addWidget(m_buttons);
    resize(640, 760);

    if (mode == Mode::Edit) {
        m_name->setReadOnly(true);
        m_cluster->setEnabled(false);
        m_namespace->setEnabled(false);
        m_type->setEnabled(false);
    }

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (m_problems.isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(addPort, &QPushButton::clicked, this, [this] {
        addPortRow({QStringLiteral("http-%1").arg(m_ports->rowCount() + 1), 0, 0, 0,
                    QStringLiteral("TCP")});
        m_ports->setCurrentCell(m_ports->rowCount() - 1, PortNumber);
        validate();
    });
    connect(removePort, &QPushButton::clicked, this, [this] {
        const int row = m_ports->currentRow();
        if (row >= 0)
            m_ports->removeRow(row);
        validate();
    });
    connect(m_type, &QComboBox::activated, this, &GatewayDialog::applyTypeDefaults);
    connect(m_cluster, &QComboBox::currentTextChanged, this, &GatewayDialog::fillNamespaces);
    for (QLineEdit *edit : {m_name, m_cpuRequest, m_memoryRequest, m_cpuLimit, m_memoryLimit})
        connect(edit, &QLineEdit::textChanged, this, &GatewayDialog::validate);
    connect(m_namespace, &QComboBox::currentTextChanged, this, &GatewayDialog::validate);
    connect(m_replicas, &QSpinBox::valueChanged, this, &GatewayDialog::validate);
    connect(m_serviceType, &QComboBox::currentTextChanged, this, &GatewayDialog::validate);
    connect(m_ports, &QTableWidget::cellChanged, this, &GatewayDialog::validate);
    for (QPlainTextEdit *edit : {m_serviceAnnotations, m_podAnnotations})
        connect(edit, &QPlainTextEdit::textChanged, this, &GatewayDialog::validate);

    if (mode == Mode::Create) {
        GatewayForm form = GatewayForm::defaults(GatewayType::Ingress);
        form.context = clusters.value(0);
        setForm(form);
    }
}

QPushButton *GatewayDialog::reviewButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void GatewayDialog::setNamespaces(const QHash<QString, QStringList> &namespaces)
{
    m_namespaces = namespaces;
    fillNamespaces();
}

void GatewayDialog::fillNamespaces()
{
    const QString current = m_namespace->currentText();
    m_filling = true;
    m_namespace->clear();
    m_namespace->addItems(m_namespaces.value(m_cluster->currentText()));
    m_namespace->setCurrentText(current);
    m_filling = false;
    validate();
}

void GatewayDialog::addPortRow(const GatewayPort &port)
{
    const bool wasFilling = m_filling;
    m_filling = true;
    const int row = m_ports->rowCount();
    m_ports->insertRow(row);
    auto number = [](int n) { return n > 0 ? QString::number(n) : QString(); };
    m_ports->setItem(row, PortName, new QTableWidgetItem(port.name));
    m_ports->setItem(row, PortNumber, new QTableWidgetItem(number(port.port)));
    m_ports->setItem(row, PortTarget, new QTableWidgetItem(number(port.targetPort)));
    m_ports->setItem(row, PortNode, new QTableWidgetItem(number(port.nodePort)));
    m_ports->setItem(row, PortProtocol, new QTableWidgetItem(port.protocol));
    m_filling = wasFilling;
}

void GatewayDialog::setForm(const GatewayForm &form)
{
    m_filling = true;
    m_name->setText(form.name);
    m_cluster->setCurrentText(form.context);
    fillNamespaces();
    m_filling = true;
    m_namespace->setCurrentText(form.namespace_);
    m_type->setCurrentIndex(m_type->findData(int(form.type)));
    m_replicas->setValue(form.replicas);
    m_cpuRequest->setText(form.cpuRequest);
    m_memoryRequest->setText(form.memoryRequest);
    m_cpuLimit->setText(form.cpuLimit);
    m_memoryLimit->setText(form.memoryLimit);
    m_serviceType->setCurrentText(form.serviceType);
    m_ports->setRowCount(0);
    for (const GatewayPort &port : form.ports)
        addPortRow(port);
    m_serviceAnnotations->setPlainText(pairsText(form.serviceAnnotations));
    m_podAnnotations->setPlainText(pairsText(form.podAnnotations));
    m_filling = false;
    validate();
}

void GatewayDialog::applyTypeDefaults()
{
    // Switching the type of a new gateway proposes that type's name, namespace and ports.
    const auto type = GatewayType(m_type->currentData().toInt());
    GatewayForm defaults = GatewayForm::defaults(type);
    GatewayForm current = form();
    const GatewayForm other = GatewayForm::defaults(
        type == GatewayType::Ingress ? GatewayType::Egress : GatewayType::Ingress);
    if (current.name.isEmpty() || current.name == other.name)
        current.name = defaults.name;
    if (current.namespace_.isEmpty() || current.namespace_ == other.namespace_)
        current.namespace_ = defaults.namespace_;
    current.type = type;
    current.serviceType = defaults.serviceType;
    current.ports = defaults.ports;
    setForm(current);
}

GatewayForm GatewayDialog::form() const
{
    GatewayForm form;
    form.name = m_name->text().trimmed();
    form.context = m_cluster->currentText();
    form.namespace_ = m_namespace->currentText().trimmed();
    form.type = GatewayType(m_type->currentData().toInt());
    form.replicas = m_replicas->value();
    form.cpuRequest = m_cpuRequest->text().trimmed();
    form.memoryRequest = m_memoryRequest->text().trimmed();
    form.cpuLimit = m_cpuLimit->text().trimmed();
    form.memoryLimit = m_memoryLimit->text().trimmed();
    form.serviceType = m_serviceType->currentText();
    for (int row = 0; row < m_ports->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_ports->item(row, column);
            return item ? item->text().trimmed() : QString();
        };
        GatewayPort port;
        port.name = text(PortName);
        port.port = text(PortNumber).toInt();
        port.targetPort = text(PortTarget).toInt();
        port.nodePort = text(PortNode).toInt();
        port.protocol = text(PortProtocol).toUpper();
        if (port.protocol.isEmpty())
            port.protocol = QStringLiteral("TCP");
        form.ports.append(port);
    }
    form.serviceAnnotations = parseAnnotationLines(m_serviceAnnotations->toPlainText())
                                  .value_or(QList<std::pair<QString, QString>>());
    form.podAnnotations = parseAnnotationLines(m_podAnnotations->toPlainText())
                              .value_or(QList<std::pair<QString, QString>>());
    return form;
}

void GatewayDialog::validate()
{
    if (m_filling)
        return;
    const GatewayForm current = form();
    m_problems = md::gateways::validateGatewayForm(current);
    // Port numbers that are not numbers read as 0: say what was typed.
    for (int row = 0; row < m_ports->rowCount(); ++row) {
        for (int column : {PortNumber, PortTarget, PortNode}) {
            const QTableWidgetItem *item = m_ports->item(row, column);
            const QString text = item ? item->text().trimmed() : QString();
            bool ok = false;
            text.toInt(&ok);
            if (!text.isEmpty() && !ok)
                m_problems.prepend(
                    Error {QStringLiteral("gateway.port"), tr("\"%1\" is not a number").arg(text),
                           QStringLiteral("ports[%1].%2")
                               .arg(row)
                               .arg(column == PortNumber       ? QStringLiteral("port")
                                        : column == PortTarget ? QStringLiteral("targetPort")
                                                               : QStringLiteral("nodePort"))});
        }
    }
    for (auto [edit, field] :
         {std::pair {m_serviceAnnotations, QStringLiteral("serviceAnnotations")},
          std::pair {m_podAnnotations, QStringLiteral("podAnnotations")}}) {
        if (auto parsed = parseAnnotationLines(edit->toPlainText()); !parsed)
            m_problems.prepend(Error {parsed.error().code, parsed.error().message, field});
    }
    QStringList lines;
    for (const Error &e : std::as_const(m_problems))
        lines << e.toString();
    m_problemsLabel->setText(lines.join(QLatin1Char('\n')));
    m_problemsLabel->setVisible(!lines.isEmpty());
    reviewButton()->setEnabled(m_problems.isEmpty());
}

} // namespace md::ui
