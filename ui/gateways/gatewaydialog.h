#pragma once

#include "gateways/gatewayspec.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

namespace md::ui {

// The form of a gateway deployment: name, cluster, namespace, type, replicas, the proxy's
// resources, the Service's type, ports and annotations, the pods' annotations. New gateways
// start from the type's defaults; an edit starts from the live objects and keeps name,
// cluster, namespace and type fixed. Problems are listed with their field as the user types;
// "Review…" is offered only when there are none.
class GatewayDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Create, Edit };

    GatewayDialog(Mode mode, const QStringList &clusters, QWidget *parent = nullptr);

    void setForm(const md::gateways::GatewayForm &form);
    md::gateways::GatewayForm form() const;
    QList<Error> problems() const { return m_problems; }
    // Namespaces offered per cluster (typed names are accepted too).
    void setNamespaces(const QHash<QString, QStringList> &namespaces);

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *clusterCombo() const { return m_cluster; }
    QComboBox *namespaceCombo() const { return m_namespace; }
    QComboBox *typeCombo() const { return m_type; }
    QSpinBox *replicasBox() const { return m_replicas; }
    QComboBox *serviceTypeCombo() const { return m_serviceType; }
    QTableWidget *portsTable() const { return m_ports; }
    QLineEdit *cpuRequestEdit() const { return m_cpuRequest; }
    QLabel *problemsLabel() const { return m_problemsLabel; }
    QPushButton *reviewButton() const;

private:
    void validate();
    void applyTypeDefaults();
    void addPortRow(const md::gateways::GatewayPort &port);
    void fillNamespaces();

    Mode m_mode;
    QLineEdit *m_name;
    QComboBox *m_cluster;
    QComboBox *m_namespace;
    QComboBox *m_type;
    QSpinBox *m_replicas;
    QLineEdit *m_cpuRequest;
    QLineEdit *m_memoryRequest;
    QLineEdit *m_cpuLimit;
    QLineEdit *m_memoryLimit;
    QComboBox *m_serviceType;
    QTableWidget *m_ports;
    QPlainTextEdit *m_serviceAnnotations;
    QPlainTextEdit *m_podAnnotations;
    QLabel *m_problemsLabel;
    QDialogButtonBox *m_buttons;
    QList<Error> m_problems;
    QHash<QString, QStringList> m_namespaces;
    bool m_filling = false;
};

// "key: value" per line (or key=value); the error names the line.
Result<QList<std::pair<QString, QString>>> parseAnnotationLines(const QString &text);

} // namespace md::ui
