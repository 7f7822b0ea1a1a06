#include "httpfront.h"

#include "guardedtcpserver.h"

#include <QHttpServer>

namespace Callbook {

HttpFront::HttpFront(QObject *parent)
    : QObject(parent)
    , m_home(std::make_shared<ResponderHome>(this))
    , m_http(std::make_unique<QHttpServer>()) {
    auto answerNotFound = [home = m_home](const QHttpServerRequest &request,
                                          RouteResponder responder) {
        DeferredResponder(std::move(responder), home)
            .sendError(QHttpServerResponder::StatusCode::NotFound, QStringLiteral("not_found"),
                       QStringLiteral("No route for %1.").arg(request.url().path()));
    };
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_http->setMissingHandler(m_http.get(), answerNotFound);
#else
    m_http->setMissingHandler(answerNotFound);
#endif
}

HttpFront::~HttpFront() {
    m_home->close(); // every responder not released yet goes now, while the server exists
    m_http.reset();  // the listener and every socket
}

void HttpFront::route(const QString &path, Method method, Handler handler) {
    m_http->route(path, method,
                  [this, handler = std::move(handler)](const QHttpServerRequest &request,
                                                       RouteResponder responder) {
                      handler(IncomingRequest(request),
                              DeferredResponder(std::move(responder), m_home));
                  });
}

void HttpFront::route(const QString &path, Method method, ArgHandler handler) {
    m_http->route(
        path, method,
        [this, handler = std::move(handler)](const QString &arg, const QHttpServerRequest &request,
                                             RouteResponder responder) {
            handler(arg, IncomingRequest(request), DeferredResponder(std::move(responder), m_home));
        });
}

bool HttpFront::start(const Listen &listen, QString *error) {
    auto *listener = new GuardedTcpServer();
    listener->setLimits(listen.limits);
    listener->setRequestMetrics(listen.metrics);
    if (listen.tls)
        listener->setTlsConfiguration(*listen.tls);
    if (!listener->listen(listen.address, listen.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(listen.address.toString())
                     .arg(listen.port)
                     .arg(listener->errorString());
        delete listener;
        return false;
    }
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!m_http->bind(listener)) {
        *error = QStringLiteral("cannot bind the HTTP server");
        delete listener;
        return false;
    }
#else
    m_http->bind(listener); // takes ownership
#endif
    m_listener = listener;
    m_port = listener->serverPort();
    return true;
}

qsizetype HttpFront::unreleasedResponders() const {
    return m_home->unreleased();
}

void HttpFront::stopListening() {
    if (m_listener)
        m_listener->close();
}

} // namespace Callbook
