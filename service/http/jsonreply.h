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
#include <unordered_set>

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

class ResponderHome;

// A responder that may be answered later, from a callback, on any thread. QHttpServer 6.4.2
// crashes when a moved responder writes to a client that has gone; this one writes only while
// the socket is alive and connected, at most once, and drops the answer otherwise. Its `home`
// (the front's, on the thread that owns the sockets) is where an answer given on another
// thread is written and where the responder is released; without one, both happen where the
// answer is given (for a server used on one thread only). Copies share one answer.
class DeferredResponder {
public:
    explicit DeferredResponder(QHttpServerResponder &&responder,
                               std::shared_ptr<ResponderHome> home = {});

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

// Where one front's responders live: the thread that owns its sockets. Answers given on another
// thread are written there and responders are released there; from Qt 6.8 on never while
// QHttpServer is still handling the request that made them, since its responder tells its
// connection to read the next request when it goes (released within the handler, the connection
// would listen twice). And when the front goes, every responder not released yet is released
// first, while QHttpServer still exists (a 6.8 responder released later would tell a connection
// that is gone).
class ResponderHome {
public:
    explicit ResponderHome(QObject *context)
        : m_mailbox(std::make_shared<Mailbox>(context)) {}

    bool isCurrentThread() const { return m_mailbox->isCurrentThread(); }
    bool isClosed() const { return m_closed.load(); }
    // Runs `task` on the home thread, in its next round; false (and `task` dropped here) once
    // closed.
    bool post(std::function<void()> task) { return m_mailbox->post(std::move(task)); }
    // On the home thread, while QHttpServer still exists: releases every responder now, and
    // later answers are dropped.
    void close();

    // On the home thread, while not closed: the responders not released yet.
    void adopt(DeferredResponder::Target *target) { m_live.insert(target); }
    void forget(DeferredResponder::Target *target) { m_live.erase(target); }
    qsizetype unreleased() const { return qsizetype(m_live.size()); }

private:
    std::shared_ptr<Mailbox> m_mailbox;
    std::unordered_set<DeferredResponder::Target *> m_live;
    std::atomic<bool> m_closed{false};
};

} // namespace Callbook
