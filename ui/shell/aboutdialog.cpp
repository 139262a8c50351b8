#include "shell/aboutdialog.h"

#include "shell/icons.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace md::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About MeshDesk"));
    auto icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(64, 64));
    auto text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setText(tr("<h2>MeshDesk %1</h2>"
                     "<p>A native desktop console for Istio service meshes across several "
                     "Kubernetes clusters.</p>"
                     "<p>Built with Qt %2.</p>")
                      .arg(QStringLiteral(MESHDESK_VERSION), QString::fromLatin1(qVersion())));
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(text);
    layout->addWidget(buttons);
    setMinimumWidth(380);
}

} // namespace md::ui
