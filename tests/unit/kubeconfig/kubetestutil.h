#pragma once

// Helpers shared by the kubeconfig tests.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTest>

namespace md::kube::test {

inline void writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(content);
}

// Replaces #N with the path of file N and $N with its directory.
inline QString expand(QString s, const QStringList &paths)
{
    for (qsizetype i = paths.size() - 1; i >= 0; --i) {
        s.replace(u'#' + QString::number(i), paths.at(i));
        s.replace(u'$' + QString::number(i), QFileInfo(paths.at(i)).absolutePath());
    }
    return s;
}

} // namespace md::kube::test
