#include "editors/importdialog.h"

#include "apply/importer.h"
#include "editors/editorsession.h"
#include "editors/yamleditor.h"
#include "editors/yamlpaths.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace md::ui {

ImportDialog::ImportDialog(EditorSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_text(new YamlEditor(this))
    , m_namespace(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_source(QStringLiteral("<paste>"))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import YAML"));
    auto intro = new QLabel(tr("Paste Kubernetes objects (separated by ---) or open a file. "
                               "They are validated together, shown in one review and applied "
                               "in order: Gateways and DestinationRules before the "
                               "VirtualServices that use them."),
                            this);
    intro->setWordWrap(true);
    m_namespace->setObjectName(QStringLiteral("importNamespace"));
    m_namespace->setPlaceholderText(tr("default"));
    m_namespace->setToolTip(tr("For objects that do not name their namespace"));
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    auto form = new QFormLayout;
    form->addRow(tr("Namespace for objects without one:"), m_namespace);

    auto buttons = new QDialogButtonBox(this);
    auto open = buttons->addButton(tr("Open File…"), QDialogButtonBox::ActionRole);
    auto review = buttons->addButton(tr("Review…"), QDialogButtonBox::AcceptRole);
    review->setObjectName(QStringLiteral("importReview"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(open, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(review, &QPushButton::clicked, this, &ImportDialog::review);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_text, &QPlainTextEdit::textChanged, m_error, &QLabel::hide);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_text, 1);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(900, 640);
}

void ImportDialog::chooseFile()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Import YAML"), QString(),
                                       tr("YAML or JSON (*.yaml *.yml *.json);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ImportDialog::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        m_error->show();
        return false;
    }
    m_text->setPlainText(QString::fromUtf8(file.readAll()));
    m_source = path;
    m_error->hide();
    return true;
}

bool ImportDialog::review()
{
    md::apply::ImportOptions options;
    options.defaultNamespace = m_namespace->text().trimmed().isEmpty()
        ? QStringLiteral("default")
        : m_namespace->text().trimmed();
    auto items = md::apply::importObjects(m_text->toPlainText().toUtf8(), m_source, options);
    if (!items) {
        m_error->setText(items.error().toString());
        m_error->show();
        if (const int line = lineOfParseError(items.error().message); line > 0)
            m_text->goToLine(line);
        return false;
    }
    m_session->reviewObjects(*items, parentWidget());
    accept();
    return true;
}

} // namespace md::ui
