#include "kube/kubeclient.h"

#include "kube/authprovider.h"
#include "kube/execauthenticator.h"
#include "kube/kubetr.h"
#include "kube/oidcrefresher.h"
#include "kube/tlsconfig.h"
#include "kube/tokensource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace md::kube {

struct KubeClient::Credentials
{
    QByteArray authorization;
    std::optional<ExecCredential> execUsed;
    QString oidcIdToken; // the id-token sent, to forget it after a 401
    QSslConfiguration ssl;
};

struct KubeClient::Private
{
    std::unique_ptr<TokenFileSource> tokenFile;
    std::shared_ptr<ExecAuthenticator> exec;
    std::shared_ptr<OidcTokenSource> oidc; // shared by every client of the user
    Result<QSslConfiguration> baseSsl = QSslConfiguration();
};

namespace {

constexpr int RequestTimeoutMs = 60000;
constexpr int MaxThrottleRetries = 3; // 429 answers retried after their Retry-After

ApiError transportError(QNetworkReply *reply, const QString &url)
{
    ApiError e;
    e.url = url;
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = ApiError::Kind::Tls;
        break;
    default:
        e.kind = ApiError::Kind::Network;
        break;
    }
    e.message = reply->errorString();
    return e;
}

QStringList parseWarnings(const QNetworkReply *reply)
{
    QStringList warnings;
    for (const auto &pair : reply->rawHeaderPairs()) {
        if (pair.first.compare("Warning", Qt::CaseInsensitive) != 0)
            continue;
        // RFC 7234 warn-value: 299 - "text" (several may be joined with ", ").
        static const QRegularExpression re(
            QStringLiteral("\\d{3}\\s+\\S+\\s+\"((?:[^\"\\\\]|\\\\.)*)\""));
        auto it = re.globalMatch(QString::fromUtf8(pair.second));
        while (it.hasNext())
            warnings << it.next().captured(1).replace(QStringLiteral("\\\""), QStringLiteral("\""));
    }
    return warnings;
}

// The whole answer, read once into a buffer with room for the 64 bytes of padding the JSON
// decoder reads past the end (readAll() would concatenate, and padding would copy again:
// two copies of a 50 MB list).
QByteArray readBody(QNetworkReply *reply)
{
    constexpr qsizetype Padding = 64;
    QByteArray data;
    data.reserve(qsizetype(reply->bytesAvailable()) + Padding);
    while (reply->bytesAvailable() > 0) {
        const qsizetype at = data.size();
        const qsizetype want = qsizetype(reply->bytesAvailable());
        if (data.capacity() < at + want + Padding)
            data.reserve(at + want + Padding);
        data.resize(at + want);
        const qint64 got = reply->read(data.data() + at, want);
        data.resize(at + std::max<qint64>(0, got));
        if (got <= 0)
            break;
    }
    return data;
}

struct Parsed
{
    QJsonObject object;
    std::optional<ApiError> error;
};

Parsed parseBody(const QByteArray &body, const QString &url)
{
    Parsed p;
    if (body.trimmed().isEmpty())
        return p;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        ApiError e;
        e.kind = ApiError::Kind::Decode;
        e.url = url;
        e.message = err.error != QJsonParseError::NoError
            ? Tr::tr("malformed JSON at offset %1: %2").arg(err.offset).arg(err.errorString())
            : Tr::tr("the answer is not a JSON object");
        p.error = e;
        return p;
    }
    p.object = doc.object();
    return p;
}

// Runs `work` on the thread pool when called from the GUI thread (parsing must not block
// it), inline otherwise; delivers the result on `context`'s thread.
template<typename T, typename Work, typename Deliver>
void offGuiThread(QObject *context, Work work, Deliver deliver)
{
    if (QCoreApplication::instance()
        && QThread::currentThread() == QCoreApplication::instance()->thread()) {
        QtConcurrent::run(std::move(work)).then(context, std::move(deliver));
    } else {
        deliver(work());
    }
}

