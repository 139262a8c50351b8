#pragma once

#include <QWidget>

class QLabel;

namespace md::ui {

// The connection state in the status bar: a coloured dot and a short text. The mesh and
// cluster connection layer drives it; with nothing connected it says so.
class ConnectionStatus final : public QWidget
{
    Q_OBJECT

public:
    enum class State { NotConnected, Connecting, Connected, Degraded, Failed };
    Q_ENUM(State)

    explicit ConnectionStatus(QWidget *parent = nullptr);

    State state() const { return m_state; }
    void setState(State state, const QString &detail = {});
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    State m_state = State::NotConnected;
    QString m_detail;
    QLabel *m_dot = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace md::ui
