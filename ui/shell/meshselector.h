#pragma once

#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QLabel;

namespace md::ui {

// The toolbar's mesh and cluster pickers. They show the meshes and clusters of the models
// they are given (the connection layer provides them); with none, they are disabled and
// say "No mesh" / "All clusters".
class MeshSelector final : public QWidget
{
    Q_OBJECT

public:
    explicit MeshSelector(QWidget *parent = nullptr);

    void setMeshModel(QAbstractItemModel *model);
    void setClusterModel(QAbstractItemModel *model);
    QComboBox *meshBox() const { return m_mesh; }
    QComboBox *clusterBox() const { return m_cluster; }

signals:
    void meshChanged(int row);
    void clusterChanged(int row);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateEnabled();
    void bindModel(QComboBox *box, QAbstractItemModel *model);

    QLabel *m_meshLabel = nullptr;
    QComboBox *m_mesh = nullptr;
    QLabel *m_clusterLabel = nullptr;
    QComboBox *m_cluster = nullptr;
};

} // namespace md::ui