ApiError authError(const QString &message)
{
    ApiError e;
    e.kind = ApiError::Kind::Auth;
    e.message = message;
    return e;
}

} // namespace

KubeClient::KubeClient(RestConfig config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_config(std::move(config))
    , m_nam(newNetworkManager(this))
{
    d->baseSsl = makeSslConfiguration(m_config.tls);
    if (!m_config.bearerTokenFile.isEmpty() && m_config.bearerToken.isEmpty())
        d->tokenFile = std::make_unique<TokenFileSource>(m_config.bearerTokenFile);
    if (m_config.exec)
        d->exec
            = ExecAuthenticator::shared(*m_config.exec, m_config.execCluster, m_config.userName);
    if (m_config.authProvider && m_config.authProvider->name == QLatin1String("oidc"))
        d->oidc = oidcTokenSource(m_config);
}

KubeClient::~KubeClient() = default;

QByteArray KubeClient::contentType(PatchType type)
{
    switch (type) {
    case PatchType::Merge:
        return QByteArrayLiteral("application/merge-patch+json");
    case PatchType::JsonPatch:
        return QByteArrayLiteral("application/json-patch+json");
    case PatchType::Apply:
        return QByteArrayLiteral("application/apply-patch+yaml");
    case PatchType::StrategicMerge:
        return QByteArrayLiteral("application/strategic-merge-patch+json");
    }
    return {};
}

void KubeClient::withCredentials(
    QObject *context, std::function<void(Result<std::shared_ptr<Credentials>, ApiError>)> done)
{
    using R = Result<std::shared_ptr<Credentials>, ApiError>;
    if (!d->baseSsl) {
        ApiError e;
        e.kind = ApiError::Kind::Tls;
        e.message = d->baseSsl.error().toString();
        done(R(Unexpected<ApiError> {e}));
        return;
    }
    auto creds = std::make_shared<Credentials>();
    creds->ssl = *d->baseSsl;

    if (d->exec) {
        d->exec->credential().then(
            context, [creds, done](const Result<ExecCredential> &credential) {
                if (!credential) {
                    done(R(Unexpected<ApiError> {authError(credential.error().toString())}));
                    return;
                }
                creds->execUsed = *credential;
                if (!credential->token.isEmpty())
                    creds->authorization = "Bearer " + credential->token.toUtf8();
                if (credential->hasCertificate()) {
                    auto applied = applyClientCertificate(
                        creds->ssl, credential->clientCertificateData, credential->clientKeyData);
                    if (!applied) {
                        done(R(Unexpected<ApiError> {authError(applied.error().toString())}));
                        return;
                    }
                }
                done(R(creds));
            });
        return;
    }
    if (d->oidc) {
        d->oidc->token().then(context, [creds, done](const Result<QString> &token) {
            if (!token) {
                done(R(Unexpected<ApiError> {authError(token.error().toString())}));
                return;
            }
            creds->authorization = "Bearer " + token->toUtf8();
            creds->oidcIdToken = *token;
            done(R(creds));
        });
        return;
    }
    if (!m_config.bearerToken.isEmpty()) {
        creds->authorization = "Bearer " + m_config.bearerToken.toUtf8();
    } else if (d->tokenFile) {
        const Result<QString> token = d->tokenFile->token();
        if (!token) {
            done(R(Unexpected<ApiError> {authError(token.error().toString())}));
            return;
        }
        creds->authorization = "Bearer " + token->toUtf8();
    } else if (!m_config.username.isEmpty()) {
        creds->authorization = "Basic "
            + (m_config.username + QLatin1Char(':') + m_config.password).toUtf8().toBase64();
    }
    done(R(creds));
}

QNetworkAccessManager *KubeClient::newNetworkManager(QObject *parent) const
{
    auto *nam = new QNetworkAccessManager(parent);
    nam->setAutoDeleteReplies(false);
    // proxy-url (http, https or socks5); without one, the environment's proxies as kubectl.
    if (!m_config.proxyUrl.isEmpty()) {
        const QUrl proxy(m_config.proxyUrl);
        const bool socks = proxy.scheme() == QLatin1String("socks5");
        nam->setProxy(QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                                    proxy.host(), quint16(proxy.port(socks ? 1080 : 3128)),
                                    proxy.userName(), proxy.password()));
    } else {
        // A process-wide setting: make it once, not per client.
        static const bool systemProxies = [] {
            QNetworkProxyFactory::setUseSystemConfiguration(true);
            return true;
        }();
        Q_UNUSED(systemProxies)
    }
    return nam;
}

