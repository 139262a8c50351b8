// The Gateway form: the gateway workloads (selector) and the servers they expose.

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

namespace md::ui::forms {

using namespace md::istio;

namespace {

class GatewayForm final : public TypedForm<Gateway>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::GatewayForm)
public:
    GatewayForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("Gateway"), catalog, parent)
    {
        setObjectName(QStringLiteral("gatewayForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, nullptr);
        section(
            content(), tr("Gateway workloads"), QStringLiteral("spec.selector"),
            [this](QFormLayout *f) {
                row(
                    f, tr("Selector"), new KeyValueEdit(tr("label"), tr("value")),
                    QStringLiteral("spec.selector"),
                    [this]() -> QMap<QString, QString> & { return m_view.spec.selector; },
                    tr("The labels of the gateway Pods, e.g. istio=ingressgateway"))
                    ->setSuggestions(podLabels());
            },
            true);
        section(
            content(), tr("Servers"), QStringLiteral("spec.servers"),
            [this](QFormLayout *f) {
                itemList<Server>(
                    column(f), QStringLiteral("spec.servers"), tr("Add server"),
                    [this]() -> QList<Server> & { return m_view.spec.servers; },
                    [](int i, const Server &s) {
                        const QString port
                            = s.port.number ? QString::number(*s.port.number) : QStringLiteral("?");
                        return tr("Server %1: %2 %3").arg(i + 1).arg(s.port.protocol, port);
                    },
                    [](const Server &s) {
                        QString text = s.hosts.join(QStringLiteral(", "));
                        if (s.tls && !s.tls->mode.isEmpty())
                            text += QStringLiteral("  \u00b7  TLS %1").arg(s.tls->mode);
                        if (s.tls && !s.tls->credentialName.isEmpty())
                            text += QStringLiteral(" (%1)").arg(s.tls->credentialName);
                        return text;
                    },
                    [this](QFormLayout *sf, const QString &q, std::function<Server &()> s) {
                        buildServer(sf, q, s);
                    },
                    [] {
                        Server s;
                        s.port.number = 80;
                        s.port.protocol = QStringLiteral("HTTP");
                        s.port.name = QStringLiteral("http");
                        s.hosts = QStringList {QStringLiteral("*")};
                        return s;
                    });
            },
            true);
    }

private:
    void buildServer(QFormLayout *f, const QString &q, std::function<Server &()> s)
    {
        row(f, tr("Port"), new IntField(1, 65535), q + QStringLiteral(".port.number"),
            [s]() -> std::optional<qint64> & { return s().port.number; })
            ->setObjectName(QStringLiteral("portNumber"));
        row(f, tr("Protocol"),
            new ChoiceField({QStringLiteral("HTTP"), QStringLiteral("HTTPS"),
                             QStringLiteral("HTTP2"), QStringLiteral("GRPC"), QStringLiteral("TLS"),
                             QStringLiteral("TCP"), QStringLiteral("MONGO")},
                            false),
            q + QStringLiteral(".port.protocol"), [s]() -> QString & { return s().port.protocol; })
            ->setObjectName(QStringLiteral("protocol"));
        row(f, tr("Port name"), new TextField(tr("e.g. https")), q + QStringLiteral(".port.name"),
            [s]() -> QString & { return s().port.name; })
            ->setObjectName(QStringLiteral("portName"));
        row(f, tr("Target port"), new IntField(1, 65535), q + QStringLiteral(".port.targetPort"),
            [s]() -> std::optional<qint64> & { return s().port.targetPort; });
        auto hosts = row(
            f, tr("Hosts"),
            new StringListEdit(tr("e.g. bookinfo.example.com, or ns/host"), tr("Add host")),
            q + QStringLiteral(".hosts"), [s]() -> QStringList & { return s().hosts; },
            tr("Hosts exposed by this server; \"namespace/host\" limits which "
               "VirtualServices may bind"));
        hosts->setObjectName(QStringLiteral("serverHosts"));
        row(f, tr("Server name"), new TextField(tr("optional")), q + QStringLiteral(".name"),
            [s]() -> QString & { return s().name; });
        row(f, tr("Bind address"), new TextField(tr("e.g. 0.0.0.0")), q + QStringLiteral(".bind"),
            [s]() -> QString & { return s().bind; });
        row(f, tr("Default endpoint"), new TextField(tr("127.0.0.1:8080")),
            q + QStringLiteral(".defaultEndpoint"),
            [s]() -> QString & { return s().defaultEndpoint; });
        optionalSection<ServerTLSSettings>(
            column(f), tr("TLS"), q + QStringLiteral(".tls"),
            [s]() -> std::optional<ServerTLSSettings> & { return s().tls; },
            [this, q](QFormLayout *tf, std::function<ServerTLSSettings &()> t) {
                const QString p = q + QStringLiteral(".tls");
                row(tf, tr("Mode"),
                    new ChoiceField(
                        {QStringLiteral("SIMPLE"), QStringLiteral("MUTUAL"),
                         QStringLiteral("PASSTHROUGH"), QStringLiteral("AUTO_PASSTHROUGH"),
                         QStringLiteral("ISTIO_MUTUAL"), QStringLiteral("OPTIONAL_MUTUAL")},
                        false),
                    p + QStringLiteral(".mode"), [t]() -> QString & { return t().mode; })
                    ->setObjectName(QStringLiteral("tlsMode"));
                auto cred = row(
                    tf, tr("Credential (Secret)"), new ChoiceField({}, true),
                    p + QStringLiteral(".credentialName"),
                    [t]() -> QString & { return t().credentialName; },
                    tr("A Secret in the gateway's namespace holding the "
                       "certificate and key (and ca.crt for MUTUAL)"));
                cred->setObjectName(QStringLiteral("credentialName"));
                cred->setSuggestions(credentials());
                row(tf, tr("More credentials"), new StringListEdit(tr("secret"), tr("Add secret")),
                    p + QStringLiteral(".credentialNames"),
                    [t]() -> QStringList & { return t().credentialNames; });
                row(tf, tr("Redirect HTTP to HTTPS"), new FlagField(tr("Answer HTTP with a 301")),
                    p + QStringLiteral(".httpsRedirect"),
                    [t]() -> bool & { return t().httpsRedirect; });
                row(tf, tr("Minimum TLS version"),
                    new ChoiceField({QStringLiteral("TLS_AUTO"), QStringLiteral("TLSV1_0"),
                                     QStringLiteral("TLSV1_1"), QStringLiteral("TLSV1_2"),
                                     QStringLiteral("TLSV1_3")},
                                    false),
                    p + QStringLiteral(".minProtocolVersion"),
                    [t]() -> QString & { return t().minProtocolVersion; });
                row(tf, tr("Cipher suites"), new StringListEdit(tr("cipher"), tr("Add cipher")),
                    p + QStringLiteral(".cipherSuites"),
                    [t]() -> QStringList & { return t().cipherSuites; });
                row(tf, tr("Subject alt names"), new StringListEdit(tr("name"), tr("Add name")),
                    p + QStringLiteral(".subjectAltNames"),
                    [t]() -> QStringList & { return t().subjectAltNames; });
                row(tf, tr("Server certificate"),
                    new TextField(tr("file path (instead of a Secret)")),
                    p + QStringLiteral(".serverCertificate"),
                    [t]() -> QString & { return t().serverCertificate; });
                row(tf, tr("Private key"), new TextField(tr("file path")),
                    p + QStringLiteral(".privateKey"),
                    [t]() -> QString & { return t().privateKey; });
                row(tf, tr("CA certificates"), new TextField(tr("file path")),
                    p + QStringLiteral(".caCertificates"),
                    [t]() -> QString & { return t().caCertificates; });
            });
    }
};

} // namespace

PolicyForm *createGatewayForm(CatalogSource *catalog, QWidget *parent)
{
    return new GatewayForm(catalog, parent);
}

} // namespace md::ui::forms
