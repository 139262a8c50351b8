#pragma once

// Incremental decoder of a Kubernetes watch stream: newline-delimited JSON objects
// {"type": ..., "object": {...}} arriving in chunks split anywhere.

#include "core/result.h"
#include "kube/apierror.h"
#include "kube/kubeobject.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace md::kube {

struct WatchEvent
{
    enum class Type { Added, Modified, Deleted, Bookmark, Error };
    Type type = Type::Added;
    KubeObject object; // the object (for a bookmark, only its resourceVersion counts)
    QJsonObject status; // the Status of an Error event
};

class WatchDecoder
{
public:
    // Feeds the next chunk; returns the events completed by it. After an error the decoder
    // stays failed (the stream cannot be trusted) and every further call returns the error.
    Result<QList<WatchEvent>, ApiError> feed(const QByteArray &chunk);

    // The stream ended: an incomplete last line is an error.
    Result<void, ApiError> finish() const;

    qint64 eventsDecoded() const { return m_events; }
    qsizetype bufferedBytes() const { return m_buffer.size(); }

    static constexpr qsizetype MaxLineBytes = 64 * 1024 * 1024;

private:
    Result<WatchEvent, ApiError> decodeLine(const QByteArray &line) const;

    QByteArray m_buffer;
    qint64 m_events = 0;
    qint64 m_line = 0;
    std::optional<ApiError> m_error;
};

} // namespace md::kube
