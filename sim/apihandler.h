#pragma once

// The HTTP face of one cluster: authentication, authorization, discovery, OpenAPI and the
// REST verbs on /api/v1/... and /apis/GROUP/VERSION/... .

#include "httpserver.h"

namespace md::sim {

class Cluster;
struct ApiError;
struct Caller;
struct ResourceType;

class ApiHandler
{
public:
    explicit ApiHandler(Cluster *cluster);
    HttpResponse handle(const HttpRequest &request);

private:
    struct Target
    {
        const ResourceType *type = nullptr;
        QString version;
        QString ns;
        QString name;
        QString subresource;
    };

    HttpResponse authenticated(const HttpRequest &request);
    HttpResponse faultsEndpoint(const HttpRequest &request, const Caller &caller);
    HttpResponse route(const HttpRequest &request, const Caller &caller);
    HttpResponse resourceRequest(const HttpRequest &request, const Caller &caller,
                                 const QString &group, const QString &version,
                                 const QStringList &rest);
    HttpResponse list(const HttpRequest &request, const Target &target);
    HttpResponse watch(const HttpRequest &request, const Target &target);
    HttpResponse write(const HttpRequest &request, const Caller &caller, const Target &target);
    HttpResponse scale(const HttpRequest &request, const Caller &caller, const Target &target);
    HttpResponse review(const HttpRequest &request, const Caller &caller, const Target &target);

    Cluster *m_cluster;
};

HttpResponse jsonResponse(int status, const QJsonObject &body);
HttpResponse errorResponse(const ApiError &error);

} // namespace md::sim
