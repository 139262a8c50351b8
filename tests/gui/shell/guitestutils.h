#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>

// Points QSettings and the data directories at a fresh temporary folder so that GUI tests
// never read or write the user's settings.
inline QTemporaryDir *isolateSettings()
{
    static QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", QDir(dir.path()).filePath(QStringLiteral("config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", QDir(dir.path()).filePath(QStringLiteral("data")).toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MeshDeskTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MeshDeskTest"));
    return &dir;
}
