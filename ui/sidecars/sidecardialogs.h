#pragma once

// The dialogs of the workload sidecar page's batch actions: sidecar resources and traffic
// passthrough, each checked as the user types (the error names the field and the bad entry;
// OK stays disabled until every field is valid), with the "Restart now" choice.

#include "sidecar/workloads.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace md::ui {

class SidecarResourcesDialog final : public QDialog
{
    Q_OBJECT

public:
    // `initial`: the values of the first selected workload; `count` the selection's size.
    SidecarResourcesDialog(const md::sidecar::SidecarResources &initial, int count,
                           QWidget *parent = nullptr);
    md::sidecar::SidecarResources resources() const;
    bool restartNow() const;
    QString errorText() const;
    QLineEdit *field(int i) const { return m_fields[i]; } // cpu, cpu limit, memory, limit

private:
    void check();
    QLineEdit *m_fields[4] = {};
    QCheckBox *m_restart = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

class PassthroughDialog final : public QDialog
{
    Q_OBJECT

public:
    PassthroughDialog(const md::sidecar::Passthrough &initial, int count,
                      QWidget *parent = nullptr);
    md::sidecar::Passthrough passthrough() const;
    bool restartNow() const;
    QString errorText() const;
    QLineEdit *field(int i) const { return m_fields[i]; } // inbound, outbound ports, ranges

private:
    void check();
    QLineEdit *m_fields[3] = {};
    QCheckBox *m_restart = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace md::ui