QNetworkRequest KubeClient::makeRequest(const QString &path, const QUrlQuery &query,
                                        const Credentials &credentials) const
{
    QUrl url = m_config.server;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path, QUrl::TolerantMode);
    url.setQuery(query);

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "meshdesk/" MESHDESK_VERSION);
    if (!credentials.authorization.isEmpty())
        request.setRawHeader("Authorization", credentials.authorization);
    const Impersonation &imp = m_config.impersonate;
    if (!imp.isEmpty()) {
        request.setRawHeader("Impersonate-User", imp.user.toUtf8());
        if (!imp.uid.isEmpty())
            request.setRawHeader("Impersonate-Uid", imp.uid.toUtf8());
        // Several groups: one header line each is not possible with QNetworkRequest, and the
        // API server also accepts them comma-separated.
        if (!imp.groups.isEmpty())
            request.setRawHeader("Impersonate-Group", imp.groups.join(QLatin1Char(',')).toUtf8());
        for (auto it = imp.extra.cbegin(); it != imp.extra.cend(); ++it) {
            request.setRawHeader("Impersonate-Extra-" + QUrl::toPercentEncoding(it.key()),
                                 it.value().join(QLatin1Char(',')).toUtf8());
        }
    }
    if (m_config.disableCompression)
        request.setRawHeader("Accept-Encoding", "identity");
    if (m_config.isTls()) {
        request.setSslConfiguration(credentials.ssl);
        if (!m_config.tls.serverName.isEmpty())
            request.setPeerVerifyName(m_config.tls.serverName);
    }
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    return request;
}

void KubeClient::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                         const QByteArray &body, const QByteArray &contentType, QObject *context,
                         std::function<void(ResponseResult)> done)
{
    QPointer<QObject> guard(context);
    send(
        method, path, query, body, contentType, context,
        [guard, done = std::move(done)](RawResult raw) {
            if (!raw) {
                done(ResponseResult(Unexpected<ApiError> {raw.error()}));
                return;
            }
            if (!guard)
                return;
            offGuiThread<Parsed>(
                guard, [data = raw->body, url = raw->url] { return parseBody(data, url); },
                [done, code = raw->code, warnings = raw->warnings](const Parsed &parsed) {
                    if (parsed.error) {
                        done(ResponseResult(Unexpected<ApiError> {*parsed.error}));
                        return;
                    }
                    done(ResponseResult(Response {code, parsed.object, warnings}));
                });
        },
        false);
}

