#include "meshes/meshdialog.h"

#include "mesh/meshregistry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace md::ui {

using md::mesh::Mesh;

namespace {

const auto TokenField = QStringLiteral("prometheusToken");
constexpr int ContextRole = Qt::UserRole;

// Red that reads on the window colour, light or dark.
QPalette errorPalette(const QWidget *widget)
{
    QPalette p;
    const bool dark = widget->palette().color(QPalette::Window).lightness() < 128;
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28));
    return p;
}

QPalette hintPalette(const QWidget *widget)
{
    QPalette p;
    p.setColor(QPalette::WindowText, widget->palette().color(QPalette::PlaceholderText));
    return p;
}

QLabel *messageLabel(QWidget *parent)
{
    auto label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

} // namespace

MeshDialog::MeshDialog(md::mesh::MeshRegistry *registry, const QStringList &contexts,
                       const QString &meshName, QWidget *parent)
    : QDialog(parent)
    , m_registry(registry)
    , m_originalName(meshName)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_typeHint(new QLabel(this))
    , m_controlPlane(new QComboBox(this))
    , m_members(new QListWidget(this))
    , m_rootNamespace(new QLineEdit(this))
    , m_prometheusUrl(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_showToken(new QToolButton(this))
    , m_tokenStatus(messageLabel(this))
    , m_caFile(new QLineEdit(this))
    , m_browseCa(new QPushButton(this))
    , m_grafanaUrl(new QLineEdit(this))
    , m_status(messageLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("meshDialog"));
    setWindowTitle(meshName.isEmpty() ? tr("New Mesh") : tr("Mesh Settings: %1").arg(meshName));

    m_name->setObjectName(QStringLiteral("meshName"));
    m_name->setPlaceholderText(tr("e.g. production"));
    for (Mesh::Type t : {Mesh::Type::Hosted, Mesh::Type::Dedicated, Mesh::Type::External})
        m_type->addItem(md::mesh::typeText(t), md::mesh::typeId(t));
    m_type->setObjectName(QStringLiteral("meshType"));
    m_typeHint->setWordWrap(true);
    m_typeHint->setPalette(hintPalette(this));
    m_controlPlane->setObjectName(QStringLiteral("meshControlPlane"));
    m_controlPlane->setPlaceholderText(tr("Choose a cluster"));
    m_members->setObjectName(QStringLiteral("meshMembers"));
    m_members->setMaximumHeight(m_members->fontMetrics().height() * 7);
    m_members->setAccessibleDescription(
        tr("Tick the clusters whose workloads join the mesh; Space ticks the current one"));
    for (const QString &context : contexts)
        addContext(context, true);
    m_rootNamespace->setObjectName(QStringLiteral("meshRootNamespace"));
    m_rootNamespace->setPlaceholderText(QStringLiteral("istio-system"));
    m_prometheusUrl->setObjectName(QStringLiteral("meshPrometheusUrl"));
    m_prometheusUrl->setPlaceholderText(QStringLiteral("https://prometheus.example.org:9090"));
    m_token->setObjectName(QStringLiteral("meshPrometheusToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Prometheus bearer token"));
    m_token->setClearButtonEnabled(true);
    m_showToken->setObjectName(QStringLiteral("meshShowToken"));
    m_showToken->setText(tr("Show"));
    m_showToken->setToolTip(tr("Show the token while you edit it"));
    m_showToken->setCheckable(true);
    m_showToken->setFocusPolicy(Qt::TabFocus);
    m_tokenStatus->setObjectName(QStringLiteral("meshTokenStatus"));
    m_caFile->setObjectName(QStringLiteral("meshCaFile"));
    m_caFile->setPlaceholderText(tr("The system's CAs"));
    m_browseCa->setText(tr("Browse…"));
    m_browseCa->setAutoDefault(false);
    m_grafanaUrl->setObjectName(QStringLiteral("meshGrafanaUrl"));
    m_grafanaUrl->setPlaceholderText(QStringLiteral("https://grafana.example.org"));
    m_grafanaUrl->setToolTip(tr("Optional: the Metrics page links to Istio's Grafana dashboards "
                                "there for the same object and time range"));
    m_status->setObjectName(QStringLiteral("meshDialogStatus"));

    // Each field with its error underneath.
    auto form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Name:"), withError(m_name, QStringLiteral("name")));
    auto typeBox = new QWidget(this);
    auto typeLayout = new QVBoxLayout(typeBox);
    typeLayout->setContentsMargins(0, 0, 0, 0);
    typeLayout->setSpacing(2);
    typeLayout->addWidget(m_type);
    typeLayout->addWidget(m_typeHint);
    form->addRow(tr("&Type:"), typeBox);
    form->addRow(tr("&Control plane:"), withError(m_controlPlane, QStringLiteral("controlPlane")));
    form->addRow(tr("&Member clusters:"), withError(m_members, QStringLiteral("members")));
    form->addRow(tr("&Root namespace:"),
                 withError(m_rootNamespace, QStringLiteral("rootNamespace")));
    form->addRow(tr("&Prometheus URL:"),
                 withError(m_prometheusUrl, QStringLiteral("prometheusUrl")));
    auto tokenBox = new QWidget(this);
    auto tokenRow = new QHBoxLayout;
    tokenRow->setContentsMargins(0, 0, 0, 0);
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_showToken);
    auto tokenLayout = new QVBoxLayout(tokenBox);
    tokenLayout->setContentsMargins(0, 0, 0, 0);
    tokenLayout->setSpacing(2);
    tokenLayout->addLayout(tokenRow);
    tokenLayout->addWidget(m_tokenStatus);
    form->addRow(tr("Bearer &token:"), tokenBox);
    auto caBox = new QWidget(this);
    auto caRow = new QHBoxLayout(caBox);
    caRow->setContentsMargins(0, 0, 0, 0);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browseCa);
    form->addRow(tr("C&A file:"), withError(caBox, QStringLiteral("prometheusCaFile")));
    form->addRow(tr("&Grafana URL:"), withError(m_grafanaUrl, QStringLiteral("grafanaUrl")));

    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    setTabOrder(m_name, m_type);
    setTabOrder(m_type, m_controlPlane);
    setTabOrder(m_controlPlane, m_members);
    setTabOrder(m_members, m_rootNamespace);
    setTabOrder(m_rootNamespace, m_prometheusUrl);
    setTabOrder(m_prometheusUrl, m_token);
    setTabOrder(m_token, m_showToken);
    setTabOrder(m_showToken, m_caFile);
    setTabOrder(m_caFile, m_browseCa);
    setTabOrder(m_browseCa, m_grafanaUrl);
    setTabOrder(m_grafanaUrl, m_buttons);

    Mesh initial;
    if (const auto kept = meshName.isEmpty() ? std::nullopt : m_registry->mesh(meshName))
        initial = *kept;
    else if (m_controlPlane->count() == 1)
        initial.controlPlane = contexts.constFirst();
    fill(initial);

    const auto revalidate = [this] { validate(); };
    connect(m_name, &QLineEdit::textChanged, this, revalidate);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateTypeHint();
        validate();
    });
    connect(m_controlPlane, &QComboBox::currentIndexChanged, this, [this] {
        updateMembers();
        validate();
    });
    connect(m_members, &QListWidget::itemChanged, this, revalidate);
    connect(m_rootNamespace, &QLineEdit::textChanged, this, revalidate);
    connect(m_prometheusUrl, &QLineEdit::textChanged, this, revalidate);
    connect(m_caFile, &QLineEdit::textChanged, this, revalidate);
    connect(m_grafanaUrl, &QLineEdit::textChanged, this, revalidate);
    connect(m_token, &QLineEdit::textEdited, this, [this] { m_tokenEdited = true; });
    connect(m_showToken, &QToolButton::toggled, this, [this](bool shown) {
        m_token->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_browseCa, &QPushButton::clicked, this, &MeshDialog::chooseCaFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MeshDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setMinimumWidth(560);
    resize(660, sizeHint().height());
    validate();
    if (meshName.isEmpty())
        setTokenState(TokenState::Unchanged,
                      tr("Kept in the system keychain, never in MeshDesk's files."));
    else
        loadToken();
    m_name->setFocus();
}

QPushButton *MeshDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QWidget *MeshDialog::withError(QWidget *field, const QString &name)
{
    auto box = new QWidget(this);
    auto layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    QLabel *error = messageLabel(box);
    error->setObjectName(QStringLiteral("error:") + name);
    error->setPalette(errorPalette(this));
    layout->addWidget(error);
    m_errors.insert(name, error);
    return box;
}

void MeshDialog::addContext(const QString &context, bool known)
{
    const QString text = known ? context : tr("%1 (not in the kubeconfig)").arg(context);
    m_controlPlane->addItem(text, context);
    auto item = new QListWidgetItem(text, m_members);
    item->setData(ContextRole, context);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(Qt::Unchecked);
}

void MeshDialog::fill(const Mesh &mesh)
{
    m_meshId = mesh.meshId;
    m_name->setText(mesh.name);
    m_type->setCurrentIndex(m_type->findData(md::mesh::typeId(mesh.type)));
    // Clusters of the mesh that the kubeconfig no longer has are kept, and marked.
    for (const QString &context : mesh.clusters()) {
        if (m_controlPlane->findData(context) < 0)
            addContext(context, false);
    }
    m_controlPlane->setCurrentIndex(m_controlPlane->findData(mesh.controlPlane));
    for (int i = 0; i < m_members->count(); ++i) {
        QListWidgetItem *item = m_members->item(i);
        item->setCheckState(mesh.members.contains(item->data(ContextRole).toString())
                                ? Qt::Checked
                                : Qt::Unchecked);
    }
    m_rootNamespace->setText(mesh.rootNamespace);
    m_prometheusUrl->setText(mesh.prometheusUrl);
    m_caFile->setText(mesh.prometheusCaFile);
    m_grafanaUrl->setText(mesh.grafanaUrl);
    updateMembers();
    updateTypeHint();
}

Mesh MeshDialog::mesh() const
{
    Mesh m;
    m.name = m_name->text().trimmed();
    m.type = md::mesh::typeFromId(m_type->currentData().toString()).value_or(Mesh::Type::Dedicated);
    m.controlPlane = m_controlPlane->currentData().toString();
    for (int i = 0; i < m_members->count(); ++i) {
        const QListWidgetItem *item = m_members->item(i);
        if (!item->isHidden() && item->checkState() == Qt::Checked)
            m.members << item->data(ContextRole).toString();
    }
    m.rootNamespace = m_rootNamespace->text().trimmed();
    m.prometheusUrl = m_prometheusUrl->text().trimmed();
    m.prometheusCaFile = m_caFile->text().trimmed();
    m.grafanaUrl = m_grafanaUrl->text().trimmed();
    m.meshId = m_meshId;
    return m;
}

QString MeshDialog::fieldError(const QString &field) const
{
    if (field == TokenField)
        return m_tokenState == TokenState::Failed ? m_tokenStatus->text() : QString();
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void MeshDialog::updateMembers()
{
    // The control plane is never its own member: its row is hidden.
    const QString controlPlane = m_controlPlane->currentData().toString();
    for (int i = 0; i < m_members->count(); ++i) {
        QListWidgetItem *item = m_members->item(i);
        item->setHidden(item->data(ContextRole).toString() == controlPlane);
    }
}

void MeshDialog::updateTypeHint()
{
    switch (
        md::mesh::typeFromId(m_type->currentData().toString()).value_or(Mesh::Type::Dedicated)) {
    case Mesh::Type::Hosted:
        m_typeHint->setText(tr("One control plane for several member clusters."));
        break;
    case Mesh::Type::Dedicated:
        m_typeHint->setText(tr("Control plane and workloads in one cluster."));
        break;
    case Mesh::Type::External:
        m_typeHint->setText(tr("An Istio you installed and manage yourself."));
        break;
    }
}

void MeshDialog::showFieldError(const QString &field, const QString &message)
{
    if (field == TokenField) {
        setTokenState(TokenState::Failed, message, true);
        return;
    }
    QLabel *label = m_errors.value(field, m_status);
    label->setText(message);
    label->setVisible(!message.isEmpty());
    if (label == m_status)
        m_status->setPalette(errorPalette(this));
    growToFit();
}

bool MeshDialog::validate()
{
    for (QLabel *label : std::as_const(m_errors))
        label->hide();
    const Mesh m = mesh();
    QString field;
    QString message;
    if (auto valid = md::mesh::validateMesh(m); !valid) {
        field = valid.error().where;
        message = valid.error().message;
    } else if (m.name != m_originalName && m_registry->mesh(m.name)) {
        field = QStringLiteral("name");
        message = tr("there is a mesh named \"%1\" already").arg(m.name);
    }
    if (!field.isEmpty())
        showFieldError(field, message);
    okButton()->setEnabled(field.isEmpty() && !m_saving);
    growToFit();
    return field.isEmpty();
}

void MeshDialog::growToFit()
{
    // A word-wrapped message needs the height of its lines at the width of its field; the
    // layouts do not ask for it, so each message asks for it as its minimum (the dialog
    // grows to fit).
    QList<QLabel *> messages = m_errors.values();
    messages << m_tokenStatus << m_status;
    for (QLabel *label : std::as_const(messages)) {
        const QWidget *box = label->parentWidget();
        int width = box->contentsRect().width();
        if (box == this) {
            const QMargins margins = layout()->contentsMargins();
            width -= margins.left() + margins.right();
        }
        // (Measured here: QLabel's heightForWidth() never answers less than its minimum.)
        const QRect lines = label->fontMetrics().boundingRect(
            QRect(0, 0, std::max(width, 1), QWIDGETSIZE_MAX), Qt::TextWordWrap, label->text());
        label->setMinimumHeight(label->isHidden() || label->text().isEmpty() ? 0 : lines.height());
    }
}

void MeshDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    growToFit();
}

void MeshDialog::setTokenState(TokenState state, const QString &text, bool error)
{
    m_tokenState = state;
    const bool loading = state == TokenState::Loading;
    m_token->setReadOnly(loading);
    m_token->setPlaceholderText(loading ? tr("Loading…") : tr("None"));
    m_tokenStatus->setText(text);
    m_tokenStatus->setPalette(error ? errorPalette(this) : hintPalette(this));
    m_tokenStatus->setVisible(!text.isEmpty());
    growToFit();
    emit tokenStateChanged(state);
}

void MeshDialog::loadToken()
{
    setTokenState(TokenState::Loading, tr("Loading the token from the keychain…"));
    m_registry->prometheusToken(m_originalName)
        .then([self = QPointer<MeshDialog>(this)](const Result<std::optional<QString>> &token) {
            if (self)
                self->showToken(token);
        });
}

void MeshDialog::showToken(const Result<std::optional<QString>> &token)
{
    if (!token) {
        setTokenState(TokenState::Failed, token.error().message, true);
    } else if (token->has_value()) {
        m_token->setText(**token);
        setTokenState(TokenState::Loaded, tr("Kept in the system keychain."));
    } else {
        setTokenState(TokenState::Missing,
                      tr("The keychain holds no token for this mesh: "
                         "Prometheus is queried without one."));
    }
}

void MeshDialog::chooseCaFile()
{
    const QString current = m_caFile->text().trimmed();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Prometheus CA Certificate"),
        current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!file.isEmpty())
        m_caFile->setText(QDir::toNativeSeparators(file));
}

