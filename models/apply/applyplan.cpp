#include "apply/applyplan.h"

#include "apply/applytr.h"
#include "istio/analyzers.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace md::apply {

using md::istio::Message;
using md::istio::Severity;
using md::istio::Value;

int kindRank(const QString &kind)
{
    static const QHash<QString, int> ranks {
        {QStringLiteral("Namespace"), 0},
        {QStringLiteral("CustomResourceDefinition"), 1},
        {QStringLiteral("ServiceAccount"), 2},
        {QStringLiteral("Secret"), 2},
        {QStringLiteral("ConfigMap"), 2},
        {QStringLiteral("Service"), 3},
        {QStringLiteral("ServiceEntry"), 4},
        {QStringLiteral("WorkloadEntry"), 5},
        {QStringLiteral("WorkloadGroup"), 5},
        {QStringLiteral("Gateway"), 6},
        {QStringLiteral("DestinationRule"), 7},
        {QStringLiteral("VirtualService"), 8},
        {QStringLiteral("Sidecar"), 9},
        {QStringLiteral("EnvoyFilter"), 9},
        {QStringLiteral("Telemetry"), 9},
        {QStringLiteral("ProxyConfig"), 9},
        {QStringLiteral("WasmPlugin"), 9},
        {QStringLiteral("PeerAuthentication"), 10},
        {QStringLiteral("RequestAuthentication"), 11},
        {QStringLiteral("AuthorizationPolicy"), 12},
    };
    return ranks.value(kind, 13);
}

QList<int> applyOrder(const QList<ApplyItem> &items)
{
    QList<int> writes, deletes;
    for (qsizetype i = 0; i < items.size(); ++i)
        (items.at(i).operation == Operation::Delete ? deletes : writes).append(int(i));
    const auto rank = [&](int i) { return kindRank(items.at(i).id().kind); };
    std::stable_sort(writes.begin(), writes.end(), [&](int a, int b) { return rank(a) < rank(b); });
    std::stable_sort(deletes.begin(), deletes.end(),
                     [&](int a, int b) { return rank(a) > rank(b); });
    return writes + deletes;
}

namespace {

int count(const QList<Message> &messages, Severity severity)
{
    return int(std::count_if(messages.cbegin(), messages.cend(),
                             [&](const Message &m) { return m.severity == severity; }));
}

// Analyzer codes that say a referenced object is missing: an object of the same request may
// be the one they miss.
bool isMissingReference(const QString &code)
{
    return code == QLatin1String("IST0101") || code == QLatin1String("IST0173");
}

} // namespace

int PlanEntry::errors() const
{
    return count(messages, Severity::Error);
}

int PlanEntry::warnings() const
{
    return count(messages, Severity::Warning);
}

int ApplyPlan::errors() const
{
    int n = 0;
    for (const PlanEntry &e : entries)
        n += e.errors();
    return n;
}

int ApplyPlan::warnings() const
{
    int n = 0;
    for (const PlanEntry &e : entries)
        n += e.warnings();
    return n;
}

QList<Message> ApplyPlan::messages() const
{
    QList<Message> all;
    for (int i : order)
        all += entries.at(i).messages;
    return all;
}

ApplyPlan buildPlan(const ApplyRequest &request, const md::istio::Validator &validator,
                    const CrossCheck &crossCheck)
{
    ApplyPlan plan;
    plan.request = request;
    plan.order = applyOrder(request.items);

    // The request's objects as one set, for the cross-references between them.
    md::istio::MeshIndex batch;
    for (const ApplyItem &item : request.items) {
        if (item.operation != Operation::Delete)
            batch.add(item.object, item.source, item.line);
    }
    const bool many = batch.size() > 1;

    for (qsizetype i = 0; i < request.items.size(); ++i) {
        const ApplyItem &item = request.items.at(i);
        PlanEntry entry;
        entry.index = int(i);
        if (item.operation == Operation::Delete) {
            entry.diff = diffObjects(item.base.isNull() ? item.object : item.base, Value());
            plan.entries.append(entry);
            continue;
        }
        entry.diff = diffObjects(item.base, item.object);
        QList<Message> messages = validator.validate(item.object);
        if (item.id().kind.isEmpty() || item.id().name.isEmpty()) {
            messages.append(Message {
                QStringLiteral("import.object"), Severity::Error,
                item.id().kind.isEmpty() ? QStringLiteral("kind") : QStringLiteral("metadata.name"),
                Tr::tr("an object needs a kind and metadata.name"), QString(), QString(), 0});
        }
        const QList<Message> together = md::istio::analyzeObject(batch, item.object);
        if (crossCheck) {
            const QList<Message> live = crossCheck(item.object);
            for (const Message &m : live) {
                // A reference the live mesh lacks may be given by the request itself.
                if (many && isMissingReference(m.code)
                    && std::none_of(together.cbegin(), together.cend(), [&](const Message &t) {
                           return t.code == m.code && t.path == m.path;
                       }))
                    continue;
                messages.append(m);
            }
        } else {
            messages += together;
        }
        const QString object = item.id().displayName();
        for (Message &m : messages) {
            m.object = object;
            if (m.source.isEmpty())
                m.source = item.source;
            if (m.line == 0)
                m.line = item.line;
        }
        entry.messages = messages;
        plan.entries.append(entry);
    }
    return plan;
}

} // namespace md::apply
