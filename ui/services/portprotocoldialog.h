#pragma once

#include "services/meshservices.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QRadioButton;

namespace md::ui {

// Chooses how Istio should read one port of a mesh service: the cluster whose Service to
// change, the port, the protocol, and whether to say it with the port's name
// ("<protocol>[-suffix]") or with appProtocol. Shows the name or field that will be written
// and what Istio reads today. The caller builds the edit (services::withPortProtocol) and
// sends it through the review.
class PortProtocolDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PortProtocolDialog(const md::services::MeshService &service,
                                QWidget *parent = nullptr);

    QString context() const;
    int port() const;
    md::services::PortProtocol protocol() const;
    md::services::ProtocolStyle style() const;

    void setContext(const QString &context);
    void setPort(int port);
    void setProtocol(md::services::PortProtocol protocol);
    void setStyle(md::services::ProtocolStyle style);

    QComboBox *clusterBox() const { return m_cluster; }
    QComboBox *portBox() const { return m_port; }
    QComboBox *protocolBox() const { return m_protocol; }
    QLabel *previewLabel() const { return m_preview; }

private:
    void fillPorts();
    void updatePreview();
    const md::services::ServicePort *currentPort() const;

    md::services::MeshService m_service;
    QComboBox *m_cluster = nullptr;
    QComboBox *m_port = nullptr;
    QComboBox *m_protocol = nullptr;
    QRadioButton *m_byName = nullptr;
    QRadioButton *m_byAppProtocol = nullptr;
    QLabel *m_current = nullptr;
    QLabel *m_preview = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace md::ui
