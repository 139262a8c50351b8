#include "apply/applytypes.h"

#include "apply/applytr.h"

#include <QRegularExpression>

namespace md::apply {

using md::istio::Value;

QString operationId(Operation op)
{
    switch (op) {
    case Operation::Create:
        return QStringLiteral("create");
    case Operation::Update:
        return QStringLiteral("update");
    case Operation::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

std::optional<Operation> operationFromId(const QString &id)
{
    for (Operation op : {Operation::Create, Operation::Update, Operation::Delete}) {
        if (operationId(op) == id)
            return op;
    }
    return std::nullopt;
}

QString operationText(Operation op)
{
    switch (op) {
    case Operation::Create:
        return Tr::tr("Create");
    case Operation::Update:
        return Tr::tr("Update");
    case Operation::Delete:
        return Tr::tr("Delete");
    }
    return {};
}

namespace {

QString resourceVersionOf(const Value &object)
{
    return object.value(QStringLiteral("metadata"))
        .value(QStringLiteral("resourceVersion"))
        .toString();
}

} // namespace

ApplyItem ApplyItem::create(const Value &object)
{
    ApplyItem item;
    item.object = object;
    item.operation = Operation::Create;
    return item;
}

ApplyItem ApplyItem::update(const Value &base, const Value &edited)
{
    ApplyItem item;
    item.object = edited;
    item.base = base;
    item.baseResourceVersion = resourceVersionOf(base);
    item.operation = Operation::Update;
    return item;
}

ApplyItem ApplyItem::remove(const Value &live)
{
    ApplyItem item;
    item.object = live;
    item.base = live;
    item.baseResourceVersion = resourceVersionOf(live);
    item.operation = Operation::Delete;
    return item;
}

ApplyFailure ApplyFailure::fromApiError(const md::kube::ApiError &error, const QString &verb,
                                        const QString &resource, const QString &ns)
{
    ApplyFailure f;
    f.error = error;
    f.verb = verb;
    f.resource = resource;
    f.namespace_ = ns;
    f.causes = error.causes;
    if (error.isRetriable()) {
        f.kind = ApplyFailure::Kind::Retryable;
        f.message = Tr::tr("%1 failed and can be retried (your edit is kept): %2")
                        .arg(verb, error.summary());
        return f;
    }
    if (error.isForbidden()) {
        f.kind = ApplyFailure::Kind::Forbidden;
        // The Status message reads: ... User "u" cannot VERB resource "R" in API group "G"
        // in the namespace "N". Prefer what the server says over what was asked.
        static const QRegularExpression cannot(QStringLiteral(
            R"(cannot (\w+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?(?: in the namespace \"([^\"]*)\")?)"));
        const auto m = cannot.match(error.message);
        if (m.hasMatch()) {
            f.verb = m.captured(1);
            f.resource = m.captured(3).isEmpty() ? m.captured(2)
                                                 : m.captured(2) + QLatin1Char('.') + m.captured(3);
            if (!m.captured(4).isEmpty())
                f.namespace_ = m.captured(4);
        } else if (!error.resource.isEmpty()) {
            f.resource = error.group.isEmpty() ? error.resource
                                               : error.resource + QLatin1Char('.') + error.group;
        }
        static const QRegularExpression user(QStringLiteral(R"(User \"([^\"]+)\")"));
        const auto u = user.match(error.message);
        const QString who = u.hasMatch() ? u.captured(1) : Tr::tr("you");
        f.message = f.namespace_.isEmpty()
            ? Tr::tr("Forbidden: %1 may not %2 %3 (the permission to %2 %3 is missing)")
                  .arg(who, f.verb, f.resource)
            : Tr::tr("Forbidden: %1 may not %2 %3 in namespace %4 (the permission to %2 %3 is "
                     "missing)")
                  .arg(who, f.verb, f.resource, f.namespace_);
        return f;
    }
    if (error.isConflict() || error.isAlreadyExists()) {
        f.kind = ApplyFailure::Kind::Conflict;
        f.message = error.isAlreadyExists()
            ? Tr::tr("Conflict: the object was created by someone else meanwhile")
            : Tr::tr("Conflict: the object was changed on the server since your edit began");
        return f;
    }
    if (error.isNotFound()) {
        f.kind = ApplyFailure::Kind::NotFound;
        f.message = Tr::tr("Not found: the object no longer exists on the server (%1)")
                        .arg(error.summary());
        return f;
    }
    if (error.isInvalid() || error.code == 400) {
        f.kind = ApplyFailure::Kind::Invalid;
        QStringList fields;
        for (const md::kube::StatusCause &c : error.causes)
            fields.append(c.field.isEmpty() ? c.message
                                            : c.field + QStringLiteral(": ") + c.message);
        f.message = fields.isEmpty()
            ? Tr::tr("Rejected by the server: %1").arg(error.message)
            : Tr::tr("Rejected by the server: %1").arg(fields.join(QStringLiteral("; ")));
        return f;
    }
    f.kind = ApplyFailure::Kind::Other;
    f.message = error.summary();
    return f;
}

QString ItemResult::message() const
{
    switch (status) {
    case Status::Pending:
        return Tr::tr("Waiting");
    case Status::Running:
        return Tr::tr("Running…");
    case Status::Succeeded:
        switch (operation) {
        case Operation::Create:
            return Tr::tr("Created");
        case Operation::Update:
            return Tr::tr("Updated");
        case Operation::Delete:
            return Tr::tr("Deleted");
        }
        break;
    case Status::Failed:
    case Status::Skipped:
        if (failure)
            return failure->message;
        return status == Status::Skipped ? Tr::tr("Skipped") : Tr::tr("Failed");
    }
    return {};
}

int ApplyReport::succeeded() const
{
    int n = 0;
    for (const ItemResult &r : results)
        n += r.status == ItemResult::Status::Succeeded ? 1 : 0;
    return n;
}

int ApplyReport::failed() const
{
    int n = 0;
    for (const ItemResult &r : results)
        n += r.status == ItemResult::Status::Failed || r.status == ItemResult::Status::Skipped ? 1
                                                                                               : 0;
    return n;
}

} // namespace md::apply
