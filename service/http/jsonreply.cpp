#include "jsonreply.h"

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

DeferredResponder::State::State(QHttpServerResponder &&r)
    : responder(std::move(r))
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    , socket(responder.socket())
#endif
{
}

DeferredResponder::DeferredResponder(QHttpServerResponder &&responder)
    : m_state(std::make_shared<State>(std::move(responder))) {}

bool DeferredResponder::isAlive() const {
#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    return m_state->socket && m_state->socket->state() == QAbstractSocket::ConnectedState;
#else
    return true; // 6.8's responder guards its connection itself
#endif
}

void DeferredResponder::send(const QByteArray &body, QHttpServerResponder::StatusCode status) {
    sendRaw(body, kJson.constData(), status);
}

void DeferredResponder::sendRaw(const QByteArray &body, const char *mimeType,
                                QHttpServerResponder::StatusCode status) {
    if (m_state->sent || !isAlive())
        return;
    m_state->sent = true;
    m_state->responder.write(body, mimeType, status);
}

void DeferredResponder::sendJson(const QJsonObject &body, QHttpServerResponder::StatusCode status) {
    send(QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

void DeferredResponder::sendError(QHttpServerResponder::StatusCode status, const QString &code,
                                  const QString &message) {
    send(errorBody(code, message), status);
}

} // namespace Callbook
