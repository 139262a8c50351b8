// The ServiceEntry form: an external (or VM) service added to the mesh's registry.

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

namespace md::ui::forms {

using namespace md::istio;

namespace {

class ServiceEntryForm final : public TypedForm<ServiceEntry>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::ServiceEntryForm)
public:
    ServiceEntryForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("ServiceEntry"), catalog, parent)
    {
        setObjectName(QStringLiteral("serviceEntryForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, &m_view.spec.exportTo);
        section(
            content(), tr("Service"), QStringLiteral("spec.hosts"),
            [this](QFormLayout *f) {
                row(f, tr("Hosts"), new StringListEdit(tr("e.g. api.example.com"), tr("Add host")),
                    QStringLiteral("spec.hosts"),
                    [this]() -> QStringList & { return m_view.spec.hosts; })
                    ->setObjectName(QStringLiteral("hosts"));
                row(f, tr("Addresses"), new StringListEdit(tr("IP or CIDR"), tr("Add address")),
                    QStringLiteral("spec.addresses"),
                    [this]() -> QStringList & { return m_view.spec.addresses; });
                row(
                    f, tr("Location"),
                    new ChoiceField(
                        {QStringLiteral("MESH_EXTERNAL"), QStringLiteral("MESH_INTERNAL")}, false),
                    QStringLiteral("spec.location"),
                    [this]() -> QString & { return m_view.spec.location; },
                    tr("MESH_EXTERNAL: outside the mesh (no mTLS). MESH_INTERNAL: part of the mesh "
                       "(VMs)"))
                    ->setObjectName(QStringLiteral("location"));
                row(
                    f, tr("Resolution"),
                    new ChoiceField({QStringLiteral("NONE"), QStringLiteral("STATIC"),
                                     QStringLiteral("DNS"), QStringLiteral("DNS_ROUND_ROBIN")},
                                    false),
                    QStringLiteral("spec.resolution"),
                    [this]() -> QString & { return m_view.spec.resolution; },
                    tr("STATIC: the endpoints' addresses. DNS: resolve the hosts (or endpoints)"))
                    ->setObjectName(QStringLiteral("resolution"));
                row(f, tr("Subject alt names"), new StringListEdit(tr("name"), tr("Add name")),
                    QStringLiteral("spec.subjectAltNames"),
                    [this]() -> QStringList & { return m_view.spec.subjectAltNames; });
            },
            true);
        section(
            content(), tr("Ports"), QStringLiteral("spec.ports"),
            [this](QFormLayout *f) {
                itemList<Port>(
                    column(f), QStringLiteral("spec.ports"), tr("Add port"),
                    [this]() -> QList<Port> & { return m_view.spec.ports; },
                    [](int, const Port &p) {
                        return tr("%1 %2").arg(p.number ? QString::number(*p.number)
                                                        : QStringLiteral("?"),
                                               p.protocol);
                    },
                    [](const Port &p) { return p.name; },
                    [this](QFormLayout *pf, const QString &q, std::function<Port &()> p) {
                        row(pf, tr("Number"), new IntField(1, 65535), q + QStringLiteral(".number"),
                            [p]() -> std::optional<qint64> & { return p().number; })
                            ->setObjectName(QStringLiteral("portNumber"));
                        row(pf, tr("Protocol"),
                            new ChoiceField({QStringLiteral("HTTP"), QStringLiteral("HTTPS"),
                                             QStringLiteral("HTTP2"), QStringLiteral("GRPC"),
                                             QStringLiteral("TLS"), QStringLiteral("TCP"),
                                             QStringLiteral("MONGO")},
                                            false),
                            q + QStringLiteral(".protocol"),
                            [p]() -> QString & { return p().protocol; })
                            ->setObjectName(QStringLiteral("protocol"));
                        row(pf, tr("Name"), new TextField(tr("e.g. https")),
                            q + QStringLiteral(".name"), [p]() -> QString & { return p().name; })
                            ->setObjectName(QStringLiteral("portName"));
                        row(pf, tr("Target port"), new IntField(1, 65535),
                            q + QStringLiteral(".targetPort"),
                            [p]() -> std::optional<qint64> & { return p().targetPort; });
                    },
                    [] {
                        Port p;
                        p.number = 443;
                        p.protocol = QStringLiteral("TLS");
                        p.name = QStringLiteral("tls");
                        return p;
                    });
            },
            true);
        section(
            content(), tr("Endpoints"), QStringLiteral("spec.endpoints"),
            [this](QFormLayout *f) {
                row(
                    f, tr("Workload selector"), new KeyValueEdit(tr("label"), tr("value")),
                    QStringLiteral("spec.workloadSelector"),
                    [this]() -> QMap<QString, QString> & { return m_view.spec.workloadSelector; },
                    tr("Select WorkloadEntries or Pods instead of listing endpoints"))
                    ->setSuggestions(podLabels());
                itemList<WorkloadEntrySpec>(
                    column(f), QStringLiteral("spec.endpoints"), tr("Add endpoint"),
                    [this]() -> QList<WorkloadEntrySpec> & { return m_view.spec.endpoints; },
                    [](int i, const WorkloadEntrySpec &e) {
                        return tr("Endpoint %1: %2").arg(i + 1).arg(e.address);
                    },
                    {},
                    [this](QFormLayout *ef, const QString &q,
                           std::function<WorkloadEntrySpec &()> e) { buildEndpoint(ef, q, e); });
            },
            !m_view.spec.endpoints.isEmpty() || !m_view.spec.workloadSelector.isEmpty());
    }

private:
    void buildEndpoint(QFormLayout *f, const QString &q, std::function<WorkloadEntrySpec &()> e)
    {
        row(f, tr("Address"), new TextField(tr("IP, hostname or unix:///path")),
            q + QStringLiteral(".address"), [e]() -> QString & { return e().address; })
            ->setObjectName(QStringLiteral("address"));
        // Port name -> number: a text map edited as numbers.
        auto ports = new KeyValueEdit(tr("port name"), tr("number"));
        QMap<QString, QString> text;
        for (auto it = e().ports.constBegin(); it != e().ports.constEnd(); ++it)
            text.insert(it.key(), QString::number(it.value()));
        ports->setValue(text);
        addRow(f, tr("Ports"), ports, tr("Endpoint port per service port name"));
        registerField(q + QStringLiteral(".ports"), ports);
        connect(ports, &RowList::changed, this, [this, ports, e] {
            QMap<QString, qint64> numbers;
            const auto map = ports->value();
            for (auto it = map.constBegin(); it != map.constEnd(); ++it)
                numbers.insert(it.key(), it.value().toLongLong());
            e().ports = numbers;
            touched();
        });
        row(f, tr("Labels"), new KeyValueEdit(tr("label"), tr("value")),
            q + QStringLiteral(".labels"),
            [e]() -> QMap<QString, QString> & { return e().labels; });
        row(f, tr("Network"), new TextField, q + QStringLiteral(".network"),
            [e]() -> QString & { return e().network; });
        row(f, tr("Locality"), new TextField(tr("region/zone/subzone")),
            q + QStringLiteral(".locality"), [e]() -> QString & { return e().locality; });
        row(f, tr("Weight"), new IntField(0, 1 << 30), q + QStringLiteral(".weight"),
            [e]() -> std::optional<qint64> & { return e().weight; });
        row(f, tr("Service account"), new TextField, q + QStringLiteral(".serviceAccount"),
            [e]() -> QString & { return e().serviceAccount; });
    }
};

} // namespace

PolicyForm *createServiceEntryForm(CatalogSource *catalog, QWidget *parent)
{
    return new ServiceEntryForm(catalog, parent);
}

} // namespace md::ui::forms
