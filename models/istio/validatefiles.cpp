#include "istio/validatefiles.h"

#include "istio/analyzers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace md::istio {

int ValidationReport::errors() const
{
    int n = 0;
    for (const Message &m : messages)
        n += m.severity == Severity::Error ? 1 : 0;
    return n;
}

ValidationReport validateFiles(const QStringList &files, const Validator &validator)
{
    ValidationReport report;
    MeshIndex index;
    for (const QString &path : files) {
        QFile file;
        const bool stdinput = path == QLatin1String("-");
        bool opened = false;
        if (stdinput) {
            opened = file.open(stdin, QIODevice::ReadOnly);
        } else {
            file.setFileName(path);
            opened = file.open(QIODevice::ReadOnly);
        }
        if (!opened) {
            report.messages.append(Message {QStringLiteral("io.read"), Severity::Error, QString(),
                                            Tr::tr("cannot read file: %1").arg(file.errorString()),
                                            QString(), path, 0});
            continue;
        }
        const QString source = stdinput ? QStringLiteral("<stdin>") : path;
        const auto stream = DocumentStream::parse(file.readAll(), source);
        if (!stream) {
            report.messages.append(Message {stream.error().code, Severity::Error, QString(),
                                            stream.error().message, QString(), source, 0});
            continue;
        }
        report.messages += validator.validate(*stream);
        index.add(*stream);
    }
    report.messages += analyzeMesh(index);
    return report;
}

QByteArray formatMessages(const QList<Message> &messages, bool json)
{
    if (!json) {
        QByteArray out;
        for (const Message &m : messages) {
            if (m.object.isEmpty() && !m.source.isEmpty()) // a file that could not be read
                out += (severityName(m.severity) + QStringLiteral(" [") + m.code
                        + QStringLiteral("] ") + m.source + QStringLiteral(": ") + m.text)
                           .toUtf8();
            else
                out += m.toString().toUtf8();
            out += '\n';
        }
        return out;
    }
    QJsonArray list;
    for (const Message &m : messages) {
        QJsonObject origin {{QStringLiteral("file"), m.source}};
        if (m.line > 0)
            origin.insert(QStringLiteral("line"), m.line);
        const char *level = m.severity == Severity::Error ? "Error"
            : m.severity == Severity::Warning             ? "Warning"
                                                          : "Info";
        list.append(QJsonObject {{QStringLiteral("code"), m.code},
                                 {QStringLiteral("level"), QString::fromLatin1(level)},
                                 {QStringLiteral("object"), m.object},
                                 {QStringLiteral("path"), m.path},
                                 {QStringLiteral("message"), m.text},
                                 {QStringLiteral("origin"), origin}});
    }
    return QJsonDocument(list).toJson(QJsonDocument::Indented);
}

} // namespace md::istio
