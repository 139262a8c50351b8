#include "checks/checksstatus.h"

#include "checks/checksdialog.h"
#include "items/messagemodel.h"
#include "mesh/liveanalysis.h"
#include "mesh/meshcache.h"
#include "mesh/meshregistry.h"
#include "mesh/selectedmesh.h"

#include <QApplication>
#include <QEvent>

namespace md::ui {

ChecksStatus::ChecksStatus(md::mesh::ConnectionManager *manager, md::mesh::MeshRegistry *registry,
                           QWidget *parent)
    : ChecksStatus(new md::mesh::SelectedMesh(manager, registry), parent)
{
    m_selected->setParent(this);
}

ChecksStatus::ChecksStatus(md::mesh::SelectedMesh *selected, QWidget *parent)
    : QToolButton(parent)
    , m_selected(selected)
    , m_cache(selected->cache())
    , m_analysis(selected->analysis())
    , m_model(new md::MessageModel(this))
{
    setObjectName(QStringLiteral("checksStatus"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(this, &QToolButton::clicked, this, &ChecksStatus::showMessages);
    connect(m_analysis, &md::mesh::LiveAnalysis::updated, this, [this] {
        m_model->setMessages(m_analysis->messages());
        refresh();
    });
    connect(m_model, &md::MessageModel::countsChanged, this, &ChecksStatus::refresh);
    connect(m_cache, &md::mesh::MeshCache::syncedChanged, this, &ChecksStatus::refresh);
    connect(m_selected, &md::mesh::SelectedMesh::meshChanged, this, &ChecksStatus::followMesh);
    refresh();
}

ChecksStatus::~ChecksStatus() = default;

void ChecksStatus::followMesh()
{
    // Another mesh: the messages of the last one no longer apply.
    m_model->setMessages({});
    refresh();
}

void ChecksStatus::refresh()
{
    setVisible(!m_cache->clusters().isEmpty());
    const int errors = m_model->errorCount();
    const int warnings = m_model->warningCount();
    QString text;
    if (m_analysis->runs() == 0 || (!m_cache->isSynced() && m_model->rowCount() == 0))
        text = tr("Checking mesh…");
    else if (errors == 0 && warnings == 0)
        text = tr("Mesh checks: no issues");
    else
        text = tr("Mesh checks: %1").arg(m_model->countsText());
    setText(text);
    // Errors in red, warnings in amber: visible at a glance in the status bar.
    QPalette palette = QApplication::palette(this);
    if (errors > 0)
        palette.setColor(QPalette::ButtonText, QColor(0xc6, 0x28, 0x28));
    else if (warnings > 0)
        palette.setColor(QPalette::ButtonText, QColor(0xb2, 0x6a, 0x00));
    setPalette(palette);
    setToolTip(tr("Cross-reference checks of the selected mesh's live policies "
                  "(Ctrl+Shift+M lists them)"));
}

void ChecksStatus::showMessages()
{
    if (!m_dialog)
        m_dialog = new ChecksDialog(m_model, window());
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void ChecksStatus::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QToolButton::changeEvent(event);
}

} // namespace md::ui
