#include "core/datafiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace md {

QStringList istioCrdCandidates()
{
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable("MESHDESK_CRDS");
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    if (QCoreApplication::instance()) {
        const QDir appDir(QCoreApplication::applicationDirPath());
        candidates << QDir::cleanPath(
            appDir.filePath(QStringLiteral("../share/meshdesk/istio/crd-all.gen.yaml")));
    }
    return candidates;
}

QString istioCrdsPath()
{
    for (const QString &candidate : istioCrdCandidates()) {
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    return {};
}

} // namespace md
