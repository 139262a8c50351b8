#pragma once

#include "kube/kubeobject.h"

#include <QSharedData>

namespace md::kube {

struct KubeObject::Data : QSharedData
{
    QString uid;
    QString namespaceName;
    QString name;
    QString resourceVersion;
    QString kind;
    qint64 generation = 0;
    Labels labels;
    QByteArray json;
};

// Builds KubeObjects from decoded parts (jsondecode.cpp).
class KubeObjectBuilder
{
public:
    static KubeObject make(KubeObject::Data *data) { return KubeObject(data); }
};

} // namespace md::kube
