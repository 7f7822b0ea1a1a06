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

// The responder and its socket guard travel together: into the task that writes the answer (on
// the sockets' thread), or, unanswered, back there to be released. Known to its home until then.
struct DeferredResponder::Target {
    Target(QHttpServerResponder &&r, std::shared_ptr<ResponderHome> home)
        : responder(std::move(r))
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        , socket(responder->socket())
#endif
        , home(std::move(home)) {
        if (this->home)
            this->home->adopt(this);
    }
    ~Target() {
        // Off the home thread only once the home is closed, which forgot every target.
        if (home && !home->isClosed())
            home->forget(this);
    }
    // On the responder's thread only.
    bool isAlive() const {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
        return responder && socket && socket->state() == QAbstractSocket::ConnectedState;
#else
        return responder.has_value(); // 6.8's responder guards its connection itself
#endif
    }
    // The front is going: the responder goes now, while its server still exists.
    void release() {
        responder.reset();
    }

    std::optional<QHttpServerResponder> responder;
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    QPointer<QTcpSocket> socket;
#endif
    const std::shared_ptr<ResponderHome> home;
};

void ResponderHome::close() {
    m_closed = true;
    for (DeferredResponder::Target *target : m_live)
        target->release();
    m_live.clear();
    m_mailbox->close(); // queued releases are destroyed here, with nothing left to touch
}

struct DeferredResponder::State {
    std::unique_ptr<Target> target; // taken by the answer
    std::atomic<bool> answered{false};
};

// Destroys `target` at home, not before QHttpServer has finished handling the request that made
// it (see ResponderHome). Qt 6.4's responder does nothing when it goes, so there it goes at once
// when this runs at home.
static void release(std::unique_ptr<DeferredResponder::Target> target) {
    if (!target || !target->home)
        return;
    const std::shared_ptr<ResponderHome> home = target->home;
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    if (home->isCurrentThread())
        return;
#endif
    // A closed home drops the task, and the target with it, where it was posted: its responder
    // was released when the home closed.
    home->post([target = std::shared_ptr<DeferredResponder::Target>(std::move(target))] {});
}

DeferredResponder::DeferredResponder(QHttpServerResponder &&responder,
                                     std::shared_ptr<ResponderHome> home)
    : m_state(new State{std::make_unique<Target>(std::move(responder), std::move(home))},
              [](State *state) {
                  release(std::move(state->target));
                  delete state;
              }) {}

void DeferredResponder::deliver(std::function<void(Target &)> write) {
    if (m_state->answered.exchange(true))
        return;
    std::unique_ptr<Target> target = std::move(m_state->target);
    const std::shared_ptr<ResponderHome> home = target->home;
    if (!home || home->isCurrentThread()) {
        if (target->isAlive())
            write(*target);
        release(std::move(target));
        return;
    }
    // std::function needs a copyable task: the target rides in a shared_ptr. Dropped, with its
    // target, when the front is gone.
    home->post([target = std::shared_ptr<Target>(std::move(target)), write = std::move(write)] {
        if (target->isAlive())
            write(*target);
    });
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
        t.responder->write(body, mime.constData(), status);
    });
}

void DeferredResponder::sendResponse(QHttpServerResponse &&response) {
    auto shared = std::make_shared<QHttpServerResponse>(std::move(response));
    deliver([shared](Target &t) {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        t.responder->sendResponse(*shared);
#else
        shared->write(std::move(*t.responder));
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