void KubeClient::send(const QByteArray &method, const QString &path, const QUrlQuery &query,
                      const QByteArray &body, const QByteArray &contentType, QObject *context,
                      std::function<void(RawResult)> done, bool retriedAfter401,
                      int throttleRetries)
{
    QPointer<QObject> guard(context);
    withCredentials(this, [=, this](Result<std::shared_ptr<Credentials>, ApiError> creds) {
        if (!guard)
            return;
        if (!creds) {
            done(RawResult(Unexpected<ApiError> {creds.error()}));
            return;
        }
        QNetworkRequest req = makeRequest(path, query, **creds);
        req.setTransferTimeout(RequestTimeoutMs);
        if (!contentType.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        const QString url = req.url().toString(QUrl::RemoveUserInfo);
        QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
        std::shared_ptr<Credentials> used = *creds;
        connect(reply, &QNetworkReply::finished, this, [=, this] {
            reply->deleteLater();
            if (!guard)
                return;
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            QByteArray data = readBody(reply);
            if (!status.isValid()) {
                done(RawResult(Unexpected<ApiError> {transportError(reply, url)}));
                return;
            }
            const int code = status.toInt();
            if (code >= 400) {
                ApiError e = parseStatus(code, data, url, reply->rawHeader("Retry-After"));
                if (code == 401 && !retriedAfter401
                    && (used->execUsed || !used->oidcIdToken.isEmpty())) {
                    onUnauthorized(*used);
                    send(method, path, query, body, contentType, guard, done, true,
                         throttleRetries);
                    return;
                }
                if (code == 429 && throttleRetries < MaxThrottleRetries) {
                    // Throttled: the request was not processed; try again when the server says.
                    const int seconds = std::clamp(e.retryAfterSeconds.value_or(1), 1, 30);
                    emit throttled(path, seconds);
                    QTimer::singleShot(seconds * 1000, this, [=, this] {
                        if (guard)
                            send(method, path, query, body, contentType, guard, done,
                                 retriedAfter401, throttleRetries + 1);
                    });
                    return;
                }
                done(RawResult(Unexpected<ApiError> {e}));
                return;
            }
            done(RawResult(RawResponse {code, std::move(data), parseWarnings(reply), url}));
        });
    });
}

void KubeClient::onUnauthorized(const Credentials &used)
{
    if (d->exec && used.execUsed)
        d->exec->invalidate(*used.execUsed);
    if (d->oidc && !used.oidcIdToken.isEmpty())
        d->oidc->invalidate(used.oidcIdToken); // the next request refreshes
}

void KubeClient::get(const ResourceRef &resource, const QString &ns, const QString &name,
                     QObject *context, std::function<void(ObjectResult)> done)
{
    request("GET", resource.objectPath(ns, name), {}, {}, {}, context, [done](ResponseResult r) {
        done(r ? ObjectResult(r->body) : ObjectResult(Unexpected<ApiError> {r.error()}));
    });
}

void KubeClient::list(const ResourceRef &resource, const QString &ns, const ListOptions &options,
                      QObject *context, std::function<void(ListResult)> done)
{
    QUrlQuery query;
    if (!options.labelSelector.isEmpty())
        query.addQueryItem(QStringLiteral("labelSelector"), options.labelSelector);
    if (!options.fieldSelector.isEmpty())
        query.addQueryItem(QStringLiteral("fieldSelector"), options.fieldSelector);
    if (options.limit > 0)
        query.addQueryItem(QStringLiteral("limit"), QString::number(options.limit));
    if (!options.continueToken.isEmpty())
        query.addQueryItem(QStringLiteral("continue"), options.continueToken);
    if (!options.resourceVersion.isEmpty())
        query.addQueryItem(QStringLiteral("resourceVersion"), options.resourceVersion);
    if (!options.resourceVersionMatch.isEmpty())
        query.addQueryItem(QStringLiteral("resourceVersionMatch"), options.resourceVersionMatch);
    QPointer<QObject> guard(context);
    send(
        "GET", resource.collectionPath(ns), query, {}, {}, context,
        [guard, done = std::move(done)](RawResult raw) {
            if (!raw) {
                done(ListResult(Unexpected<ApiError> {raw.error()}));
                return;
            }
            if (!guard)
                return;
            offGuiThread<ListResult>(
                guard,
                [data = std::move(raw->body), url = raw->url]() mutable -> ListResult {
                    auto list = decode::list(data);
                    if (list)
                        return std::move(*list);
                    ApiError e;
                    e.kind = ApiError::Kind::Decode;
                    e.url = url;
                    e.message = list.error().message;
                    return Unexpected<ApiError> {e};
                },
                [done](ListResult list) { done(std::move(list)); });
        },
        false);
}

void KubeClient::listAll(const ResourceRef &resource, const QString &ns, ListOptions options,
                         QObject *context, std::function<void(ListResult)> done)
{
    auto accumulated = std::make_shared<ObjectList>();
    auto step = std::make_shared<std::function<void(ListResult)>>();
    QPointer<QObject> guard(context);
    *step = [=, this](ListResult page) mutable {
        if (!page) {
            done(page);
            *step = nullptr; // break the cycle
            return;
        }
        accumulated->items.append(page->items);
        accumulated->resourceVersion = page->resourceVersion;
        accumulated->kind = page->kind;
        if (page->continueToken.isEmpty() || !guard) {
            done(ListResult(std::move(*accumulated)));
            *step = nullptr;
            return;
        }
        options.continueToken = page->continueToken;
        list(resource, ns, options, guard, *step);
    };
    list(resource, ns, options, context, *step);
}

QUrlQuery KubeClient::writeQuery(const WriteOptions &options, bool apply) const
{
    QUrlQuery query;
    if (options.dryRun)
        query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    if (!options.fieldValidation.isEmpty())
        query.addQueryItem(QStringLiteral("fieldValidation"), options.fieldValidation);
    if (!options.fieldManager.isEmpty())
        query.addQueryItem(QStringLiteral("fieldManager"), options.fieldManager);
    if (apply)
        query.addQueryItem(QStringLiteral("force"),
                           options.force ? QStringLiteral("true") : QStringLiteral("false"));
    return query;
}

namespace {
std::function<void(ResponseResult)> toObject(std::function<void(ObjectResult)> done)
{
    return [done](ResponseResult r) {
        done(r ? ObjectResult(r->body) : ObjectResult(Unexpected<ApiError> {r.error()}));
    };
}
QString nameOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String("name"))
        .toString();
}
} // namespace

