#include "apply/revert.h"

#include "apply/applytr.h"

namespace md::apply {

using md::istio::Value;

Value forCreate(const Value &object)
{
    if (!object.isObject())
        return object;
    Value copy = object;
    copy.remove(QStringLiteral("status"));
    if (Value *metadata = copy.find(QStringLiteral("metadata"))) {
        for (const char *key :
             {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
              "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"})
            metadata->remove(QLatin1String(key));
    }
    return copy;
}

Result<ApplyRequest> revertRequest(const md::store::JournalEntry &entry, const Value &live)
{
    const QString what = QStringLiteral("%1 %2/%3").arg(entry.kind, entry.namespace_, entry.name);
    if (!entry.succeeded)
        return unexpected(QStringLiteral("revert.failed"),
                          Tr::tr("this change failed: there is nothing to revert"), what);
    if (entry.kind == QLatin1String("Secret"))
        return unexpected(QStringLiteral("revert.secret"),
                          Tr::tr("a Secret cannot be reverted: its data is never journaled"), what);
    const auto op = operationFromId(entry.operation);
    if (!op)
        return unexpected(QStringLiteral("revert.operation"),
                          Tr::tr("unknown operation \"%1\"").arg(entry.operation), what);

    ApplyRequest request;
    request.context = entry.context;
    request.mesh = entry.mesh;
    switch (*op) {
    case Operation::Create:
        if (live.isNull())
            return unexpected(QStringLiteral("revert.gone"),
                              Tr::tr("the created object no longer exists"), what);
        request.items.append(ApplyItem::remove(live));
        break;
    case Operation::Update: {
        if (live.isNull())
            return unexpected(QStringLiteral("revert.gone"),
                              Tr::tr("the object no longer exists: it cannot be updated back"),
                              what);
        auto before = md::istio::parseValue(entry.before, what);
        if (!before || !before->isObject())
            return unexpected(QStringLiteral("revert.before"),
                              Tr::tr("the journal's \"before\" cannot be read"), what);
        // "before" as it was, written as an update of what is live now.
        Value restored = forCreate(*before);
        const QString rv = live.value(QStringLiteral("metadata"))
                               .value(QStringLiteral("resourceVersion"))
                               .toString();
        restored.member(QStringLiteral("metadata")).insert(QStringLiteral("resourceVersion"), rv);
        request.items.append(ApplyItem::update(live, restored));
        break;
    }
    case Operation::Delete: {
        if (!live.isNull())
            return unexpected(QStringLiteral("revert.exists"),
                              Tr::tr("an object of that name exists again: open it instead"), what);
        auto before = md::istio::parseValue(entry.before, what);
        if (!before || !before->isObject())
            return unexpected(QStringLiteral("revert.before"),
                              Tr::tr("the journal's \"before\" cannot be read"), what);
        request.items.append(ApplyItem::create(forCreate(*before)));
        break;
    }
    }
    return request;
}

} // namespace md::apply
