// The DestinationRule form: host, traffic policy, subsets (each with its own policy).

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"
#include "editors/forms/trafficpolicy.h"

#include <QPushButton>

namespace md::ui::forms {

using namespace md::istio;

namespace {

class DestinationRuleForm final : public TypedForm<DestinationRule>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::DestinationRuleForm)
public:
    DestinationRuleForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("DestinationRule"), catalog, parent)
    {
        setObjectName(QStringLiteral("destinationRuleForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, &m_view.spec.exportTo);
        section(
            content(), tr("Destination"), QStringLiteral("spec.host"),
            [this](QFormLayout *f) {
                auto host = row(
                    f, tr("Host"), new ChoiceField({}, true), QStringLiteral("spec.host"),
                    [this]() -> QString & { return m_view.spec.host; },
                    tr("The service the policy applies to, as in the registry"));
                host->setObjectName(QStringLiteral("host"));
                host->setSuggestions(
                    [this] { return catalog().hostsFor(m_view.metadata.namespace_); });
                auto sel = row(
                    f, tr("Workload selector"), new KeyValueEdit(tr("label"), tr("value")),
                    QStringLiteral("spec.workloadSelector"),
                    [this]() -> QMap<QString, QString> & { return m_view.spec.workloadSelector; },
                    tr("Only for the client workloads with these labels (optional)"));
                sel->setSuggestions(podLabels());
            },
            true);
        auto tp = optionalSection<TrafficPolicy>(
            content(), tr("Traffic policy"), QStringLiteral("spec.trafficPolicy"),
            [this]() -> std::optional<TrafficPolicy> & { return m_view.spec.trafficPolicy; },
            [this](QFormLayout *f, std::function<TrafficPolicy &()> ref) {
                buildTrafficPolicy(*this, column(f), QStringLiteral("spec.trafficPolicy"), ref,
                                   true);
            });
        tp->setExpanded(m_view.spec.trafficPolicy.has_value());
        auto subsets = section(
            content(), tr("Subsets"), QStringLiteral("spec.subsets"),
            [this](QFormLayout *f) {
                auto fill = new QPushButton(tr("Add a subset per version"));
                fill->setObjectName(QStringLiteral("subsetsFromVersions"));
                fill->setToolTip(tr("One subset per value of the \"version\" label of the "
                                    "host's Pods"));
                f->addRow(fill);
                auto list = itemList<Subset>(
                    column(f), QStringLiteral("spec.subsets"), tr("Add subset"),
                    [this]() -> QList<Subset> & { return m_view.spec.subsets; },
                    [](int i, const Subset &s) {
                        return s.name.isEmpty() ? tr("Subset %1").arg(i + 1) : s.name;
                    },
                    [](const Subset &s) -> QString {
                        QStringList labels;
                        for (auto it = s.labels.constBegin(); it != s.labels.constEnd(); ++it)
                            labels.append(it.key() + u'=' + it.value());
                        return labels.join(QStringLiteral(", "))
                            + (s.trafficPolicy ? tr("  \u00b7  own policy") : QString());
                    },
                    [this](QFormLayout *sf, const QString &q, std::function<Subset &()> s) {
                        row(sf, tr("Name"), new TextField(tr("e.g. v1")),
                            q + QStringLiteral(".name"), [s]() -> QString & { return s().name; })
                            ->setObjectName(QStringLiteral("subsetName"));
                        row(sf, tr("Labels"), new KeyValueEdit(tr("label"), tr("value")),
                            q + QStringLiteral(".labels"),
                            [s]() -> QMap<QString, QString> & { return s().labels; })
                            ->setSuggestions(podLabels());
                        optionalSection<TrafficPolicy>(
                            column(sf), tr("Traffic policy of this subset"),
                            q + QStringLiteral(".trafficPolicy"),
                            [s]() -> std::optional<TrafficPolicy> & { return s().trafficPolicy; },
                            [this, q](QFormLayout *f, std::function<TrafficPolicy &()> ref) {
                                buildTrafficPolicy(*this, column(f),
                                                   q + QStringLiteral(".trafficPolicy"), ref, true);
                            });
                    });
                connect(fill, &QPushButton::clicked, this, [this, list] {
                    const QString host = m_view.spec.host;
                    const QString ns = host.contains(u'.') ? host.section(u'.', 1, 1)
                                                           : m_view.metadata.namespace_;
                    const auto *service = catalog().service(ns, host.section(u'.', 0, 0));
                    if (!service)
                        return;
                    for (const QString &version : service->versions) {
                        const bool exists
                            = std::any_of(m_view.spec.subsets.cbegin(), m_view.spec.subsets.cend(),
                                          [&](const Subset &s) { return s.name == version; });
                        if (!exists) {
                            Subset s;
                            s.name = version;
                            s.labels.insert(QStringLiteral("version"), version);
                            m_view.spec.subsets.append(s);
                        }
                    }
                    list->rebuild();
                    touched();
                });
            },
            true);
        (void)subsets;
    }
};

} // namespace

PolicyForm *createDestinationRuleForm(CatalogSource *catalog, QWidget *parent)
{
    return new DestinationRuleForm(catalog, parent);
}

} // namespace md::ui::forms
