#include "httpfront.h"

#include "guardedtcpserver.h"

#include <QHttpServer>

namespace Callbook {

namespace {

// The not-found answer needs nothing of the service: written where the request was read.
void answerNotFound(const QHttpServerRequest &request, RouteResponder responder) {
    DeferredResponder reply(std::move(responder));
    reply.sendError(QHttpServerResponder::StatusCode::NotFound, QStringLiteral("not_found"),
                    QStringLiteral("No route for %1.").arg(request.url().path()));
}

} // namespace

HttpFront::HttpFront(QObject *parent)
    : QObject(parent)
    , m_networkContext(new QObject())
    , m_http(std::make_unique<QHttpServer>()) {
    m_thread.setObjectName(QStringLiteral("callbook-network"));
    m_networkContext->moveToThread(&m_thread); // before any answer names it as home
    m_home = std::make_shared<Mailbox>(m_networkContext);
    m_service = std::make_shared<Mailbox>(this);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_http->setMissingHandler(m_http.get(), answerNotFound);
#else
    m_http->setMissingHandler(answerNotFound);
#endif
}

HttpFront::~HttpFront() {
    if (m_started) {
        // The server, its listener and its sockets go on their own thread; answers posted
        // after this are dropped (Mailbox::post refuses them).
        QMetaObject::invokeMethod(
            m_networkContext,
            [this] {
                m_home->close();
                m_http.reset();
                m_networkContext->deleteLater(); // run when the thread finishes
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        m_service->close(); // requests nobody will handle now
    } else {
        m_service->close();
        m_home->close();
        delete m_networkContext;
    }
}

void HttpFront::route(const QString &path, Method method, Handler handler) {
    auto shared = std::make_shared<const Handler>(std::move(handler));
    m_http->route(path, method,
                  [this, shared](const QHttpServerRequest &request, RouteResponder responder) {
                      m_service->post([shared, in = IncomingRequest(request),
                                       reply = DeferredResponder(std::move(responder), m_home)] {
                          (*shared)(in, reply);
                      });
                  });
}

void HttpFront::route(const QString &path, Method method, ArgHandler handler) {
    auto shared = std::make_shared<const ArgHandler>(std::move(handler));
    m_http->route(path, method,
                  [this, shared](const QString &arg, const QHttpServerRequest &request,
                                 RouteResponder responder) {
                      m_service->post([shared, arg, in = IncomingRequest(request),
                                       reply = DeferredResponder(std::move(responder), m_home)] {
                          (*shared)(arg, in, reply);
                      });
                  });
}

void HttpFront::routeOnNetworkThread(const QString &path, Method method,
                                     std::function<QByteArray()> answerJson) {
    // Written like every other answer (DeferredResponder), so it is a fair baseline.
    m_http->route(
        path, method,
        [answerJson = std::move(answerJson)](const QHttpServerRequest &, RouteResponder responder) {
            DeferredResponder(std::move(responder))
                .sendRaw(answerJson(), "application/json", QHttpServerResponder::StatusCode::Ok);
        });
}

bool HttpFront::start(const Listen &listen, QString *error) {
    m_http->moveToThread(&m_thread);
    m_thread.start();
    m_started = true;
    bool ok = false;
    QMetaObject::invokeMethod(
        m_networkContext,
        [&] {
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
                return;
            }
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
            if (!m_http->bind(listener)) {
                *error = QStringLiteral("cannot bind the HTTP server");
                delete listener;
                return;
            }
#else
            m_http->bind(listener); // takes ownership
#endif
            m_listener = listener;
            m_port = listener->serverPort();
            ok = true;
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void HttpFront::stopListening() {
    QMetaObject::invokeMethod(m_networkContext, [this] {
        if (m_listener)
            m_listener->close();
    });
}

} // namespace Callbook
