#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QPair>
#include <QUrl>

namespace Callbook {

// What a route handler needs of a request, as a plain value: QHttpServer reuses its request
// object for the next request on the connection, while a handler may answer later. Copying is
// cheap (implicitly shared).
class IncomingRequest {
public:
    using Method = QHttpServerRequest::Method;

    IncomingRequest() = default;
    explicit IncomingRequest(const QHttpServerRequest &request);

    Method method() const { return m_method; }
    const QUrl &url() const { return m_url; }
    const QByteArray &body() const { return m_body; }
    const QHostAddress &remoteAddress() const { return m_remoteAddress; }
    // The first header of that name (case-insensitive), empty if there is none.
    QByteArray value(QByteArrayView name) const;

private:
    Method m_method = Method::Unknown;
    QUrl m_url;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
    QHostAddress m_remoteAddress;
};

} // namespace Callbook
