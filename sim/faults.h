#pragma once

// Faults a simulated API server can inject, for clients' reliability tests. Set with
// meshsim's --fault-* flags, or while running with the admin endpoint of each cluster:
//   GET /meshsim/faults            the current settings (admin token)
//   PATCH|PUT /meshsim/faults      merges a JSON object of the fields below
// {"latencyMs": 0, "errorRate": 0, "throttleRate": 0, "retryAfterSeconds": 1,
//  "dropWatchesEverySeconds": 0, "expireWatchResumes": false, "revokedTokens": ["viewer"]}

#include "core/result.h"

#include <QJsonObject>
#include <QStringList>

namespace md::sim {

struct FaultConfig
{
    int latencyMs = 0; // added to every API answer
    double errorRate = 0; // share of API requests answered 500 InternalError
    double throttleRate = 0; // share answered 429 TooManyRequests with Retry-After
    int retryAfterSeconds = 1;
    int dropWatchesEverySeconds = 0; // open watch connections are dropped this often
    bool expireWatchResumes = false; // watches from a resourceVersion get 410 Expired
    QStringList revokedTokens; // "admin" and/or "viewer": answered 401

    QJsonObject toJson() const;
    // Applies the fields present in `patch`; fails on a wrong type or range.
    Result<FaultConfig> merged(const QJsonObject &patch) const;
};

} // namespace md::sim
