#pragma once

// One simulated Kubernetes cluster: its PKI, tokens, resource types, object store, the
// HTTPS API server, watches and the controllers that act like kube-controller-manager
// and istiod's sidecar injector.

#include "admission.h"
#include "apierror.h"
#include "core/result.h"
#include "faults.h"
#include "registry.h"
#include "store.h"
#include "tls.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

namespace md::sim {

class HttpServer;
class WatchHub;
class Controllers;
class ApiHandler;
class OidcIssuer;

struct ClusterConfig
{
    QString name; // "primary", "member", ...
    QString network; // Istio network name
    QString meshId; // Istio mesh ID
    bool controlPlane = false; // runs the mesh's istiod that member clusters use
    quint16 port = 0; // 0: chosen by the OS
    QString stateFile; // empty: no persistence
    int watchHistory = 10000; // events kept for watch resumption
};

struct Caller
{
    QString user;
    bool admin = false;
    bool oidc = false; // authenticated with an id-token of the OIDC issuer
};

struct WriteOptions
{
    bool dryRun = false;
    FieldValidation validation = FieldValidation::Strict;
    QString fieldManager;
    QStringList *warnings = nullptr;
};

using ObjectResult = Result<QJsonObject, ApiError>;

class Cluster : public QObject
{
    Q_OBJECT
public:
    explicit Cluster(ClusterConfig config, QObject *parent = nullptr);
    ~Cluster() override;

    // Loads the saved state (if any), generates the PKI and starts serving.
    Result<void> start();
    // Adds CRDs as objects (what --crds and the permissive Istio kinds do).
    Result<void> installCrd(const QJsonObject &crd);
    // Writes pending state now (at exit).
    void flushState();
    // Runs the controllers until they have nothing left to do.
    void settle();

    const FaultConfig &faults() const { return m_faults; }
    void setFaults(const FaultConfig &faults);

    const ClusterConfig &config() const { return m_config; }
    QString name() const { return m_config.name; }
    quint16 port() const;
    QString serverUrl() const;
    const ServerPki &pki() const { return m_pki; }
    QString adminToken() const { return m_adminToken; }
    QString viewerToken() const { return m_viewerToken; }
    bool restoredFromState() const { return m_restored; }

    // The mesh's OIDC issuer (--oidc-issuer): its id-tokens are accepted here; with `serves`
    // this cluster's port also serves the issuer's endpoints.
    void setOidcIssuer(std::shared_ptr<OidcIssuer> issuer, bool serves);
    OidcIssuer *oidcIssuer() const { return m_oidc.get(); }
    bool servesOidcIssuer() const { return m_servesOidc; }

    Registry &registry() { return m_registry; }
    const Registry &registry() const { return m_registry; }
    Store &store() { return m_store; }
    const Store &store() const { return m_store; }
    WatchHub *watches() const { return m_watches; }

    // --- object operations with Kubernetes semantics (used by the API and controllers)
    ObjectResult createObject(const ResourceType &type, const QString &version, const QString &ns,
                              QJsonObject object, const WriteOptions &options);
    ObjectResult updateObject(const ResourceType &type, const QString &version, const QString &ns,
                              const QString &name, QJsonObject object, const WriteOptions &options,
                              const QString &subresource = {});
    // `created` tells whether an apply created the object.
    ObjectResult patchObject(const ResourceType &type, const QString &version, const QString &ns,
                             const QString &name, const QByteArray &contentType,
                             const QByteArray &body, const WriteOptions &options, bool force,
                             const QString &subresource, bool *created);
    ObjectResult deleteObject(const ResourceType &type, const QString &ns, const QString &name,
                              const WriteOptions &options, const QJsonObject &deleteOptions);
    // Internal writes (controllers): no validation, status kept, no managedFields tracking
    // beyond the given manager.
    QJsonObject putInternal(const ResourceType &type, QJsonObject object,
                            const QString &manager = QStringLiteral("meshsim-controller"));

    // The stored object as seen in `version` of its type.
    static QJsonObject asVersion(const ResourceType &type, const QString &version,
                                 QJsonObject object);
    std::optional<QJsonObject> namespaceObject(const QString &name) const;

private:
    ObjectResult commit(const ResourceType &type, const QString &version,
                        const std::optional<QJsonObject> &existing, QJsonObject object,
                        const WriteOptions &options, bool trackFields, const QString &subresource);
    void applyDefaults(const ResourceType &type, QJsonObject &object);
    void garbageCollect(const QString &ownerUid, const QString &ns);
    void scheduleSave();
    Result<void> loadState();

    ClusterConfig m_config;
    ServerPki m_pki;
    QString m_adminToken;
    QString m_viewerToken;
    Registry m_registry;
    Store m_store;
    HttpServer *m_server = nullptr;
    WatchHub *m_watches = nullptr;
    Controllers *m_controllers = nullptr;
    ApiHandler *m_api = nullptr;
    QTimer m_saveTimer;
    QTimer m_dropWatchesTimer;
    FaultConfig m_faults;
    bool m_restored = false;
    std::shared_ptr<OidcIssuer> m_oidc;
    bool m_servesOidc = false;
    quint32 m_nextServiceIp = 10;
};

} // namespace md::sim
