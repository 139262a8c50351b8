#include "mesh/clusterhealth.h"
#include "mesh/mesh.h"

#include <QTest>

using namespace md::mesh;

class tst_Mesh : public QObject
{
    Q_OBJECT

private slots:
    void typeIds();
    void proposesOneMeshPerMeshId();
    void skipsClustersWithoutIstioOrDown();
    void preferredOrderPicksTheControlPlane();
};

static ClusterHealth up(const QString &context, const QString &meshId, bool istio = true)
{
    ClusterHealth h;
    h.context = context;
    h.state = ClusterHealth::State::Connected;
    h.meshId = meshId;
    if (istio)
        h.istioVersion = QStringLiteral("1.24.2");
    return h;
}

void tst_Mesh::typeIds()
{
    for (Mesh::Type t : {Mesh::Type::Hosted, Mesh::Type::Dedicated, Mesh::Type::External}) {
        QCOMPARE(typeFromId(typeId(t)), std::optional<Mesh::Type>(t));
        QVERIFY(!typeText(t).isEmpty());
    }
    QVERIFY(!typeFromId(QStringLiteral("ambient")));
}

void tst_Mesh::proposesOneMeshPerMeshId()
{
    const QList<Mesh> meshes
        = proposeMeshes({up("b-member", "mesh1"), up("a-primary", "mesh1"), up("solo", "mesh2")});
    QCOMPARE(meshes.size(), 2);
    QCOMPARE(meshes.at(0).name, QStringLiteral("mesh1"));
    QCOMPARE(meshes.at(0).type, Mesh::Type::Hosted);
    QCOMPARE(meshes.at(0).controlPlane, QStringLiteral("a-primary"));
    QCOMPARE(meshes.at(0).members, QStringList {"b-member"});
    QCOMPARE(meshes.at(0).meshId, QStringLiteral("mesh1"));
    QCOMPARE(meshes.at(1).type, Mesh::Type::Dedicated);
    QCOMPARE(meshes.at(1).controlPlane, QStringLiteral("solo"));
    for (const Mesh &m : meshes)
        QVERIFY(validateMesh(m));
}

void tst_Mesh::skipsClustersWithoutIstioOrDown()
{
    ClusterHealth down = up("down", "mesh1");
    down.state = ClusterHealth::State::Unreachable;
    const QList<Mesh> meshes = proposeMeshes({down, up("plain", "", false), up("istio-no-id", "")});
    QCOMPARE(meshes.size(), 1);
    QCOMPARE(meshes.at(0).name, QStringLiteral("istio-no-id"));
    QVERIFY(meshes.at(0).meshId.isEmpty());
}

void tst_Mesh::preferredOrderPicksTheControlPlane()
{
    const QList<Mesh> meshes
        = proposeMeshes({up("a", "m"), up("b", "m"), up("c", "m")}, {"c", "a"});
    QCOMPARE(meshes.at(0).controlPlane, QStringLiteral("c"));
    QCOMPARE(meshes.at(0).members, (QStringList {"a", "b"}));
}

QTEST_APPLESS_MAIN(tst_Mesh)
#include "tst_mesh.moc"
