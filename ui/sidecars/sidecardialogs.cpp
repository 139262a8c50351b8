#include "sidecars/sidecardialogs.h"

#include "sidecar/sidecaredits.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace md::ui {

namespace sk = md::sidecar::keys;

namespace {

QLabel *errorLabel(QWidget *parent)
{
    auto label = new QLabel(parent);
    label->setObjectName(QStringLiteral("errorLabel"));
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    label->setPalette(palette);
    return label;
}

QCheckBox *restartBox(QWidget *parent)
{
    auto box = new QCheckBox(parent);
    box->setObjectName(QStringLiteral("restartNow"));
    return box;
}

} // namespace

SidecarResourcesDialog::SidecarResourcesDialog(const md::sidecar::SidecarResources &initial,
                                               int count, QWidget *parent)
    : QDialog(parent)
    , m_restart(restartBox(this))
    , m_error(errorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("sidecarResourcesDialog"));
    setWindowTitle(count == 1 ? tr("Sidecar resources")
                              : tr("Sidecar resources of %n workloads", nullptr, count));
    auto form = new QFormLayout;
    const QString values[4]
        = {initial.cpuRequest, initial.cpuLimit, initial.memoryRequest, initial.memoryLimit};
    const QString labels[4]
        = {tr("CPU request:"), tr("CPU limit:"), tr("Memory request:"), tr("Memory limit:")};
    const QString keys[4]
        = {sk::ProxyCpu, sk::ProxyCpuLimit, sk::ProxyMemory, sk::ProxyMemoryLimit};
    const QString hints[4] = {QStringLiteral("100m"), QStringLiteral("2000m"),
                              QStringLiteral("128Mi"), QStringLiteral("1Gi")};
    for (int i = 0; i < 4; ++i) {
        m_fields[i] = new QLineEdit(values[i], this);
        m_fields[i]->setObjectName(keys[i]);
        m_fields[i]->setPlaceholderText(tr("e.g. %1 (empty: Istio's default)").arg(hints[i]));
        m_fields[i]->setToolTip(tr("Pod template annotation %1").arg(keys[i]));
        form->addRow(labels[i], m_fields[i]);
        connect(m_fields[i], &QLineEdit::textChanged, this, &SidecarResourcesDialog::check);
    }
    m_restart->setText(tr("Restart now (rollout restart, so running pods get the new sidecar)"));
    auto layout = new QVBoxLayout(this);
    auto intro = new QLabel(tr("Kubernetes quantities: CPU in cores or millicores (0.5, 500m), "
                               "memory in bytes with a unit (128Mi, 1Gi)."),
                            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_restart);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
    check();
}

md::sidecar::SidecarResources SidecarResourcesDialog::resources() const
{
    return {m_fields[0]->text().trimmed(), m_fields[1]->text().trimmed(),
            m_fields[2]->text().trimmed(), m_fields[3]->text().trimmed()};
}

bool SidecarResourcesDialog::restartNow() const
{
    return m_restart->isChecked();
}

QString SidecarResourcesDialog::errorText() const
{
    return m_error->text();
}

void SidecarResourcesDialog::check()
{
    // The same checks as the edit itself, on a stand-in workload.
    md::istio::Value probe = md::istio::Value::object();
    probe.insert(QStringLiteral("kind"), QStringLiteral("Deployment"));
    md::istio::Value meta = md::istio::Value::object();
    meta.insert(QStringLiteral("resourceVersion"), QStringLiteral("0"));
    probe.insert(QStringLiteral("metadata"), meta);
    const auto edited = md::sidecar::editSidecarResources(probe, resources());
    m_error->setText(edited ? QString() : edited.error().toString());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(bool(edited));
}

PassthroughDialog::PassthroughDialog(const md::sidecar::Passthrough &initial, int count,
                                     QWidget *parent)
    : QDialog(parent)
    , m_restart(restartBox(this))
    , m_error(errorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("passthroughDialog"));
    setWindowTitle(count == 1 ? tr("Traffic passthrough")
                              : tr("Traffic passthrough of %n workloads", nullptr, count));
    auto form = new QFormLayout;
    const QString values[3]
        = {initial.inboundPorts, initial.outboundPorts, initial.outboundIpRanges};
    const QString labels[3]
        = {tr("Inbound ports:"), tr("Outbound ports:"), tr("Outbound IP ranges:")};
    const QString keys[3]
        = {sk::ExcludeInboundPorts, sk::ExcludeOutboundPorts, sk::ExcludeOutboundIPRanges};
    const QString hints[3] = {QStringLiteral("8081, 9090"), QStringLiteral("3306"),
                              QStringLiteral("10.0.0.0/8, 169.254.169.254/32")};
    for (int i = 0; i < 3; ++i) {
        m_fields[i] = new QLineEdit(values[i], this);
        m_fields[i]->setObjectName(keys[i]);
        m_fields[i]->setPlaceholderText(tr("e.g. %1").arg(hints[i]));
        m_fields[i]->setToolTip(tr("Pod template annotation %1").arg(keys[i]));
        form->addRow(labels[i], m_fields[i]);
        connect(m_fields[i], &QLineEdit::textChanged, this, &PassthroughDialog::check);
    }
    m_restart->setText(tr("Restart now (rollout restart, so running pods get the new rules)"));
    auto layout = new QVBoxLayout(this);
    auto intro = new QLabel(tr("Traffic on these ports and ranges bypasses the sidecar. Ports "
                               "are 1-65535, ranges are CIDRs; separate entries with commas."),
                            this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_restart);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, sizeHint().height());
    check();
}

md::sidecar::Passthrough PassthroughDialog::passthrough() const
{
    return {m_fields[0]->text(), m_fields[1]->text(), m_fields[2]->text()};
}

bool PassthroughDialog::restartNow() const
{
    return m_restart->isChecked();
}

QString PassthroughDialog::errorText() const
{
    return m_error->text();
}

void PassthroughDialog::check()
{
    const md::sidecar::Passthrough p = passthrough();
    QString error = md::sidecar::checkPortList(sk::ExcludeInboundPorts, p.inboundPorts);
    if (error.isEmpty())
        error = md::sidecar::checkPortList(sk::ExcludeOutboundPorts, p.outboundPorts);
    if (error.isEmpty())
        error = md::sidecar::checkCidrList(sk::ExcludeOutboundIPRanges, p.outboundIpRanges);
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

} // namespace md::ui
