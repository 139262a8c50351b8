#pragma once

#include <QFrame>

class QLabel;

namespace md::ui {

// One card of the Mesh overview: a title, a big figure, a line under it and a few detail
// lines. Clicking it (or Enter/Space when focused) emits activated().
class OverviewCard final : public QFrame
{
    Q_OBJECT

public:
    explicit OverviewCard(const QString &id, QWidget *parent = nullptr);

    QString id() const { return m_id; }
    void setTitle(const QString &title);
    void setValue(const QString &value, const QString &caption = {});
    // Plain-text lines under the figure.
    void setDetails(const QStringList &lines);
    // Rich-text detail lines with links (`<a href="page.id">`): a link emits linkActivated.
    void setRichDetails(const QStringList &lines);
    // Warning colour for the figure when something needs attention.
    void setAttention(bool attention);

    QString titleText() const;
    QString valueText() const;
    QString captionText() const;
    QString detailText() const;

signals:
    void activated();
    void linkActivated(const QString &link);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QString m_id;
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_caption = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace md::ui
