#pragma once

#include "mailbox.h"
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>

#include <QPointer>
#include <QTcpSocket>
#include <atomic>
#include <functional>
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

// A responder that may be answered later, from a callback, on any thread. QHttpServer 6.4.2
// crashes when a moved responder writes to a client that has gone; this one writes only while
// the socket is alive and connected, at most once, and drops the answer otherwise. With a
// `home` (the thread that owns the sockets), an answer given on another thread is written
// there, and a responder dropped on another thread is destroyed there. Copies share one answer.
class DeferredResponder {
public:
    explicit DeferredResponder(QHttpServerResponder &&responder,
                               std::shared_ptr<Mailbox> home = {});

    void sendJson(const QJsonObject &body, QHttpServerResponder::StatusCode status);
    void sendError(QHttpServerResponder::StatusCode status, const QString &code,
                   const QString &message);
    void sendRaw(const QByteArray &body, const char *mimeType,
                 QHttpServerResponder::StatusCode status);
    void sendResponse(QHttpServerResponse &&response);

    struct Target;

private:
    struct State;
    void send(const QByteArray &body, QHttpServerResponder::StatusCode status);
    // Runs `write` on the responder's thread unless an answer was given already.
    void deliver(std::function<void(Target &)> write);
    std::shared_ptr<State> m_state;
};

} // namespace Callbook
