#pragma once

// Writing kubeconfig changes back as kubectl does (clientcmd ModifyConfig): every changed
// stanza goes back to the file it came from, new stanzas and a new current-context go to
// LoadingRules::defaultFilename(); while writing, each file of the loading precedence is
// locked with "<file>.lock" (created with O_CREAT|O_EXCL); files are written with mode 0600.
// Only the changed stanzas are rewritten: other content of a file, including fields this
// program does not know, is kept (comments are not).

#include "core/result.h"
#include "kube/authprovider.h"
#include "kube/kubeconfig.h"

namespace md::kube {

// Writes the differences between `before` (as loaded with `rules`) and `after`.
Result<void> modifyKubeconfig(const LoadingRules &rules, const Kubeconfig &before,
                              const Kubeconfig &after);

// Stores a refreshed auth-provider config (OIDC tokens) in the stanza of user `userName`,
// re-reading the files first as client-go's persister does.
Result<void> persistAuthProviderConfig(const LoadingRules &rules, const QString &userName,
                                       const AuthProviderConfig &config);

// A persister for OidcTokenSource that writes into user `userName`'s stanza.
AuthProviderPersister kubeconfigPersister(const LoadingRules &rules, const QString &userName);

// A loader for OidcTokenSource: user `userName`'s auth-provider as the files of `rules` hold
// it now (nullopt when the user or its auth-provider is gone).
AuthProviderLoader kubeconfigAuthProviderLoader(const LoadingRules &rules, const QString &userName);

// The name of the lock file of a kubeconfig file.
inline QString kubeconfigLockName(const QString &file)
{
    return file + QStringLiteral(".lock");
}

} // namespace md::kube