void KubeClient::create(const ResourceRef &resource, const QString &ns, const QJsonObject &object,
                        const WriteOptions &options, QObject *context,
                        std::function<void(ObjectResult)> done)
{
    request("POST", resource.collectionPath(ns), writeQuery(options, false),
            QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", context,
            toObject(std::move(done)));
}

void KubeClient::update(const ResourceRef &resource, const QString &ns, const QJsonObject &object,
                        const WriteOptions &options, QObject *context,
                        std::function<void(ObjectResult)> done)
{
    request("PUT", resource.objectPath(ns, nameOf(object)), writeQuery(options, false),
            QJsonDocument(object).toJson(QJsonDocument::Compact), "application/json", context,
            toObject(std::move(done)));
}

void KubeClient::patch(const ResourceRef &resource, const QString &ns, const QString &name,
                       PatchType type, const QByteArray &patch, const WriteOptions &options,
                       QObject *context, std::function<void(ObjectResult)> done)
{
    request("PATCH", resource.objectPath(ns, name), writeQuery(options, type == PatchType::Apply),
            patch, contentType(type), context, toObject(std::move(done)));
}

void KubeClient::remove(const ResourceRef &resource, const QString &ns, const QString &name,
                        const WriteOptions &options, QObject *context,
                        std::function<void(ObjectResult)> done)
{
    QUrlQuery query;
    if (options.dryRun)
        query.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    request("DELETE", resource.objectPath(ns, name), query, {}, {}, context,
            toObject(std::move(done)));
}

WatchStream *KubeClient::watch(const ResourceRef &resource, const QString &ns,
                               const WatchOptions &options, QObject *parent)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("watch"), QStringLiteral("1"));
    if (!options.resourceVersion.isEmpty())
        query.addQueryItem(QStringLiteral("resourceVersion"), options.resourceVersion);
    if (options.allowBookmarks)
        query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    if (options.timeoutSeconds > 0)
        query.addQueryItem(QStringLiteral("timeoutSeconds"),
                           QString::number(options.timeoutSeconds));
    if (!options.labelSelector.isEmpty())
        query.addQueryItem(QStringLiteral("labelSelector"), options.labelSelector);
    if (!options.fieldSelector.isEmpty())
        query.addQueryItem(QStringLiteral("fieldSelector"), options.fieldSelector);
    auto stream = new WatchStream(parent);
    stream->start(this, resource.collectionPath(ns), query);
    return stream;
}