void MeshDialog::accept()
{
    if (m_saving || !validate())
        return;
    const Mesh m = mesh();
    const std::optional<QString> token
        = m_tokenEdited ? std::optional<QString>(m_token->text()) : std::nullopt;
    m_saving = true;
    okButton()->setEnabled(false);
    m_status->setPalette(hintPalette(this));
    m_status->setText(tr("Saving…"));
    m_status->show();
    // Keychain answers arrive on this (the GUI) thread, after the dialog may have closed
    // (QFuture::then with a context object asserts on a deleted context in Qt 6.4).
    m_registry->saveMesh(m, m_originalName, token)
        .then([self = QPointer<MeshDialog>(this), m](const Result<void> &saved) {
            if (self)
                self->saved(m, saved);
        });
}

void MeshDialog::saved(const Mesh &mesh, const Result<void> &result)
{
    m_saving = false;
    m_status->hide();
    if (result) {
        QDialog::accept();
        return;
    }
    if (result.error().where == TokenField) {
        // The mesh itself is saved: later attempts update it under its new name.
        m_originalName = mesh.name;
        setWindowTitle(tr("Mesh Settings: %1").arg(mesh.name));
        showFieldError(TokenField,
                       tr("%1\nPress OK to try again, or Cancel to keep the mesh "
                          "without its token.")
                           .arg(result.error().message));
        okButton()->setEnabled(true);
        return;
    }
    validate();
    showFieldError(result.error().where, result.error().message);
}

} // namespace md::ui
