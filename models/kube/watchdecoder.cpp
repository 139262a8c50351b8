#include "kube/watchdecoder.h"

#include "kube/jsondecode_p.h"
#include "kube/kubetr.h"

namespace md::kube {

namespace {

ApiError decodeError(const QString &message)
{
    ApiError e;
    e.kind = ApiError::Kind::Decode;
    e.message = message;
    return e;
}

} // namespace

Result<WatchEvent, ApiError> WatchDecoder::decodeLine(const QByteArray &line) const
{
    auto event = decode::watchLine(line);
    if (!event) {
        return Unexpected<ApiError> {
            decodeError(Tr::tr("watch event %1: %2").arg(m_line).arg(event.error().message))};
    }
    return std::move(*event);
}

Result<QList<WatchEvent>, ApiError> WatchDecoder::feed(const QByteArray &chunk)
{
    if (m_error)
        return Unexpected<ApiError> {*m_error};
    m_buffer.append(chunk);
    QList<WatchEvent> events;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = m_buffer.indexOf('\n', start);
        if (end < 0)
            break;
        const QByteArray line
            = QByteArray::fromRawData(m_buffer.constData() + start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty())
            continue;
        ++m_line;
        auto event = decodeLine(line);
        if (!event) {
            m_error = event.error();
            m_buffer.clear();
            return Unexpected<ApiError> {*m_error};
        }
        events.append(std::move(*event));
        ++m_events;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > MaxLineBytes) {
        m_error = decodeError(
            Tr::tr("watch event %1 is larger than %2 MiB").arg(m_line + 1).arg(MaxLineBytes >> 20));
        m_buffer.clear();
        return Unexpected<ApiError> {*m_error};
    }
    return events;
}

Result<void, ApiError> WatchDecoder::finish() const
{
    if (m_error)
        return Unexpected<ApiError> {*m_error};
    if (!m_buffer.trimmed().isEmpty())
        return Unexpected<ApiError> {
            decodeError(Tr::tr("watch stream ended inside event %1").arg(m_line + 1))};
    return {};
}

} // namespace md::kube
