#pragma once

// Navigation between modules without knowing them: a page asks for another page (with
// arguments such as a filter) or for an object to be opened (the policy editors register
// the handler that opens it). The shell carries page requests out; a page that takes
// arguments has a public slot `void setPageArguments(const QVariantMap &arguments)`.

#include <QObject>
#include <QString>
#include <QVariantMap>

#include <functional>

namespace md::ui {

// An object of a cluster, as pages refer to it.
struct ObjectLink
{
    QString context; // kubeconfig context of the cluster
    QString apiVersion; // may be empty: the preferred version the cluster serves
    QString kind; // "VirtualService"
    QString namespace_;
    QString name; // empty: a new object of that kind

    bool operator==(const ObjectLink &) const = default;
};

class Navigator final : public QObject
{
    Q_OBJECT

public:
    using ObjectHandler = std::function<bool(const ObjectLink &link)>;

    explicit Navigator(QObject *parent = nullptr);

    // Opens a page of the shell; `arguments` go to its setPageArguments slot.
    void showPage(const QString &pageId, const QVariantMap &arguments = {});
    // Opens an object in whichever module registered a handler for its kind (the policy
    // editors for Istio kinds); false when none handles it.
    bool openObject(const ObjectLink &link);
    // Registers a handler; handlers are asked in the order registered.
    void addObjectHandler(ObjectHandler handler);
    // Runs a palette command by id ("editors.import"): the shell connects this.
    void runCommand(const QString &commandId);

signals:
    void pageRequested(const QString &pageId, const QVariantMap &arguments);
    void commandRequested(const QString &commandId);

private:
    QList<ObjectHandler> m_handlers;
};

} // namespace md::ui

Q_DECLARE_METATYPE(md::ui::ObjectLink)