// --- WatchStream ---------------------------------------------------------------------------

WatchStream::WatchStream(QObject *parent)
    : QObject(parent)
{ }

WatchStream::~WatchStream()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void WatchStream::start(KubeClient *client, const QString &path, const QUrlQuery &query)
{
    m_running = true;
    QPointer<KubeClient> c(client);
    client->withCredentials(
        this,
        [this, c, path, query](Result<std::shared_ptr<KubeClient::Credentials>, ApiError> creds) {
            if (!m_running)
                return;
            if (!c) {
                ApiError e;
                e.message = Tr::tr("the client was closed");
                fail(e);
                return;
            }
            if (!creds) {
                fail(creds.error());
                return;
            }
            QNetworkRequest req = c->makeRequest(path, query, **creds);
            req.setTransferTimeout(0);
            m_url = req.url().toString(QUrl::RemoveUserInfo);
            // A connection of its own: over HTTP/1.1 a watch holds its connection for minutes,
            // and Qt opens at most six per host and manager, so ten watches on the client's
            // manager would starve each other and every other request.
            m_reply = c->newNetworkManager(this)->get(req);
            connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
                const QVariant code = m_reply
                    ? m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute)
                    : QVariant();
                if (!m_opened && code.isValid() && code.toInt() < 400) {
                    m_opened = true;
                    emit opened();
                }
            });
            connect(m_reply, &QNetworkReply::readyRead, this, &WatchStream::onReadyRead);
            connect(m_reply, &QNetworkReply::finished, this, &WatchStream::onFinished);
        });
}

void WatchStream::onReadyRead()
{
    if (!m_reply || !m_running)
        return;
    const int code = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (code >= 400)
        return; // the error body is read whole in onFinished()
    auto decoded = m_decoder.feed(m_reply->readAll());
    if (!decoded) {
        ApiError e = decoded.error();
        e.url = m_url;
        fail(e);
        return;
    }
    QList<WatchEvent> batch;
    for (WatchEvent &event : *decoded) {
        if (event.type == WatchEvent::Type::Error) {
            if (!batch.isEmpty())
                emit events(batch);
            const int statusCode = event.status.value(QLatin1String("code")).toInt();
            fail(parseStatus(statusCode, QJsonDocument(event.status).toJson(QJsonDocument::Compact),
                             m_url));
            return;
        }
        batch.append(std::move(event));
    }
    if (!batch.isEmpty())
        emit events(batch);
}

void WatchStream::onFinished()
{
    if (!m_reply || !m_running)
        return;
    QNetworkReply *reply = m_reply;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        fail(transportError(reply, m_url));
        return;
    }
    const int code = status.toInt();
    if (code >= 400) {
        fail(parseStatus(code, reply->readAll(), m_url, reply->rawHeader("Retry-After")));
        return;
    }
    onReadyRead();
    if (!m_running)
        return;
    if (reply->error() != QNetworkReply::NoError) {
        fail(transportError(reply, m_url));
        return;
    }
    if (auto end = m_decoder.finish(); !end) {
        ApiError e = end.error();
        e.url = m_url;
        fail(e);
        return;
    }
    m_running = false;
    m_reply->deleteLater();
    m_reply = nullptr;
    emit finished(std::nullopt);
}

void WatchStream::fail(const ApiError &error)
{
    if (!m_running)
        return;
    abort();
    emit finished(error);
}

void WatchStream::abort()
{
    if (!m_running)
        return;
    m_running = false;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

} // namespace md::kube
