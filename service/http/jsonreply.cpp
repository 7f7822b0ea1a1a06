#include "jsonreply.h"

#include "jsonwriter.h"

#include <QJsonDocument>

namespace Callbook {

static const QByteArray kJson = QByteArrayLiteral("application/json");

QHttpServerResponse jsonResponse(const QJsonObject &body, QHttpServerResponse::StatusCode status) {
    return QHttpServerResponse(kJson, QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QByteArray errorBody(const QString &code, const QString &message) {
    return QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                      QJsonObject{{QStringLiteral("code"), code},
                                                  {QStringLiteral("message"), message}}}})
        .toJson(QJsonDocument::Compact);
}

QHttpServerResponse errorResponse(QHttpServerResponse::StatusCode status, const QString &code,
                                  const QString &message) {
    return QHttpServerResponse(kJson, errorBody(code, message), status);
}

// The responder and its socket guard travel together: into the task that writes the answer
// (on the sockets' thread), or, unanswered, back there to be destroyed.
struct DeferredResponder::Target {
    explicit Target(QHttpServerResponder &&r)
        : responder(std::move(r))
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        , socket(responder.socket())
#endif
    {
    }
    // On the responder's thread only.
    bool isAlive() const {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        return socket && socket->state() == QAbstractSocket::ConnectedState;
#else
        return true; // 6.8's responder guards its connection itself
#endif
    }
    QHttpServerResponder responder;
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    QPointer<QTcpSocket> socket;
#endif
};

struct DeferredResponder::State {
    std::unique_ptr<Target> target; // taken by the answer
    std::shared_ptr<Mailbox> home;
    std::atomic<bool> answered{false};
};

// Destroys `target` on the sockets' thread (the responder and, in 6.8, its stream live there).
static void releaseOnHome(std::unique_ptr<DeferredResponder::Target> target,
                          const std::shared_ptr<Mailbox> &home) {
    if (!target || !home || home->isCurrentThread())
        return;
    DeferredResponder::Target *raw = target.release();
    if (!home->post([raw] { delete raw; }))
        delete raw; // the front is gone: nothing of it is left to touch
}

DeferredResponder::DeferredResponder(QHttpServerResponder &&responder,
                                     std::shared_ptr<Mailbox> home)
    : m_state(new State{std::make_unique<Target>(std::move(responder)), std::move(home)},
              [](State *state) {
                  releaseOnHome(std::move(state->target), state->home);
                  delete state;
              }) {}

void DeferredResponder::deliver(std::function<void(Target &)> write) {
    if (m_state->answered.exchange(true))
        return;
    // std::function needs a copyable task: the target rides in a shared_ptr.
    auto task = [target = std::shared_ptr<Target>(std::move(m_state->target)),
                 write = std::move(write)] {
        if (target->isAlive())
            write(*target);
    };
    const std::shared_ptr<Mailbox> &home = m_state->home;
    if (!home || home->isCurrentThread())
        task();
    else
        home->post(std::move(task)); // dropped when the front is gone
}

void DeferredResponder::send(const QByteArray &body, QHttpServerResponder::StatusCode status) {
    sendRaw(body, kJson.constData(), status);
}

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
// The reason phrases of the statuses we answer with; others go through QHttpServerResponder.
static const char *reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return nullptr;
    }
}
#endif

void DeferredResponder::sendRaw(const QByteArray &body, const char *mimeType,
                                QHttpServerResponder::StatusCode status) {
    deliver([body, mime = QByteArray(mimeType), status](Target &t) {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        // QHttpServerResponder 6.4 writes the same head in about fifteen small socket writes;
        // one write of the whole answer costs a fraction. (6.8's responder is used as it is.)
        if (const char *reason = reasonPhrase(int(status))) {
            QByteArray answer;
            answer.reserve(96 + mime.size() + body.size());
            answer += "HTTP/1.1 " + QByteArray::number(int(status)) + ' ' + reason +
                      "\r\nContent-Type: " + mime +
                      "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
            answer += body;
            t.socket->write(answer);
            return;
        }
#endif
        t.responder.write(body, mime.constData(), status);
    });
}

void DeferredResponder::sendResponse(QHttpServerResponse &&response) {
    auto shared = std::make_shared<QHttpServerResponse>(std::move(response));
    deliver([shared](Target &t) {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        t.responder.sendResponse(*shared);
#else
        shared->write(std::move(t.responder));
#endif
    });
}

void DeferredResponder::sendJson(const QJsonObject &body, QHttpServerResponder::StatusCode status) {
    QByteArray bytes;
    appendJson(bytes, body); // the bytes QJsonDocument writes, without building a document
    send(bytes, status);
}

void DeferredResponder::sendError(QHttpServerResponder::StatusCode status, const QString &code,
                                  const QString &message) {
    send(errorBody(code, message), status);
}

} // namespace Callbook
