#pragma once

// Asynchronous REST client for one Kubernetes API server (one kubeconfig context), over
// QtNetwork with TLS. Every call takes a context object and a callback that runs on the
// context's thread; when the context dies first, the callback never runs. Answers are
// parsed off the GUI thread.

#include "core/result.h"
#include "kube/apierror.h"
#include "kube/kubeobject.h"
#include "kube/resourceref.h"
#include "kube/restconfig.h"
#include "kube/watchdecoder.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace md::kube {

struct ListOptions
{
    QString labelSelector;
    QString fieldSelector;
    int limit = 0; // 0 = no paging
    QString continueToken;
    QString resourceVersion; // "0" = from the watch cache
    QString resourceVersionMatch;
};

struct WatchOptions
{
    QString resourceVersion;
    bool allowBookmarks = true;
    int timeoutSeconds = 0; // 0 = server default
    QString labelSelector;
    QString fieldSelector;
};

struct WriteOptions
{
    bool dryRun = false;
    QString fieldValidation = QStringLiteral("Strict"); // Strict, Warn, Ignore
    QString fieldManager = QStringLiteral("meshdesk");
    bool force = false; // server-side apply only, and only when the user chose it
};

enum class PatchType { Merge, JsonPatch, Apply, StrategicMerge };

// A successful answer: the parsed body and the server's warnings (Warning headers).
struct Response
{
    int code = 0;
    QJsonObject body;
    QStringList warnings;
};

using ResponseResult = Result<Response, ApiError>;
using ObjectResult = Result<QJsonObject, ApiError>;
using ListResult = Result<ObjectList, ApiError>;

class WatchStream;

class KubeClient final : public QObject
{
    Q_OBJECT

public:
    // Each client has its own QNetworkAccessManager (living in the client's thread): Qt pools
    // connections by host and port only, so clients with different CAs or client
    // certificates for one server must not share a pool (a reused connection would skip
    // verification or carry another user's certificate).
    explicit KubeClient(RestConfig config, QObject *parent = nullptr);
    ~KubeClient() override;

    const RestConfig &config() const { return m_config; }

    // The generic call everything else goes through: a path below the server, a query,
    // an optional body. Error answers become ApiError (Status parsed).
    void request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                 const QByteArray &body, const QByteArray &contentType, QObject *context,
                 std::function<void(ResponseResult)> done);

    void get(const ResourceRef &resource, const QString &ns, const QString &name, QObject *context,
             std::function<void(ObjectResult)> done);
    // One page of a list.
    void list(const ResourceRef &resource, const QString &ns, const ListOptions &options,
              QObject *context, std::function<void(ListResult)> done);
    // Every page of a list (following `continue`), delivered at once.
    void listAll(const ResourceRef &resource, const QString &ns, ListOptions options,
                 QObject *context, std::function<void(ListResult)> done);
    void create(const ResourceRef &resource, const QString &ns, const QJsonObject &object,
                const WriteOptions &options, QObject *context,
                std::function<void(ObjectResult)> done);
    // PUT carrying the object's metadata.resourceVersion: a stale one gives a 409 Conflict.
    void update(const ResourceRef &resource, const QString &ns, const QJsonObject &object,
                const WriteOptions &options, QObject *context,
                std::function<void(ObjectResult)> done);
    void patch(const ResourceRef &resource, const QString &ns, const QString &name, PatchType type,
               const QByteArray &patch, const WriteOptions &options, QObject *context,
               std::function<void(ObjectResult)> done);
    void remove(const ResourceRef &resource, const QString &ns, const QString &name,
                const WriteOptions &options, QObject *context,
                std::function<void(ObjectResult)> done);

    // Opens a watch; the stream belongs to `parent` and emits events until it finishes.
    WatchStream *watch(const ResourceRef &resource, const QString &ns, const WatchOptions &options,
                       QObject *parent);

    static QByteArray contentType(PatchType type);

signals:
    // The server answered 429: the request at `path` is sent again after `retryAfterSeconds`
    // (up to three times), so callers and the UI can say that the cluster is throttling.
    void throttled(const QString &path, int retryAfterSeconds);

private:
    friend class WatchStream;
    struct Credentials;
    void withCredentials(QObject *context,
                         std::function<void(Result<std::shared_ptr<Credentials>, ApiError>)> done);
    QNetworkAccessManager *newNetworkManager(QObject *parent) const;
    QNetworkRequest makeRequest(const QString &path, const QUrlQuery &query,
                                const Credentials &credentials) const;
    // A successful answer before its body is decoded.
    struct RawResponse
    {
        int code = 0;
        QByteArray body;
        QStringList warnings;
        QString url;
    };
    using RawResult = Result<RawResponse, ApiError>;
    void send(const QByteArray &method, const QString &path, const QUrlQuery &query,
              const QByteArray &body, const QByteArray &contentType, QObject *context,
              std::function<void(RawResult)> done, bool retriedAfter401, int throttleRetries = 0);
    void onUnauthorized(const Credentials &used);
    QUrlQuery writeQuery(const WriteOptions &options, bool apply) const;

    struct Private;
    std::unique_ptr<Private> d;
    RestConfig m_config;
    QNetworkAccessManager *m_nam = nullptr; // Owned (child).
};

// A running watch. Emits events in arrival order (decoded off the network callback), then
// finished() once: with no error when the server closed the stream normally (timeout), or
// with the error (a 410 Expired arrives as an ApiError with code 410).
class WatchStream final : public QObject
{
    Q_OBJECT

public:
    ~WatchStream() override;
    void abort();
    bool isRunning() const { return m_running; }

signals:
    // The server accepted the watch (a 2xx answer began): the stream is live.
    void opened();
    void events(const QList<md::kube::WatchEvent> &events);
    void finished(const std::optional<md::kube::ApiError> &error);

private:
    friend class KubeClient;
    explicit WatchStream(QObject *parent);
    void start(KubeClient *client, const QString &path, const QUrlQuery &query);
    void onReadyRead();
    void onFinished();
    void fail(const ApiError &error);

    QPointer<QNetworkReply> m_reply;
    WatchDecoder m_decoder;
    QString m_url;
    bool m_running = false;
    bool m_opened = false;
};

} // namespace md::kube

Q_DECLARE_METATYPE(md::kube::WatchEvent)
