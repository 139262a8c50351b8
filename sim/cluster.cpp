#include "cluster.h"

#include "apihandler.h"
#include "controllers.h"
#include "httpserver.h"
#include "oidcissuer.h"
#include "watchhub.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>

#include "schema/crd.h"

using namespace Qt::StringLiterals;

namespace md::sim {

namespace {

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

Cluster::Cluster(ClusterConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(m_config.watchHistory)
{
    m_registry.addBuiltins();
    m_adminToken = u"admin-"_s + randomToken();
    m_viewerToken = u"viewer-"_s + randomToken();
    m_watches = new WatchHub(this);
    m_controllers = new Controllers(this);
    m_api = new ApiHandler(this);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(200);
    connect(&m_saveTimer, &QTimer::timeout, this, &Cluster::flushState);
    connect(&m_dropWatchesTimer, &QTimer::timeout, this, [this] { m_watches->dropAll(); });
    connect(&m_store, &Store::changed, this, [this](const StoreEvent &event) {
        m_watches->dispatch(event);
        m_controllers->onChange(event);
        scheduleSave();
    });
}

Cluster::~Cluster()
{
    if (m_saveTimer.isActive())
        flushState();
    delete m_api;
}

quint16 Cluster::port() const
{
    return m_server ? m_server->port() : 0;
}

QString Cluster::serverUrl() const
{
    return u"https://127.0.0.1:"_s + QString::number(port());
}

Result<void> Cluster::start()
{
    if (auto loaded = loadState(); !loaded)
        return loaded;
    if (!m_restored) {
        for (const QString &ns :
             {u"default"_s, u"kube-system"_s, u"kube-public"_s, u"kube-node-lease"_s})
            putInternal(*m_registry.byKey(u"namespaces"_s),
                        QJsonObject {{u"metadata"_s, QJsonObject {{u"name"_s, ns}}}});
        for (int i = 0; i < 3; ++i) {
            const QString node = m_config.name + u"-node-"_s + QString::number(i);
            QJsonObject labels;
            labels.insert(u"kubernetes.io/hostname"_s, node);
            labels.insert(u"topology.kubernetes.io/region"_s, m_config.name + u"-region"_s);
            QJsonObject ready;
            ready.insert(u"type"_s, u"Ready"_s);
            ready.insert(u"status"_s, u"True"_s);
            QJsonObject status;
            status.insert(u"conditions"_s, QJsonArray {ready});
            status.insert(u"nodeInfo"_s, QJsonObject {{u"kubeletVersion"_s, u"v1.32.0"_s}});
            QJsonObject object;
            object.insert(u"metadata"_s, QJsonObject {{u"name"_s, node}, {u"labels"_s, labels}});
            object.insert(u"status"_s, status);
            putInternal(*m_registry.byKey(u"nodes"_s), object);
        }
    }
    auto pki = generateServerPki(m_config.name);
    if (!pki)
        return unexpected(pki.error());
    m_pki = *pki;
    m_server = new HttpServer([this](const HttpRequest &r) { return m_api->handle(r); }, this);
    const QSslConfiguration tls = m_pki.serverConfiguration();
    if (!m_server->listen(QHostAddress::LocalHost, m_config.port, &tls))
        return unexpected(u"listen"_s, m_server->errorString(),
                          u"127.0.0.1:"_s + QString::number(m_config.port));
    return {};
}

void Cluster::setOidcIssuer(std::shared_ptr<OidcIssuer> issuer, bool serves)
{
    m_oidc = std::move(issuer);
    m_servesOidc = serves && m_oidc;
}

Result<void> Cluster::installCrd(const QJsonObject &crd)
{
    const ResourceType *type
        = m_registry.byKey(u"customresourcedefinitions.apiextensions.k8s.io"_s);
    const QString name = crd.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    WriteOptions options;
    options.validation = FieldValidation::Ignore;
    options.fieldManager = u"meshsim"_s;
    const auto existing = m_store.get(type->key(), {}, name);
    ObjectResult result = existing ? updateObject(*type, u"v1"_s, {}, name, crd, options)
                                   : createObject(*type, u"v1"_s, {}, crd, options);
    if (!result)
        return unexpected(u"crd"_s, result.error().message, name);
    return {};
}

void Cluster::setFaults(const FaultConfig &faults)
{
    m_faults = faults;
    m_dropWatchesTimer.stop();
    if (faults.dropWatchesEverySeconds > 0)
        m_dropWatchesTimer.start(faults.dropWatchesEverySeconds * 1000);
}

void Cluster::settle()
{
    m_controllers->settle();
}

void Cluster::scheduleSave()
{
    if (!m_config.stateFile.isEmpty() && !m_saveTimer.isActive())
        m_saveTimer.start();
}

void Cluster::flushState()
{
    m_saveTimer.stop();
    if (m_config.stateFile.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_config.stateFile).absolutePath());
    // QSaveFile writes to a temporary file and renames it over the old state on commit,
    // so a crash leaves either the previous state or the new one, never half of one.
    QSaveFile file(m_config.stateFile);
    if (!file.open(QIODevice::WriteOnly)) {
        qWarning("meshsim: cannot write state %s: %s", qPrintable(m_config.stateFile),
                 qPrintable(file.errorString()));
        return;
    }
    file.write(QJsonDocument(m_store.toJson()).toJson(QJsonDocument::Compact));
    if (!file.commit())
        qWarning("meshsim: cannot save state %s: %s", qPrintable(m_config.stateFile),
                 qPrintable(file.errorString()));
}

Result<void> Cluster::loadState()
{
    if (m_config.stateFile.isEmpty() || !QFile::exists(m_config.stateFile))
        return {};
    QFile file(m_config.stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return unexpected(u"state"_s, file.errorString(), m_config.stateFile);
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        return unexpected(u"state"_s, error.errorString(), m_config.stateFile);
    if (auto loaded = m_store.loadJson(doc.object()); !loaded)
        return unexpected(u"state"_s, loaded.error().message, m_config.stateFile);
    for (const auto &entry : m_store.objects(u"customresourcedefinitions.apiextensions.k8s.io"_s)) {
        auto crd = schema::crdFromJson(entry.second, m_config.stateFile);
        if (!crd)
            return unexpected(crd.error());
        if (auto added = m_registry.addCrd(*crd); !added)
            return added;
    }
    m_restored = true;
    return {};
}

void Cluster::applyDefaults(const ResourceType &type, QJsonObject &object)
{
    QJsonObject meta = object.value(u"metadata"_s).toObject();
    QJsonObject spec = object.value(u"spec"_s).toObject();
    if (type.kind == u"Namespace"_s) {
        QJsonObject labels = meta.value(u"labels"_s).toObject();
        labels.insert(u"kubernetes.io/metadata.name"_s, meta.value(u"name"_s));
        meta.insert(u"labels"_s, labels);
        object.insert(u"metadata"_s, meta);
        spec.insert(u"finalizers"_s, QJsonArray {u"kubernetes"_s});
        object.insert(u"spec"_s, spec);
        object.insert(u"status"_s, QJsonObject {{u"phase"_s, u"Active"_s}});
    } else if (type.kind == u"Service"_s) {
        if (!spec.contains(u"type"_s))
            spec.insert(u"type"_s, u"ClusterIP"_s);
        if (spec.value(u"clusterIP"_s).toString().isEmpty()) {
            const quint32 n = m_nextServiceIp++;
            const QString ip
                = u"10.96."_s + QString::number((n >> 8) & 0xff) + u'.' + QString::number(n & 0xff);
            spec.insert(u"clusterIP"_s, ip);
            spec.insert(u"clusterIPs"_s, QJsonArray {ip});
        }
        if (!spec.contains(u"sessionAffinity"_s))
            spec.insert(u"sessionAffinity"_s, u"None"_s);
        QJsonArray ports = spec.value(u"ports"_s).toArray();
        for (qsizetype i = 0; i < ports.size(); ++i) {
            QJsonObject p = ports.at(i).toObject();
            if (!p.contains(u"protocol"_s))
                p.insert(u"protocol"_s, u"TCP"_s);
            if (!p.contains(u"targetPort"_s))
                p.insert(u"targetPort"_s, p.value(u"port"_s));
            ports.replace(i, p);
        }
        spec.insert(u"ports"_s, ports);
        object.insert(u"spec"_s, spec);
        object.insert(u"status"_s, QJsonObject {{u"loadBalancer"_s, QJsonObject {}}});
    } else if (type.kind == u"Deployment"_s || type.kind == u"StatefulSet"_s
               || type.kind == u"ReplicaSet"_s) {
        if (!spec.contains(u"replicas"_s))
            spec.insert(u"replicas"_s, 1);
        if (type.kind != u"ReplicaSet"_s && !spec.contains(u"revisionHistoryLimit"_s))
            spec.insert(u"revisionHistoryLimit"_s, 10);
        if (type.kind == u"Deployment"_s && !spec.contains(u"strategy"_s))
            spec.insert(u"strategy"_s,
                        QJsonObject {{u"type"_s, u"RollingUpdate"_s},
                                     {u"rollingUpdate"_s,
                                      QJsonObject {{u"maxSurge"_s, u"25%"_s},
                                                   {u"maxUnavailable"_s, u"25%"_s}}}});
        if (type.kind == u"Deployment"_s && !spec.contains(u"progressDeadlineSeconds"_s))
            spec.insert(u"progressDeadlineSeconds"_s, 600);
        if (type.kind == u"StatefulSet"_s) {
            if (!spec.contains(u"updateStrategy"_s))
                spec.insert(u"updateStrategy"_s,
                            QJsonObject {{u"type"_s, u"RollingUpdate"_s},
                                         {u"rollingUpdate"_s, QJsonObject {{u"partition"_s, 0}}}});
            if (!spec.contains(u"podManagementPolicy"_s))
                spec.insert(u"podManagementPolicy"_s, u"OrderedReady"_s);
        }
        object.insert(u"spec"_s, spec);
    } else if (type.kind == u"DaemonSet"_s) {
        if (!spec.contains(u"revisionHistoryLimit"_s))
            spec.insert(u"revisionHistoryLimit"_s, 10);
        if (!spec.contains(u"updateStrategy"_s))
            spec.insert(u"updateStrategy"_s,
                        QJsonObject {{u"type"_s, u"RollingUpdate"_s},
                                     {u"rollingUpdate"_s,
                                      QJsonObject {{u"maxUnavailable"_s, 1}, {u"maxSurge"_s, 0}}}});
        object.insert(u"spec"_s, spec);
    } else if (type.kind == u"ServiceAccount"_s || type.kind == u"ConfigMap"_s
               || type.kind == u"Secret"_s) {
        // As the API server defaults it: a Secret without a type (or with an empty one) is
        // Opaque, and field selectors on type=Opaque find it.
        if (type.kind == u"Secret"_s && object.value(u"type"_s).toString().isEmpty())
            object.insert(u"type"_s, u"Opaque"_s);
    }
}

} // namespace md::sim
