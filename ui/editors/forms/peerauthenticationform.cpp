// The PeerAuthentication form: scope, the mTLS mode and per-port modes.

#include "editors/forms/formbase.h"
#include "editors/forms/formfactory.h"

namespace md::ui::forms {

using namespace md::istio;

namespace {

QStringList mtlsModes()
{
    return {QStringLiteral("STRICT"), QStringLiteral("PERMISSIVE"), QStringLiteral("DISABLE"),
            QStringLiteral("UNSET")};
}

// port -> mode rows.
class PortModesEdit : public RowList
{
public:
    PortModesEdit()
        : RowList(FormBase::tr("Add port"))
    { }
    QMap<QString, QString> value() const
    {
        QMap<QString, QString> out;
        for (int i = 0; i < rowCount(); ++i) {
            const auto port = rowAt(i)->findChild<IntField *>()->value();
            if (port)
                out.insert(QString::number(*port), rowAt(i)->findChild<ChoiceField *>()->value());
        }
        return out;
    }
    void setValue(const QMap<QString, QString> &v)
    {
        clearRows();
        for (auto it = v.constBegin(); it != v.constEnd(); ++it)
            add(it.key().toLongLong(), it.value());
    }

protected:
    void addRow() override { add(0, QStringLiteral("PERMISSIVE")); }

private:
    void add(qint64 port, const QString &mode)
    {
        auto p = new IntField(1, 65535);
        p->setValue(port > 0 ? std::optional<qint64>(port) : std::nullopt);
        auto m = new ChoiceField(mtlsModes(), false);
        m->setValue(mode);
        connect(p, &IntField::changed, this, &RowList::changed);
        connect(m, &ChoiceField::changed, this, &RowList::changed);
        appendRow({p, m}, {1, 2});
    }
};

class PeerAuthenticationForm final : public TypedForm<PeerAuthentication>
{
    Q_DECLARE_TR_FUNCTIONS(md::ui::forms::PeerAuthenticationForm)
public:
    PeerAuthenticationForm(CatalogSource *catalog, QWidget *parent)
        : TypedForm(QStringLiteral("PeerAuthentication"), catalog, parent)
    {
        setObjectName(QStringLiteral("peerAuthenticationForm"));
        setObject(Value::object());
    }

protected:
    void buildForm() override
    {
        buildBasicInfo(m_view.metadata, nullptr);
        buildScopeSection(
            *this, content(),
            {&m_view.spec.selector, &m_noRefs, &m_noRef, &m_view.metadata, {}, false});
        section(
            content(), tr("Mutual TLS"), QStringLiteral("spec.mtls"),
            [this](QFormLayout *f) {
                row(f, tr("Mode"), new ChoiceField(mtlsModes(), false),
                    QStringLiteral("spec.mtls.mode"),
                    [this]() -> QString & { return m_view.spec.mtlsMode; })
                    ->setObjectName(QStringLiteral("mtlsMode"));
                hint(f,
                     tr("STRICT: only mTLS connections are accepted. PERMISSIVE: mTLS and "
                        "plain text. DISABLE: plain text. UNSET or not set: inherit from the "
                        "namespace or mesh policy. Clients need ISTIO_MUTUAL (automatic "
                        "unless a DestinationRule sets TLS)."));
                auto ports = new PortModesEdit;
                ports->setObjectName(QStringLiteral("portLevelMtls"));
                ports->setValue(m_view.spec.portLevelMtls);
                addRow(f, tr("Per port"), ports,
                       tr("Workload ports (container ports) with their own mode; needs a "
                          "workload selector"));
                registerField(QStringLiteral("spec.portLevelMtls"), ports);
                connect(ports, &RowList::changed, this, [this, ports] {
                    m_view.spec.portLevelMtls = ports->value();
                    touched();
                });
            },
            true);
    }

private:
    QList<PolicyTargetReference> m_noRefs; // PeerAuthentication has no targetRefs
    std::optional<PolicyTargetReference> m_noRef;
};

} // namespace

PolicyForm *createPeerAuthenticationForm(CatalogSource *catalog, QWidget *parent)
{
    return new PeerAuthenticationForm(catalog, parent);
}

} // namespace md::ui::forms
