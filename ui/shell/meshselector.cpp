#include "shell/meshselector.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace md::ui {

MeshSelector::MeshSelector(QWidget *parent)
    : QWidget(parent)
    , m_meshLabel(new QLabel(this))
    , m_mesh(new QComboBox(this))
    , m_clusterLabel(new QLabel(this))
    , m_cluster(new QComboBox(this))
{
    m_mesh->setObjectName(QStringLiteral("meshSelector"));
    m_cluster->setObjectName(QStringLiteral("clusterSelector"));
    m_mesh->setMinimumContentsLength(16);
    m_cluster->setMinimumContentsLength(16);
    m_mesh->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_cluster->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_meshLabel->setBuddy(m_mesh);
    m_clusterLabel->setBuddy(m_cluster);

    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_meshLabel);
    layout->addWidget(m_mesh);
    layout->addSpacing(12);
    layout->addWidget(m_clusterLabel);
    layout->addWidget(m_cluster);

    connect(m_mesh, &QComboBox::currentIndexChanged, this, &MeshSelector::meshChanged);
    connect(m_cluster, &QComboBox::currentIndexChanged, this, &MeshSelector::clusterChanged);
    retranslate();
    updateEnabled();
}

void MeshSelector::setMeshModel(QAbstractItemModel *model)
{
    bindModel(m_mesh, model);
}

void MeshSelector::setClusterModel(QAbstractItemModel *model)
{
    bindModel(m_cluster, model);
}

void MeshSelector::bindModel(QComboBox *box, QAbstractItemModel *model)
{
    box->setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &MeshSelector::updateEnabled);
    connect(model, &QAbstractItemModel::rowsInserted, this, &MeshSelector::updateEnabled);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MeshSelector::updateEnabled);
    updateEnabled();
}

void MeshSelector::retranslate()
{
    m_meshLabel->setText(tr("&Mesh:"));
    m_clusterLabel->setText(tr("C&luster:"));
    m_mesh->setPlaceholderText(tr("No mesh"));
    m_cluster->setPlaceholderText(tr("All clusters"));
    m_mesh->setToolTip(tr("The mesh whose resources the pages show"));
    m_cluster->setToolTip(tr("Limit the pages to one cluster of the mesh"));
}

void MeshSelector::updateEnabled()
{
    m_mesh->setEnabled(m_mesh->count() > 0);
    m_cluster->setEnabled(m_cluster->count() > 0);
}

void MeshSelector::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace md::ui
