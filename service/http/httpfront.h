#pragma once

#include "httplimits.h"
#include "incomingrequest.h"
#include "jsonreply.h"
#include "mailbox.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <QThread>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;

namespace Callbook {

class GuardedTcpServer;
class HttpRequestMetrics;

// The HTTP front: QHttpServer and its guarded listener on a network thread of their own, so
// reading and parsing requests and writing answers run beside the service's work instead of
// taking turns with it. Routes run their handler on the service thread (the thread this object
// lives on) with a copy of the request; only trivial routes answer on the network thread.
class HttpFront final : public QObject {
    Q_OBJECT
public:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<void(const IncomingRequest &, DeferredResponder)>;
    // For paths ending in <arg>: the argument comes first.
    using ArgHandler =
        std::function<void(const QString &, const IncomingRequest &, DeferredResponder)>;

    explicit HttpFront(QObject *parent = nullptr);
    ~HttpFront() override; // stops the network thread; answers still queued are dropped

    // Routes are matched in the order they are added; all before start().
    void route(const QString &path, Method method, Handler handler);
    void route(const QString &path, Method method, ArgHandler handler);
    // Answered on the network thread with 200 and the JSON `answerJson` gives: for routes
    // that touch nothing of the service.
    void routeOnNetworkThread(const QString &path, Method method,
                              std::function<QByteArray()> answerJson);

    struct Listen {
        QHostAddress address;
        quint16 port = 0;
        HttpLimits limits;
        HttpRequestMetrics *metrics = nullptr; // thread-safe; lives longer than this
        std::optional<QSslConfiguration> tls;
    };
    // Binds and starts serving (blocks until the listener is up or has failed).
    bool start(const Listen &listen, QString *error);
    quint16 port() const { return m_port; }
    // No new connections; accepted ones are still answered.
    void stopListening();

private:
    QThread m_thread;
    QObject *m_networkContext;              // lives on m_thread
    std::shared_ptr<Mailbox> m_home;        // answers, to the network thread
    std::shared_ptr<Mailbox> m_service;     // requests, to the service thread
    std::unique_ptr<QHttpServer> m_http;    // moved to m_thread by start()
    GuardedTcpServer *m_listener = nullptr; // owned by m_http after bind()
    quint16 m_port = 0;
    bool m_started = false;
};

} // namespace Callbook
