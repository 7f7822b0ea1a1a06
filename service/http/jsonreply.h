#pragma once

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <memory>

namespace Callbook {

// The responder parameter of an asynchronous route handler: an rvalue reference up to Qt 6.7,
// an lvalue reference from 6.8 on.
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
using RouteResponder = QHttpServerResponder &;
#else
using RouteResponder = QHttpServerResponder &&;
#endif

QHttpServerResponse
jsonResponse(const QJsonObject &body,
             QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
// {"error":{"code":"…","message":"…"}}
QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString &code,
                                  const QString &message);
QByteArray errorBody(const QString &code, const QString &message);

// A responder that may be answered later, from a callback. QHttpServer 6.4.2 crashes when a
// moved responder writes to a client that has gone; this one writes only while the socket is
// alive and connected, at most once, and drops the answer otherwise. Copies share one answer.
class DeferredResponder {
public:
    explicit DeferredResponder(QHttpServerResponder &&responder);

    bool isAlive() const;
    void sendJson(const QJsonObject &body, QHttpServerResponder::StatusCode status);
    void sendError(QHttpServerResponder::StatusCode status, const QString &code,
                   const QString &message);
    void sendRaw(const QByteArray &body, const char *mimeType,
                 QHttpServerResponder::StatusCode status);

private:
    void send(const QByteArray &body, QHttpServerResponder::StatusCode status);
    struct State {
        explicit State(QHttpServerResponder &&r);
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        bool sent = false;
    };
    std::shared_ptr<State> m_state;
};

} // namespace Callbook
