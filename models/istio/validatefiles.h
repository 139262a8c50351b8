#pragma once

// Offline validation of policy files, all three layers, as `meshdesk-cli validate` runs it
// (like istioctl analyze on files): the files form one set, so cross-references between
// them are checked; an object given twice counts once (the last one wins).

#include "istio/message.h"
#include "istio/validator.h"

#include <QByteArray>
#include <QStringList>

namespace md::istio {

struct ValidationReport
{
    QList<Message> messages; // schema and rule messages per object, then analyzer messages
    int errors() const; // messages of severity Error (unreadable files count as errors)
};

// Reads and validates `files` (YAML or JSON; "-" reads standard input). A file that cannot be
// read or parsed gives one Error message with the code "io.read" or "yaml.parse".
ValidationReport validateFiles(const QStringList &files, const Validator &validator);

// One line per message ("Error [IST0101] (VirtualService bookinfo/reviews) spec...: text"),
// or a JSON array of {code, level, object, path, message, origin: {file, line}}.
QByteArray formatMessages(const QList<Message> &messages, bool json);

} // namespace md::istio
