#pragma once

#include "httplimits.h"
#include "incomingrequest.h"
#include "jsonreply.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;

namespace Callbook {

class GuardedTcpServer;
class HttpRequestMetrics;

// The HTTP front: QHttpServer and its guarded listener, serving on the thread this object lives
// on (the service thread). A request is read, handled and answered there without crossing
// threads: nothing on this thread waits on the database or the network, and handing each
// request to another thread and its answer back cost about a fifth of a function call's CPU
// (bench_functions). Handlers get a copy of the request, since QHttpServer reuses its request
// object for the next request on the connection while an answer may come later. It stays on the
// thread it was made on: its server and responders' home belong to that thread.
class HttpFront final : public QObject {
    Q_OBJECT
public:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<void(const IncomingRequest &, DeferredResponder)>;
    // For paths ending in <arg>: the argument comes first.
    using ArgHandler =
        std::function<void(const QString &, const IncomingRequest &, DeferredResponder)>;

    explicit HttpFront(QObject *parent = nullptr);
    ~HttpFront() override; // closes every connection; later answers are dropped

    // Routes are matched in the order they are added; all before start().
    void route(const QString &path, Method method, Handler handler);
    void route(const QString &path, Method method, ArgHandler handler);
    struct Listen {
        QHostAddress address;
        quint16 port = 0;
        HttpLimits limits;
        HttpRequestMetrics *metrics = nullptr; // thread-safe; lives longer than this
        std::optional<QSslConfiguration> tls;
    };
    // Binds and starts serving.
    bool start(const Listen &listen, QString *error);
    quint16 port() const { return m_port; }
    // No new connections; accepted ones are still answered.
    void stopListening();
    // Responders not released yet, answered or not (for tests and diagnostics).
    qsizetype unreleasedResponders() const;

private:
    // This thread, which owns the sockets: where answers are written and responders released.
    std::shared_ptr<ResponderHome> m_home;
    std::unique_ptr<QHttpServer> m_http;
    GuardedTcpServer *m_listener = nullptr; // owned by m_http after bind()
    quint16 m_port = 0;
};

} // namespace Callbook
